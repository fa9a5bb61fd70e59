"""The huddle on the projector: the room's conversation, the live vote on each option, then the
reveal of what each option earns and why; the room's ending; and who voted best.

`HuddleView` is the huddle's part of the live screen's layout and drawing; it
reads the snapshot the scene keeps (game.live.session's `RoomSummary`) and
never changes state. The options are the host's buttons to go with a choice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.core.model import COMPETENCIES, NARRATOR
from game.ui.canvas import Box, Canvas
from game.ui.drawing import badge_diameter, bar, chip, score_changes, score_text
from game.ui.scene import Context
from game.ui.text import TextBlock
from game.ui.theme import (
    COMPETENCY_LABELS,
    FOCUS_WIDTH,
    OUTCOME_LABELS,
    PAD,
    RADIUS,
    Colour,
    competency_colour,
    mix,
    outcome_colour,
)
from game.ui.widgets import Button, FocusGroup, ScrollArea, inflate

if TYPE_CHECKING:
    from game.live.session import LiveSnapshot, RoomSummary

GO = "go"  # the action of an option: go with this choice
OPTION_PAD = 12.0  # logical pixels inside an option
FEEDBACK_STYLE = "caption"  # the coach's words under a revealed option
BAR_H = 12.0  # logical pixels: an option's vote bar
LINES_SHARES = (0.42, 0.34)  # of the card's inner width for the lines, the rest for the options
PORTRAIT_W = 104.0  # logical pixels: the speaker's portrait beside the lines
STANDINGS_ROWS = 8  # best voters listed beside the room's ending
MIN_OPTION_W = 360.0  # logical pixels: options go in two columns only if each is this wide


class HuddleView:
    """The huddle's layout and drawing (a part of LiveView)."""

    ctx: Context
    snap: LiveSnapshot | None
    focus: FocusGroup[tuple[str, int]]
    options_area: ScrollArea
    clock_s: float
    view_since_s: float

    def _init_huddle(self) -> None:
        self.option_boxes: dict[int, Box] = {}  # each option in its area (content coordinates)
        self.lines_box: Box = (0.0, 0.0, 0.0, 0.0)
        self.huddle_card: Box = (0.0, 0.0, 0.0, 0.0)

    # -- layout ----------------------------------------------------------------------------------
    def _layout_huddle(self, canvas: Canvas, card: Box) -> None:
        """The conversation card: the lines beside the options while the room votes; once the
        answers are revealed the options take the whole card (in two columns if they must)."""
        room = self.snap.room if self.snap is not None else None
        self.huddle_card = card
        x, y, w, h = card
        inner = w - 2 * PAD
        body_y = y + PAD - 4
        revealed = room is not None and room.revealed and bool(room.view.get("choices"))
        choices = list(room.view.get("choices") or []) if room is not None else []
        reveal = _reveal_by_number(room) if room is not None else {}
        area_y, area_h = body_y, y + h - PAD + 4 - body_y
        # While the room votes the lines stand beside the options, narrower if the options need
        # it; once revealed the options take the card, in two columns when one is too tall.
        for share in (0.0,) if revealed else LINES_SHARES:
            lines_w = inner * share
            options_x = x + PAD + (lines_w + 20 if lines_w else 0.0)
            width = x + w - PAD - options_x
            content = self._place_grid(canvas, choices, reveal, width - 8, 1)
            if content <= area_h:
                break
        if content > area_h and width >= 2 * MIN_OPTION_W:
            content = self._place_grid(canvas, choices, reveal, width - 8, 2)
        self.lines_box = (x + PAD, body_y, lines_w, y + h - PAD - body_y)
        self.options_area.box = (options_x, area_y, width, area_h)
        self.options_area.content_height = content
        self.options_area.clamp()
        self._place_options()

    def _place_grid(
        self,
        canvas: Canvas,
        choices: list[dict[str, Any]],
        reveal: dict[int, dict[str, Any]],
        width: float,
        columns: int,
    ) -> float:
        """Options in `columns`, row by row (a row as tall as its tallest); the content height."""
        gap = 12.0
        cell_w = (width - gap * (columns - 1)) / columns
        boxes: dict[int, Box] = {}
        top = 0.0
        for start in range(0, len(choices), columns):
            row = choices[start : start + columns]
            heights = [_option_height(canvas, c, reveal.get(int(c["number"])), cell_w) for c in row]
            row_h = max(heights)
            for index, choice in enumerate(row):
                boxes[int(choice["number"])] = (index * (cell_w + gap), top, cell_w, row_h)
            top += row_h + gap
        self.option_boxes = boxes
        return max(0.0, top - gap)

    def _place_options(self) -> None:
        """The options' boxes on screen, where the scroll has them now (after each update)."""
        ax, ay, _aw, _ah = self.options_area.box
        offset = self.options_area.offset
        for button in self.focus.buttons:
            if button.action[0] == GO:
                box = self.option_boxes.get(button.action[1])
                if box is not None:
                    button.box = (ax + box[0], ay + box[1] - offset, box[2], box[3])

    # -- drawing ---------------------------------------------------------------------------------
    def _draw_huddle(self, canvas: Canvas, room: RoomSummary, snap: LiveSnapshot) -> None:
        p = canvas.palette
        view = room.view
        canvas.panel(
            self.huddle_card, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha
        )
        if view.get("ending"):
            self._draw_best_voters(canvas, self.lines_box, snap)
            self._draw_ending(canvas, view["ending"], room.result)
            return
        if self.lines_box[2] > 0:
            self._draw_lines(canvas, view)
        self._draw_options(canvas, room)

    def timer_text(self, room: RoomSummary) -> str | None:
        """The room's timer as the projector shows it ("12 s"), or None when none runs."""
        seconds = room.view.get("timer")
        if seconds is None or room.revealed or not room.view.get("choices"):
            return None
        left = float(seconds) - (self.clock_s - self.view_since_s)
        return f"{max(0, int(left + 0.999))} s" if left > 0 else "Time is up"

    def _draw_lines(self, canvas: Canvas, view: dict[str, Any]) -> None:
        """The conversation since the room's last decision; the latest lines when it is long."""
        p = canvas.palette
        x, y, w, h = self.lines_box
        lines = list(view.get("lines") or [])
        speaker = next((line for line in reversed(lines) if line.get("portrait")), None)
        text_x, text_w = x, w
        if speaker is not None:
            size = (canvas.length(PORTRAIT_W), canvas.length(PORTRAIT_W * 1.25))
            picture = self.ctx.art.portrait(speaker["portrait"], speaker["mood"], size)
            canvas.panel((x, y, PORTRAIT_W, PORTRAIT_W * 1.25), p.panel_alt, 12)
            canvas.image(picture, (x, y))
            text_x, text_w = x + PORTRAIT_W + 14, w - PORTRAIT_W - 14
        blocks = []
        for line in lines:
            narrator = line.get("speaker") == NARRATOR
            style = "narration" if narrator else "body"
            name = "" if narrator else str(line.get("name") or "")
            blocks.append((name, canvas.wrap(str(line.get("text", "")), style, text_w)))
        total = 0.0
        shown: list[tuple[str, TextBlock]] = []
        for name, block in reversed(blocks):  # the newest lines matter most
            height = block.height + (canvas.line_height("label") if name else 0.0) + 10
            if total + height > h and shown:
                break
            shown.append((name, block))
            total += height
        cy = y
        with canvas.clip((text_x - 4, y, text_w + 8, h)):
            for name, block in reversed(shown):
                if name:
                    canvas.text(name, "label", (text_x, cy), p.accent)
                    cy += canvas.line_height("label")
                canvas.block(block, (text_x, cy), p.ink)
                cy += block.height + 10

    def _draw_options(self, canvas: Canvas, room: RoomSummary) -> None:
        p = canvas.palette
        reveal = _reveal_by_number(room)
        total = max(1, sum(room.counts))
        focused = self.focus.focused
        buttons = {b.action[1]: b for b in self.focus.buttons if b.action[0] == GO}
        area = self.options_area.box
        with canvas.clip(inflate(area, FOCUS_WIDTH + 2)):
            for choice in room.view.get("choices") or []:
                number = int(choice["number"])
                button = buttons.get(number)
                if button is None:
                    continue
                votes = room.counts[number - 1] if number <= len(room.counts) else 0
                _draw_option(
                    canvas,
                    button,
                    choice,
                    reveal.get(number),
                    (votes, total),
                    focused is button,
                    number in room.tied,
                )
        self.options_area.draw_indicators(canvas, p.ink_muted)

    def votes_text(self, room: RoomSummary, snap: LiveSnapshot) -> str:
        """How the vote stands, for the heading: "6 of 7 voted", then the reveal or a tie."""
        view = room.view
        if not view.get("choices"):
            if not view.get("ending"):
                return ""
            last = int(view.get("part", 1)) >= int(view.get("parts", 1))
            return "the room's ending" + ("  ·  end the session when ready" if last else "")
        connected = sum(1 for player in snap.players if player.connected)
        text = f"{room.voters} of {connected} voted"
        if room.revealed:
            text += "  ·  answers revealed"
        elif room.tied:
            text += "  ·  a tie"
        return text

    def _draw_ending(
        self, canvas: Canvas, ending: dict[str, Any], result: dict[str, Any] | None
    ) -> None:
        p = canvas.palette
        x, y, w, h = self.options_area.box
        outcome = str(ending.get("outcome", ""))
        cy = y
        canvas.text("The room's ending", "label", (x, cy), p.ink_muted)
        cy += canvas.line_height("label") + 4
        box = chip(
            canvas, (x, cy), OUTCOME_LABELS.get(outcome, outcome), outcome_colour(p, outcome)
        )
        cy += box[3] + 8
        title = canvas.wrap(str(ending.get("title", "")), "heading", w)
        canvas.block(title, (x, cy), p.ink)
        cy += title.height + 6
        text = canvas.wrap(str(ending.get("text", "")), "small", w)
        canvas.block(text, (x, cy), p.ink)
        cy += text.height + 16
        if result is None or cy + canvas.line_height("title") > y + h:
            return
        overall = result.get("overall")
        shown = "not assessed" if overall is None else f"{overall:g}%"
        canvas.text(f"Overall {shown}", "title", (x, cy), p.ink)
        cy += canvas.line_height("title") + 6
        percent = result.get("percent") or {}
        for competency in COMPETENCIES:
            if cy + canvas.line_height("label") > y + h:
                break
            value = percent.get(competency)
            label = COMPETENCY_LABELS[competency]
            canvas.text(label, "label", (x, cy), p.ink_muted)
            colour = competency_colour(p, competency)
            bar(canvas, (x + 150, cy + 6, w - 260, 12), (value or 0.0) / 100, colour)
            text_value = "—" if value is None else f"{value:g}%"
            canvas.text(text_value, "label", (x + w, cy), p.ink, "topright")
            cy += canvas.line_height("label") + 6

    def _draw_best_voters(self, canvas: Canvas, box: Box, snap: LiveSnapshot) -> None:
        """Who voted for an answer rated best most often; the others see their place privately."""
        p = canvas.palette
        x, y, w, h = box
        cy = y
        canvas.text("Best votes", "label", (x, cy), p.ink_muted)
        cy += canvas.line_height("label") + 4
        if not snap.standings:
            block = canvas.wrap("Nobody voted in this session.", "small", w)
            canvas.block(block, (x, cy), p.ink_muted)
            return
        for row in snap.standings[:STANDINGS_ROWS]:
            if cy + canvas.line_height("subheading") > y + h:
                break
            score = f"{row.get('best', 0)} of {row.get('votes', 0)}"
            score_w = canvas.measure(score, "subheading")[0]
            name = f"{row.get('rank')}. {row.get('player')}"
            name = canvas.fit(name, "subheading", w - score_w - 16)
            canvas.text(name, "subheading", (x, cy), p.ink)
            canvas.text(score, "subheading", (x + w, cy), p.ink_muted, "topright")
            cy += canvas.line_height("subheading") + 4


