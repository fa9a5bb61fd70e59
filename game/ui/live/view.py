"""The live screen's layout and drawing: the heading, the join card (code, QR code, addresses),
the race's players and board, the podium, the host's buttons, and the starting, failed and
ending cards. The huddle's conversation and votes are in game.ui.live.huddle.

`LiveView` is the half of the live screen that measures and draws;
game.ui.live.scene keeps the state and the input and fills in the attributes
declared here. Everything is drawn at the meeting board's projector sizes.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

from game.core.standings import Standing, champions_of
from game.ui.canvas import Box, Canvas
from game.ui.drawing import button_height, draw_button
from game.ui.live.huddle import HuddleView
from game.ui.meeting.board import (
    BoardLayout,
    StandingsTable,
    board_layout,
    board_type,
    draw_board_card,
    draw_podium_and_champions,
)
from game.ui.scenes.common import art_backdrop
from game.ui.theme import CANVAS_H, CANVAS_W, GAP, MARGIN, PAD, RADIUS, mix
from game.ui.widgets import Button, FocusGroup

if TYPE_CHECKING:
    from game.live.session import LiveSnapshot
    from game.ui.live.hosting import HostedSession, HostRequest

Action = tuple[str, int]  # ("go", 2): go with choice 2; other actions use 0
BACK, END, GO, JOIN, MOST, PODIUM, REVEAL, TIMER = (
    "back",
    "end",
    "go",
    "join",
    "most",
    "podium",
    "reveal",
    "timers",
)
JOIN_W = 380.0  # logical pixels: the join card in a race
JOIN_W_HUDDLE = 300.0  # logical pixels: the join card beside the room's conversation
TIMER_W = 330.0  # logical pixels: the timers button (its label and value)
NOTE_S = 8.0  # seconds the latest line of the session's log stays in the heading
NOTE_W = 330.0  # logical pixels: that line, under the status at the top right
TIMER_LABELS = {"normal": "As written", "slow": "Twice as long", "off": "Off"}
MODE_LABELS = {"race": "Race", "huddle": "Huddle"}
SETTING_DIM = 130  # 0–255: darkening over a scenario's setting behind the huddle


class LiveView(HuddleView):
    """Layout and drawing of the live screen, from the state its scene keeps."""

    # The state, kept by the scene.
    request: HostRequest
    session: HostedSession | None
    snap: LiveSnapshot | None
    qr: pygame.Surface | None
    table: StandingsTable
    standings: list[Standing]
    show_podium: bool
    show_join: bool
    focus: FocusGroup[Action]

    @property
    def state(self) -> str:
        raise NotImplementedError

    @property
    def error(self) -> str | None:
        raise NotImplementedError

    def _init_view(self) -> None:
        self._init_huddle()
        self.top = 0.0
        self.bottom = 0.0
        self.join_card: Box = (0.0, 0.0, 0.0, 0.0)
        self.main_card: Box = (0.0, 0.0, 0.0, 0.0)
        self.places: BoardLayout | None = None
        self.card_layout: BoardLayout | None = None
        self._qr_cache: dict[int, pygame.Surface] = {}
        self.message_card: Box = (0.0, 0.0, 0.0, 0.0)

    # -- layout ----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        with board_type(canvas):
            self.top = 30 + canvas.line_height("title") + canvas.line_height("subheading") + 14
            row_h = button_height(canvas)
            buttons_y = CANVAS_H - 14 - row_h
            self.bottom = buttons_y - 16
            self._layout_buttons(canvas, buttons_y, row_h)
            huddle = self.request.mode == "huddle"
            join_w = JOIN_W_HUDDLE if huddle else JOIN_W
            self.join_card = (MARGIN, self.top, join_w, self.bottom - self.top)
            x = MARGIN + join_w + 24 if self.show_join or not huddle else float(MARGIN)
            self.main_card = (x, self.top, CANVAS_W - MARGIN - x, self.bottom - self.top)
            self.places = board_layout(canvas, self.top, self.bottom)
            self.card_layout = _card_layout(canvas, self.main_card)
            self.table.rows_shown = (
                self.places.rows_shown if self.show_podium else self.card_layout.rows_shown
            )
            if huddle:
                self._layout_huddle(canvas, self.main_card)
            self._layout_message(canvas, row_h)

    def _message(self) -> tuple[str, str]:
        """The card shown while the session is not running: its title and text."""
        state = self.state
        if state == "failed":
            return "The live session could not start", self.error or ""
        if state == "ending":
            return (
                "Ending the session…",
                "Every phone is told. Finished results are being recorded (or kept on this "
                "computer until the database answers).",
            )
        return (
            "Starting the live session…",
            "Opening the port for the room's phones, and the results database.",
        )

    def _layout_message(self, canvas: Canvas, row_h: float) -> None:
        width = 760.0
        _title, text = self._message()
        block = canvas.wrap(text, "body", width - 2 * PAD)
        height = PAD + canvas.line_height("heading") + GAP + block.height + PAD
        failed = self.state == "failed"
        if failed:
            height += GAP + row_h
        x, y = (CANVAS_W - width) / 2, max(self.top, (CANVAS_H - height) / 2)
        self.message_card = (x, y, width, height)
        if failed and self.focus.buttons:
            back = self.focus.buttons[0]
            back.box = (x + width - PAD - 170, y + height - PAD - row_h, 170, row_h)

    def _layout_buttons(self, canvas: Canvas, y: float, row_h: float) -> None:
        """The host's buttons along the bottom: the next steps at the left, End at the right."""
        x = float(MARGIN)
        for button in self.focus.buttons:
            if button.action[0] == GO:
                continue  # the options are the buttons to go with a choice
            if button.action[0] == END:
                width = canvas.measure(button.label, button.style)[0] + 48
                button.box = (CANVAS_W - MARGIN - width, y, width, row_h)
                continue
            width = (
                TIMER_W
                if button.kind == "row"
                else max(170.0, canvas.measure(button.label, button.style)[0] + 48)
            )
            button.box = (x, y, width, row_h)
            x += width + 12

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        with board_type(canvas):
            self._draw(canvas)

    def _draw(self, canvas: Canvas) -> None:
        room = self.snap.room if self.snap is not None else None
        setting = room.view.get("setting") if room is not None else None
        art_backdrop(canvas, self.ctx.art.setting(setting or "meeting", canvas.size_px))
        if setting:  # a scenario's light setting: darkened so the heading reads on it
            canvas.scrim(canvas.palette.scrim, SETTING_DIM)
        self._draw_heading(canvas)
        state = self.state
        if state == "running" and self.snap is not None:
            if room is not None:
                if self.show_join:
                    self._draw_join(canvas, compact=True)
                self._draw_huddle(canvas, room, self.snap)
            elif self.show_podium:
                self._draw_podium(canvas)
            else:
                self._draw_join(canvas, compact=False)
                self._draw_race(canvas, self.snap)
            self._draw_buttons(canvas)
        else:
            self._draw_message(canvas)

    def _draw_heading(self, canvas: Canvas) -> None:
        p = canvas.palette
        on_dark = p.ink_on_dark
        soft = mix(on_dark, p.backdrop, 0.25)
        snap, session = self.snap, self.session
        title = snap.title if snap is not None else (session.plan.title if session else "")
        box = canvas.text(
            canvas.fit(title or "Live session", "title", CANVAS_W - 2 * MARGIN - 330),
            "title",
            (MARGIN, 24),
            on_dark,
        )
        mode = MODE_LABELS.get(self.request.mode, self.request.mode)
        line = f"Live {mode.lower()}"
        if snap is not None:
            line += f"  ·  session “{snap.session}”"
            view = snap.room.view if snap.room is not None else {}
            if int(view.get("parts", 1)) > 1:
                line += f"  ·  scenario {view.get('part')} of {view.get('parts')}"
            if snap.room is None and snap.players:
                finished = sum(1 for player in snap.players if player.finished)
                line += f"  ·  {finished} of {len(snap.players)} finished"
        info = session.info if session is not None else None
        hidden = self.show_podium or (self.request.mode == "huddle" and not self.show_join)
        if hidden and info is not None and snap is not None:
            line = f"Join at {_address(info.url)}  ·  code {_spaced(snap.code)}"
        if snap is not None and snap.room is not None and self.state == "running":
            votes = self.votes_text(snap.room, snap)
            line += f"  ·  {votes}" if votes else ""
        canvas.text(
            canvas.fit(line, "subheading", CANVAS_W - 2 * MARGIN - NOTE_W - 20),
            "subheading",
            (MARGIN, box[1] + box[3] + 2),
            soft,
        )
        self._draw_status(canvas, box[1] + box[3] / 2)

    def _draw_status(self, canvas: Canvas, middle: float) -> None:
        """A pill at the top right: how many are here, and the latest line of the log."""
        p = canvas.palette
        snap = self.snap
        if self.state != "running" or snap is None:
            return
        connected = sum(1 for player in snap.players if player.connected)
        text = f"Live  ·  {connected} connected"
        if len(snap.players) > connected:
            text += f" of {len(snap.players)}"
        width = canvas.measure(text, "label")[0] + 58
        height = canvas.line_height("label") + 16
        right = CANVAS_W - MARGIN
        canvas.panel((right - width, middle - height / 2, width, height), p.panel, height / 2, 235)
        canvas.circle((right - width + 24, middle), 7, p.positive)
        canvas.text(text, "label", (right - 20, middle), p.ink, "midright")
        timer = self.timer_text(snap.room) if snap.room is not None else None
        if timer:  # the room's timer, beside the status (the laptop keeps the real clock)
            timer_w = canvas.measure(timer, "label")[0] + 40
            box = (right - width - 12 - timer_w, middle - height / 2, timer_w, height)
            canvas.panel(box, p.accent, height / 2)
            canvas.text(timer, "label", (box[0] + timer_w / 2, middle), p.accent_ink, "center")
        note = self._latest_note()
        if note:
            y = middle + height / 2 + 8
            shown = canvas.fit(note, "caption", NOTE_W)
            canvas.text(
                shown, "caption", (right, y), mix(p.ink_on_dark, p.backdrop, 0.2), "topright"
            )

    def _latest_note(self) -> str | None:
        session = self.session
        if session is None or not session.notes:
            return None
        note = session.notes[-1]
        return note.text if time.monotonic() - note.at < NOTE_S else None

    # -- the join card ---------------------------------------------------------------------------
    def _draw_join(self, canvas: Canvas, compact: bool) -> None:
        p = canvas.palette
        session = self.session
        info = session.info if session is not None else None
        snap = self.snap
        if info is None or snap is None:
            return
        x, y, w, _h = self.join_card
        canvas.panel(
            self.join_card, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha
        )
        middle = x + w / 2
        inner = w - 2 * PAD
        canvas.text("Join on your phone", "label", (middle, y + PAD - 6), p.ink_muted, "midtop")
        qr = self.qr_box(canvas)
        self._draw_qr(canvas)
        cy = qr[1] + qr[3] + 8
        canvas.text("Go to", "caption", (middle, cy), p.ink_muted, "midtop")
        cy += canvas.line_height("caption")
        url = canvas.fit(_address(info.url), "subheading", inner)
        canvas.text(url, "subheading", (middle, cy), p.ink, "midtop")
        cy += canvas.line_height("subheading")
        canvas.text("and type the code", "caption", (middle, cy), p.ink_muted, "midtop")
        cy += canvas.line_height("caption")
        style = "title" if compact else "display"
        code = canvas.fit(_spaced(snap.code), style, inner)
        canvas.text(code, style, (middle, cy), p.accent, "midtop")
        cy += canvas.line_height(style) + 6
        for other in info.urls[1:3]:
            text = canvas.fit(f"also {_address(other)}", "caption", inner)
            canvas.text(text, "caption", (middle, cy), p.ink_muted, "midtop")
            cy += canvas.line_height("caption")

    def qr_box(self, canvas: Canvas) -> Box:
        """Where the QR code goes in the join card: as large as the card leaves room for."""
        info = self.session.info if self.session is not None else None
        others = len(info.urls[1:3]) if info is not None else 0
        x, y, w, h = self.join_card
        top = y + PAD - 6 + canvas.line_height("label") + 6
        style = "title" if self.request.mode == "huddle" else "display"
        below = 8 + 2 * canvas.line_height("caption") + canvas.line_height("subheading")
        below += canvas.line_height(style) + 6 + others * canvas.line_height("caption")
        size = max(90.0, min(w - 2 * PAD, y + h - PAD - below - top))
        return (x + (w - size) / 2, top, size, size)

    def qr_placement(self, canvas: Canvas) -> tuple[int, int, int, int] | None:
        """The QR code on the window: left, top (window pixels), pixels per module, modules."""
        if self.qr is None:
            return None
        with board_type(canvas):
            x, y, w, h = self.qr_box(canvas)
        modules = self.qr.get_width()
        scale = max(1, canvas.length(w) // modules)
        side = modules * scale
        left, top = canvas.point(x + w / 2, y + h / 2)
        return left - side // 2, top - side // 2, scale, modules

    def _draw_qr(self, canvas: Canvas) -> None:
        """The QR code enlarged by whole pixels per module, so it stays sharp to scan."""
        base, placed = self.qr, self.qr_placement(canvas)
        if base is None or placed is None:
            return
        left, top, scale, modules = placed
        surface = self._qr_cache.get(scale)
        if surface is None:
            self._qr_cache.clear()
            surface = pygame.transform.scale(base, (modules * scale, modules * scale))
            self._qr_cache[scale] = surface
        canvas.surface.blit(surface, (left, top))

    # -- a race ----------------------------------------------------------------------------------
    def _draw_race(self, canvas: Canvas, snap: LiveSnapshot) -> None:
        layout = self.card_layout
        assert layout is not None
        if self.standings:
            draw_board_card(canvas, layout, self.table, "Board")
            return
        p = canvas.palette
        x, y, w, _h = layout.board
        canvas.panel(layout.board, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha)
        title = f"Players  ·  {len(snap.players)} joined" if snap.players else "Players"
        canvas.text(title, "heading", (x + PAD, y + PAD - 4), p.ink)
        if snap.players:
            self._draw_players(canvas, layout, snap)
            return
        message = (
            "Waiting for the room. Scan the QR code or open the address on a phone, type the "
            "code and a name: players appear here as they join."
        )
        block = canvas.wrap(message, "body", w - 3 * PAD)
        canvas.block(block, (x + PAD * 1.5, layout.rows[1] + 20), p.ink_muted)

    def _draw_players(self, canvas: Canvas, layout: BoardLayout, snap: LiveSnapshot) -> None:
        """Who has joined, as name tags (faded while their phone is away)."""
        p = canvas.palette
        x, y, w, h = layout.rows
        cx, cy = x + 8, y + 8
        tag_h = canvas.line_height("subheading") + 16
        shown = 0
        for player in snap.players:
            name = canvas.fit(player.name, "subheading", w / 2 - 40)
            tag_w = canvas.measure(name, "subheading")[0] + 36
            if cx + tag_w > x + w and cx > x + 8:
                cx, cy = x + 8, cy + tag_h + 10
            if cy + tag_h > y + h - canvas.line_height("small") - 10:
                break
            colour = p.nametag if player.connected else mix(p.nametag, p.panel, 0.55)
            canvas.panel((cx, cy, tag_w, tag_h), colour, tag_h / 2)
            canvas.text(name, "subheading", (cx + 18, cy + tag_h / 2), p.ink_on_dark, "midleft")
            cx += tag_w + 10
            shown += 1
        more = len(snap.players) - shown
        note = "Nobody has finished yet: the board fills as players finish."
        if more > 0:
            note = f"and {more} more. " + note
        canvas.text(note, "small", (x + 8, y + h - canvas.line_height("small")), p.ink_muted)

    def _draw_podium(self, canvas: Canvas) -> None:
        places = self.places
        assert places is not None
        message = None if self.standings else "Nobody has finished yet."
        draw_board_card(canvas, places, self.table, "Leaderboard", message)
        draw_podium_and_champions(canvas, places, self.standings, champions_of(self.standings))

    # -- buttons and cards -----------------------------------------------------------------------
    def _draw_buttons(self, canvas: Canvas) -> None:
        focused = self.focus.focused
        snap = self.snap
        for button in self.focus.buttons:
            if button.action[0] == GO:
                continue  # drawn as the options
            shown = button
            if button.kind == "row" and snap is not None:
                shown = Button(
                    button.label, button.action, button.box, "row", value=TIMER_LABELS[snap.timers]
                )
            draw_button(canvas, shown, button is focused)

    def _draw_message(self, canvas: Canvas) -> None:
        p = canvas.palette
        title, text = self._message()
        x, y, w, _h = self.message_card
        canvas.panel(self.message_card, p.panel, RADIUS + 4, shadow=p.shadow_alpha)
        canvas.text(title, "heading", (x + PAD, y + PAD), p.ink)
        block = canvas.wrap(text, "body", w - 2 * PAD)
        canvas.block(block, (x + PAD, y + PAD + canvas.line_height("heading") + GAP), p.ink)
        if self.state == "failed" and self.focus.buttons:
            draw_button(canvas, self.focus.buttons[0], True)


def _card_layout(canvas: Canvas, card: Box) -> BoardLayout:
    """The board drawn in one card (beside the join card), in the meeting board's style."""
    x, y, w, h = card
    row_h = max(58.0, canvas.line_height("title") + 8)
    rows_y = y + PAD + canvas.line_height("heading") + 14
    rows = (x + PAD - 8, rows_y, w - 2 * PAD + 16, y + h - PAD - rows_y)
    shown = max(3, int(rows[3] // row_h))
    none: Box = (0.0, 0.0, 0.0, 0.0)
    return BoardLayout(card, rows, row_h, shown, none, none, 0.0)


def _address(url: str) -> str:
    """A join address as people type it into a phone: `192.168.1.20:8765`."""
    return url.removeprefix("http://").rstrip("/")


def _spaced(code: str) -> str:
    """A join code as people read it out: `482 913`."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code
