"""The board pieces of the meeting screen and the team round: rows that slide and glow, the
podium, the champions, and where they go on the screen.

Drawing only: what the rows are and how they rank comes from game.core.standings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.core.model import COMPETENCIES
from game.core.standings import Champion, Standing
from game.ui.canvas import Box, Canvas
from game.ui.drawing import bar
from game.ui.theme import (
    CANVAS_W,
    COMPETENCY_LABELS,
    MARGIN,
    PAD,
    RADIUS,
    Colour,
    competency_colour,
    mix,
)

if TYPE_CHECKING:
    from game.store import BoardRow

BOARD_ROWS = 8  # rows on the projector board (the fewer, the larger)
HIGHLIGHT_S = 6.0  # seconds a new result's row stays highlighted
SLIDE_PX = 220.0  # logical pixels a new row slides in from (from the right)
EASE_PER_S = 8.0  # how fast rows move to their place (1/seconds)
BOARD_W = 740.0  # logical pixels: the leaderboard card
# Medal colours read as gold, silver and bronze in every palette; text on them is the
# palette's ink, dark enough on all three.
MEDALS: tuple[Colour, Colour, Colour] = ((236, 190, 64), (204, 208, 216), (205, 137, 86))
PODIUM_HEIGHTS = (1.0, 0.8, 0.64)  # share of the podium area: first, second, third place
CHAMPION_TITLES = {
    "empathy": "Most empathetic",
    "anticipation": "Best anticipation",
    "upsell": "Best upsell",
}


def standing_of(row: BoardRow) -> Standing:
    return Standing(
        row.rank, row.player, row.overall, (row.empathy, row.anticipation, row.upsell), row.seconds
    )


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


@contextlib.contextmanager
def board_type(canvas: Canvas) -> Iterator[None]:
    """Draw at the board's own sizes, whatever the player's text size.

    The board is set for a projector already (names at 30 logical pixels, the
    overall at 40: about 45 and 60 pixels on a 1080p screen); growing it further
    would only push rows, the podium and the champions off the screen.
    """
    chosen = canvas.text_scale
    canvas.text_scale = 1.0
    try:
        yield
    finally:
        canvas.text_scale = chosen


# -- the animated board ---------------------------------------------------------------------------
@dataclass(eq=False)
class ShownRow:
    standing: Standing
    position: float  # the row's place on screen, eased towards its rank
    slide: float = 0.0  # logical pixels still to slide in from the right
    glow_s: float = 0.0  # seconds of highlight left


@dataclass(eq=False)
class StandingsTable:
    """The rows of a board with their movement: new rows slide in, changed rows glow."""

    rows: list[ShownRow] = field(default_factory=list)
    rows_shown: int = BOARD_ROWS
    untimed: frozenset[str] = frozenset()  # players whose result was played with timers off

    def show(
        self,
        standings: Sequence[Standing],
        glowing: set[str],
        animate: bool = True,
        keep_glow: bool = True,
    ) -> None:
        """Show these standings; players in `glowing` have a new result to point out.

        `keep_glow=False` puts out earlier highlights (a screen that was covered
        meanwhile, whose highlights did not get the time to fade).
        """
        before = {row.standing.player: row for row in self.rows}
        rows: list[ShownRow] = []
        for index, standing in enumerate(standings[: self.rows_shown]):
            old = before.get(standing.player)
            if old is None:
                row = ShownRow(standing, float(index), SLIDE_PX if animate else 0.0)
            else:
                glow_s = old.glow_s if keep_glow else 0.0
                row = ShownRow(standing, old.position, old.slide, glow_s)
            if animate and standing.player in glowing:
                row.glow_s = HIGHLIGHT_S
            rows.append(row)
        self.rows = rows

    def update(self, step_s: float, instant: bool = False) -> None:
        """Move rows towards their places; `instant` (reduced motion) puts them there at once."""
        ease = 1.0 if instant else min(1.0, EASE_PER_S * step_s)
        for index, row in enumerate(self.rows):
            row.position += (index - row.position) * ease
            if abs(index - row.position) < 0.01:
                row.position = float(index)
            row.slide -= row.slide * ease
            if row.slide < 0.5:
                row.slide = 0.0
            row.glow_s = max(0.0, row.glow_s - step_s)

    @property
    def settled(self) -> bool:
        return all(r.slide == 0.0 and r.position == float(i) for i, r in enumerate(self.rows))

    @property
    def glowing(self) -> list[str]:
        return [row.standing.player for row in self.rows if row.glow_s > 0]

    def draw(self, canvas: Canvas, box: Box, row_h: float, you: str = "") -> None:
        """The rows inside `box` (x, y of the first row, width, height available)."""
        x, y, w, h = box
        with canvas.clip((x - 12, y - 4, w + 24, h + 8)):
            for row in self.rows:
                top = y + row.position * row_h
                if top > y + h:
                    continue
                glow = min(1.0, row.glow_s / 1.5)  # fades out over the last 1.5 s
                draw_standing(
                    canvas,
                    (x + row.slide, top, w, row_h - 6),
                    row.standing,
                    glow,
                    you=you,
                    untimed=row.standing.player in self.untimed,
                )


def draw_standing(
    canvas: Canvas,
    box: Box,
    standing: Standing,
    glow: float = 0.0,
    you: str = "",
    untimed: bool = False,
) -> None:
    """One board row: medal or rank, the name (and "untimed" when the result was played with
    timers off), three competency bars and the overall."""
    p = canvas.palette
    x, y, w, h = box
    fill = mix(mix(p.panel, p.panel_alt, 0.55), p.highlight, glow)
    if glow > 0 or standing.rank % 2 == 0:
        canvas.panel(box, fill, 12)
    if glow > 0:
        canvas.rect((x, y + 6, 6, h - 12), p.accent, radius=3)
    middle = y + h / 2
    badge = min(h - 8, 44.0)
    centre = (x + 14 + badge / 2, middle)
    medal = MEDALS[standing.rank - 1] if standing.rank <= len(MEDALS) else None
    canvas.circle(centre, badge / 2, medal or p.nametag)
    canvas.text(
        str(standing.rank), "subheading", centre, p.ink if medal else p.ink_on_dark, "center"
    )
    overall_w = 150.0
    bars_w = 3 * 46.0 + 2 * 8
    name_x = x + 14 + badge + 18
    name_w = w - (name_x - x) - bars_w - overall_w - 24
    name = standing.player + ("  (you)" if you and standing.player == you else "")
    name += "  · untimed" if untimed else ""
    canvas.text(canvas.fit(name, "heading", name_w), "heading", (name_x, middle), p.ink, "midleft")
    bx = x + w - overall_w - bars_w - 8
    for index, competency in enumerate(COMPETENCIES):
        value = standing.percent[index]
        # A letter under each bar, so the bars do not rely on colour alone.
        left = bx + index * 54
        bar(
            canvas,
            (left, middle - 12, 46, 12),
            (value or 0.0) / 100.0,
            competency_colour(p, competency),
        )
        canvas.text(competency[0].upper(), "key", (left + 23, middle + 3), p.ink_muted, "midtop")
    canvas.text(percent_text(standing.overall), "title", (x + w - 14, middle), p.ink, "midright")


def draw_legend(canvas: Canvas, right: float, middle: float) -> None:
    """Which bar is which: coloured dots with the competency names, ending at `right`."""
    p = canvas.palette
    x = right
    for competency in reversed(COMPETENCIES):
        label = f"{competency[0].upper()} {COMPETENCY_LABELS[competency]}"
        box = canvas.text(label, "label", (x, middle), p.ink_muted, "midright")
        x = box[0] - 8
        canvas.circle((x - 7, middle), 7, competency_colour(p, competency))
        x -= 28


def draw_podium(canvas: Canvas, box: Box, standings: Sequence[Standing]) -> None:
    """Gold, silver and bronze blocks (second, first, third from the left): the place and the
    overall on the block, the name above it."""
    p = canvas.palette
    x, y, w, h = box
    gap = 14.0
    block_w = (w - 2 * gap) / 3
    name_w = block_w + gap - 4
    tallest = h - 2 * canvas.line_height("heading") - 10
    if not standings:
        canvas.text(
            "The podium fills as results arrive",
            "subheading",
            (x + w / 2, y + h - tallest - 8),
            p.ink_on_dark,
            "midbottom",
        )
    for place, column in ((0, 1), (1, 0), (2, 2)):  # columns read 2nd, 1st, 3rd
        bx = x + column * (block_w + gap)
        middle = bx + block_w / 2
        block_h = tallest * PODIUM_HEIGHTS[place]
        by = y + h - block_h
        standing = standings[place] if place < len(standings) else None
        colour = MEDALS[place] if standing else mix(p.panel_alt, p.track, 0.5)
        canvas.panel((bx, by, block_w, block_h), colour, 14, shadow=p.shadow_alpha)
        if standing is None:
            canvas.text(str(place + 1), "title", (middle, by + 4), p.ink, "midtop")
            if standings:  # an empty place beside filled ones
                canvas.text("—", "heading", (middle, by - 8), p.ink_on_dark, "midbottom")
            continue
        score = percent_text(standing.overall)
        stacked = canvas.line_height("title") + canvas.line_height("subheading") + 4
        if block_h >= stacked:
            number = canvas.text(str(place + 1), "title", (middle, by + 4), p.ink, "midtop")
            score_at = (middle, number[1] + number[3] - 2)
            canvas.text(score, "subheading", score_at, p.ink, "midtop")
        else:  # a low block: the place and the overall side by side
            number_w = canvas.measure(str(place + 1), "title")[0]
            score_w = canvas.measure(score, "subheading")[0]
            left = middle - (number_w + 10 + score_w) / 2
            row_y = by + min(block_h, canvas.line_height("title") + 8) / 2
            canvas.text(str(place + 1), "title", (left, row_y), p.ink, "midleft")
            canvas.text(score, "subheading", (left + number_w + 10, row_y), p.ink, "midleft")
        block = canvas.wrap(standing.player, "heading", name_w)
        if len(block.lines) <= 2:  # a first and a last name each get a line
            canvas.block(
                block,
                (middle - name_w / 2, by - 6 - block.height),
                p.ink_on_dark,
                align="center",
                width=name_w,
            )
        else:
            shown = canvas.fit(standing.player, "heading", name_w)
            canvas.text(shown, "heading", (middle, by - 6), p.ink_on_dark, "midbottom")


def draw_champions(
    canvas: Canvas, box: Box, champions: Sequence[Champion | None], row_h: float
) -> None:
    """The best player in each competency, one row each, in the competency's colour."""
    p = canvas.palette
    x, y, w, _h = box
    for index, competency in enumerate(COMPETENCIES):
        top = y + index * row_h
        colour = competency_colour(p, competency)
        canvas.panel((x, top, w, row_h - 10), p.panel, 14, alpha=p.panel_alpha)
        canvas.rect((x, top + 8, 8, row_h - 26), colour, radius=4)
        champion = champions[index] if index < len(champions) else None
        label_y = top + 8
        canvas.text(CHAMPION_TITLES[competency], "label", (x + 24, label_y), colour)
        name_y = label_y + canvas.line_height("label")
        value_w = 120.0
        if champion is None:
            canvas.text("—", "heading", (x + 24, name_y), p.ink_muted)
            continue
        player, value = champion
        canvas.text(
            canvas.fit(player, "heading", w - 24 - value_w - 16), "heading", (x + 24, name_y), p.ink
        )
        canvas.text(
            percent_text(value), "title", (x + w - 16, top + (row_h - 10) / 2), colour, "midright"
        )