# -- one option ---------------------------------------------------------------------------------
def _reveal_by_number(room: RoomSummary) -> dict[int, dict[str, Any]]:
    if not room.revealed or room.reveal is None:
        return {}
    return {int(c["number"]): c for c in room.reveal.get("choices", [])}


def _scores(info: dict[str, Any]) -> tuple[int, int, int]:
    scores = info.get("scores") or {}
    return (
        int(scores.get("empathy", 0)),
        int(scores.get("anticipation", 0)),
        int(scores.get("upsell", 0)),
    )


def _text_width(canvas: Canvas, width: float) -> float:
    return width - 2 * OPTION_PAD - badge_diameter(canvas) - 12


def _option_height(
    canvas: Canvas, choice: dict[str, Any], info: dict[str, Any] | None, width: float
) -> float:
    """An option's height: its text and votes, and once revealed its scores and feedback."""
    inner = _text_width(canvas, width)
    text_h = max(badge_diameter(canvas), canvas.wrap(str(choice["text"]), "choice", inner).height)
    height = OPTION_PAD + text_h + 8 + canvas.line_height("label") + OPTION_PAD
    if info is not None:
        height += 8 + _chips_height(canvas, _chips(canvas, info), inner)
        feedback = str(info.get("feedback") or "")
        if feedback:
            height += 6 + canvas.wrap(feedback, FEEDBACK_STYLE, inner).height
    return height


def _chips(canvas: Canvas, info: dict[str, Any]) -> list[tuple[str, Colour]]:
    """What an option earns, as chips: "Best answer" first, then each competency it changes."""
    p = canvas.palette
    chips = [("Best answer", p.positive)] if info.get("best") else []
    for competency, value in score_changes(_scores(info)):
        chips.append((score_text(competency, value), p.positive if value > 0 else p.negative))
    return chips or [("no change", p.ink_muted)]


def _chips_height(canvas: Canvas, chips: list[tuple[str, Colour]], width: float) -> float:
    line = canvas.measure("+1", "label")[1] + 10
    x, lines = 0.0, 1
    for text, _colour in chips:
        chip_w = canvas.measure(text, "label")[0] + 24
        if x + chip_w > width and x > 0:
            lines, x = lines + 1, 0.0
        x += chip_w + 8
    return lines * line + (lines - 1) * 8


def _draw_chips(
    canvas: Canvas, pos: tuple[float, float], chips: list[tuple[str, Colour]], width: float
) -> float:
    """The chips in rows within `width`; the height used."""
    x, y = pos
    height = 0.0
    for text, colour in chips:
        chip_w = canvas.measure(text, "label")[0] + 24
        if x + chip_w > pos[0] + width and x > pos[0]:
            x, y = pos[0], y + height + 8
        box = chip(canvas, (x, y), text, colour)
        height = box[3]
        x += box[2] + 8
    return y - pos[1] + height