@dataclass(frozen=True)
class BoardLayout:
    """Where the board card, the podium and the champions go (logical pixels)."""

    board: Box
    rows: Box  # the first row's x and y, the rows' width, the height they may use
    row_h: float
    rows_shown: int
    podium: Box
    champions: Box
    champion_h: float


def board_layout(canvas: Canvas, top: float, bottom: float) -> BoardLayout:
    """The meeting's arrangement: the board on the left, podium and champions on the right."""
    board = (float(MARGIN), top, BOARD_W, bottom - top)
    row_h = max(58.0, canvas.line_height("title") + 8)
    rows_y = top + PAD + canvas.line_height("heading") + 14
    foot_h = canvas.line_height("subheading")  # the legend and "+N more" under the rows
    rows = (MARGIN + PAD - 8, rows_y, BOARD_W - 2 * PAD + 16, bottom - PAD / 2 - foot_h - rows_y)
    shown = max(3, min(BOARD_ROWS, int(rows[3] // row_h)))
    right_x = MARGIN + BOARD_W + 36
    right_w = CANVAS_W - MARGIN - right_x
    champion_h = canvas.line_height("label") + canvas.line_height("heading") + 26
    champions_h = 3 * champion_h - 10
    champions = (right_x, bottom - champions_h, right_w, champions_h)
    podium_top = top + canvas.line_height("label") + 8
    podium = (right_x, podium_top, right_w, bottom - champions_h - 44 - podium_top)
    return BoardLayout(board, rows, row_h, shown, podium, champions, champion_h)


def draw_board_card(
    canvas: Canvas,
    layout: BoardLayout,
    table: StandingsTable,
    title: str,
    message: str | None = None,
    you: str = "",
    count: int | None = None,
) -> None:
    """The leaderboard card: a title with the head count, then the rows (or a message
    instead), and under them the legend of the bars and "+N more" when more players than
    rows have played."""
    p = canvas.palette
    x, y, w, h = layout.board
    canvas.panel(layout.board, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha)
    if count is not None:
        title = f"{title} · {count} player{'s' if count != 1 else ''}"
    canvas.text(title, "heading", (x + PAD, y + PAD - 4), p.ink)
    header_y = y + PAD - 4 + canvas.line_height("heading") / 2
    canvas.text("Overall", "label", (x + w - PAD - 14, header_y), p.ink_muted, "midright")
    if message is not None:
        block = canvas.wrap(message, "body", w - 3 * PAD)
        canvas.block(block, (x + PAD * 1.5, layout.rows[1] + 20), p.ink)
        return
    table.draw(canvas, layout.rows, layout.row_h, you)
    foot_y = y + h - PAD / 2 - canvas.line_height("subheading") / 2
    draw_legend(canvas, x + w - PAD - 150, foot_y)
    more = (count or 0) - len(table.rows)
    if more > 0:
        canvas.text(f"+{more} more", "subheading", (x + PAD, foot_y), p.ink_muted, "midleft")


def draw_podium_and_champions(
    canvas: Canvas,
    layout: BoardLayout,
    standings: Sequence[Standing],
    champions: Sequence[Champion | None],
) -> None:
    """The right-hand column: the podium with its label, then the champions with theirs."""
    soft = mix(canvas.palette.ink_on_dark, canvas.palette.backdrop, 0.25)
    canvas.text("Podium", "label", (layout.podium[0], layout.board[1]), soft)
    draw_podium(canvas, layout.podium, standings)
    cx, cy, _cw, _ch = layout.champions
    canvas.text("Champions", "label", (cx, cy - canvas.line_height("label") - 6), soft)
    draw_champions(canvas, layout.champions, champions, layout.champion_h)