def _draw_option(
    canvas: Canvas,
    button: Button[tuple[str, int]],
    choice: dict[str, Any],
    info: dict[str, Any] | None,
    votes: tuple[int, int],
    focused: bool,
    tied: bool,
) -> None:
    """One option: its number and text, its votes, and after the reveal its scores and why."""
    p = canvas.palette
    x, y, w, _h = button.box
    best = info is not None and bool(info.get("best"))
    fill = mix(p.panel, p.positive, 0.12) if best else p.button
    border = p.positive if best else (p.accent if tied else p.button_border)
    if focused:
        canvas.panel(inflate(button.box, FOCUS_WIDTH + 1), p.focus, RADIUS)
    canvas.panel(button.box, fill, RADIUS - 4, border=border)
    badge = badge_diameter(canvas)
    centre = (x + OPTION_PAD + badge / 2, y + OPTION_PAD + badge / 2)
    canvas.circle(centre, badge / 2, p.accent if focused else p.nametag)
    canvas.text(str(choice["number"]), "label", centre, p.ink_on_dark, "center")
    text_x = x + OPTION_PAD + badge + 12
    inner = _text_width(canvas, w)
    block = canvas.wrap(str(choice["text"]), "choice", inner)
    canvas.block(block, (text_x, y + OPTION_PAD + max(0.0, (badge - block.height) / 2)), p.ink)
    cy = y + OPTION_PAD + max(badge, block.height) + 8
    count, total = votes
    label = f"{count} vote{'' if count == 1 else 's'}"
    label_w = canvas.measure("00 votes", "label")[0]
    middle = cy + canvas.line_height("label") / 2
    bar(canvas, (text_x, middle - BAR_H / 2, inner - label_w - 12, BAR_H), count / total, p.accent)
    canvas.text(label, "label", (x + w - OPTION_PAD, middle), p.ink, "midright")
    cy += canvas.line_height("label")
    if info is None:
        return
    cy += 8
    cy += _draw_chips(canvas, (text_x, cy), _chips(canvas, info), inner) + 6
    feedback = str(info.get("feedback") or "")
    if feedback:
        canvas.block(canvas.wrap(feedback, FEEDBACK_STYLE, inner), (text_x, cy), p.ink_muted)
