"""The meeting screen: a projector leaderboard that refreshes itself, slides new results in, and
shows the podium and the competency champions; also the board pieces the team round reuses.

The results store is read on a worker thread (`BoardFeed`): the scene asks for a
refresh in its fixed update step and collects the answer from a queue, so a slow
or unreachable database never holds up drawing. SQLAlchemy is imported on that
thread, never before the first frame.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from game.core.model import COMPETENCIES, Module
from game.ui.canvas import Box, Canvas
from game.ui.commands import Advance, Back, Command, Confirm
from game.ui.scene import Context, Scene
from game.ui.scenes.common import art_backdrop, footer
from game.ui.services import StoreHandle
from game.ui.theme import (
    CANVAS_H,
    CANVAS_W,
    COMPETENCY_LABELS,
    MARGIN,
    PAD,
    RADIUS,
    Colour,
    competency_colour,
    mix,
)
from game.ui.widgets import bar

if TYPE_CHECKING:
    from game.store import BoardRow, ResultRecord

log = logging.getLogger("game.ui")

REFRESH_S = 2.0  # seconds between two reads of the board
RETRY_S = 3.0  # seconds before reading again after the database failed
OVERLAP_S = 600.0  # seconds: how far back "recent" results are asked for again (late arrivals)
RECENT_LIMIT = 200  # recent results read per refresh, at most
BOARD_ROWS = 8  # rows on the projector board (the fewer, the larger)
HIGHLIGHT_S = 6.0  # seconds a new result's row stays highlighted
SLIDE_PX = 220.0  # logical pixels a new row slides in from (from the right)
EASE_PER_S = 8.0  # how fast rows move to their place (1/seconds)
TICKER_KEEP = 3  # recent arrivals remembered for the "just in" line
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


# -- what a board shows -------------------------------------------------------------------------
class Standing(NamedTuple):
    """One player's place on a board, whatever it was read from (the store or a team round)."""

    rank: int
    player: str
    overall: float | None
    percent: tuple[float | None, float | None, float | None]  # in COMPETENCIES order
    seconds: float


Champion = tuple[str, float]  # (player, percent) of the best in one competency


def standing_of(row: BoardRow) -> Standing:
    return Standing(
        row.rank, row.player, row.overall, (row.empathy, row.anticipation, row.upsell), row.seconds
    )


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def rank_standings(entries: Sequence[Standing]) -> list[Standing]:
    """Entries ranked like the store ranks a board: overall first, then fewer seconds."""

    def key(entry: Standing) -> tuple[bool, float, float, str]:
        return (entry.overall is None, -(entry.overall or 0.0), entry.seconds, entry.player)

    ordered = sorted(entries, key=key)
    return [entry._replace(rank=position) for position, entry in enumerate(ordered, start=1)]


def champions_of(entries: Sequence[Standing]) -> tuple[Champion | None, ...]:
    """The best player in each competency (ties to fewer seconds); None where nobody scored."""
    found: list[Champion | None] = []
    for index in range(len(COMPETENCIES)):
        scored = [e for e in entries if e.percent[index] is not None]
        best = min(scored, key=lambda e: (-(e.percent[index] or 0.0), e.seconds), default=None)
        percent = best.percent[index] if best is not None else None
        found.append((best.player, percent) if best is not None and percent is not None else None)
    return tuple(found)


# -- reading the store on a worker thread ---------------------------------------------------------
@dataclass(frozen=True)
class BoardScope:
    """Which results the meeting shows: one scenario, one module or all; within a session."""

    scenario: str | None = None
    module: Module | None = None
    session: str | None = None


@dataclass(frozen=True)
class BoardRequest:
    since: datetime  # recent results played from this moment on
    now: datetime  # when the scene asked (a session starts then if it does not exist)


@dataclass(frozen=True)
class Snapshot:
    """One reading of the board, handed from the worker thread to the scene."""

    rows: tuple[BoardRow, ...]
    champions: tuple[Champion | None, ...]
    recent: tuple[ResultRecord, ...]


@dataclass(frozen=True)
class FeedFailure:
    message: str
    lasting: bool = False  # the store cannot be opened at all: reading again will not help


class BoardReader:
    """The queries behind one refresh; runs on the feed's worker thread only."""

    def __init__(self, store: StoreHandle, scope: BoardScope) -> None:
        self.store = store
        self.scope = scope
        self._session_ready = False

    def __call__(self, request: BoardRequest) -> Snapshot | FeedFailure:
        store = self.store.get()
        if store is None:
            return FeedFailure(
                self.store.error or "No results database is set up for this computer.",
                lasting=True,
            )
        scope = self.scope
        if scope.session is not None and not self._session_ready:
            self._open_session(scope.session, request.now)
        rows = store.leaderboard(
            scenario=scope.scenario, module=scope.module, session=scope.session, limit=BOARD_ROWS
        )
        champions: list[Champion | None] = []
        for index, competency in enumerate(COMPETENCIES):
            best = store.leaderboard(
                scenario=scope.scenario,
                module=scope.module,
                session=scope.session,
                competency=competency,
                limit=1,
            )
            value = (best[0].empathy, best[0].anticipation, best[0].upsell)[index] if best else None
            champions.append((best[0].player, value) if best and value is not None else None)
        recent = store.recent_results(
            request.since,
            scenario=scope.scenario,
            module=scope.module,
            session=scope.session,
            limit=RECENT_LIMIT,
        )
        return Snapshot(tuple(rows), tuple(champions), tuple(recent))

    def _open_session(self, name: str, now: datetime) -> None:
        """Start the meeting's session unless it exists (another screen may start it first)."""
        from game.store import StoreError

        store = self.store.get()
        assert store is not None
        if store.session_window(name) is None:
            try:
                store.start_session(name, now)
            except StoreError:
                if store.session_window(name) is None:
                    raise
        self._session_ready = True


class BoardFeed:
    """Runs a reader on a worker thread: `request` asks for a reading, `collect` takes answers.

    At most one reading is under way at a time, so a slow database is never
    asked again before it answered.
    """

    def __init__(self, read: Callable[[BoardRequest], Snapshot | FeedFailure]) -> None:
        self._read = read
        self._requests: queue.SimpleQueue[BoardRequest | None] = queue.SimpleQueue()
        self._answers: queue.SimpleQueue[Snapshot | FeedFailure] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self.busy = False  # a request is out (only the scene's thread touches this)
        self.readings = 0  # answers collected so far

    def request(self, request: BoardRequest) -> bool:
        """Ask for a reading; False while the previous one is still under way."""
        if self.busy:
            return False
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="meeting-board", daemon=True)
            self._thread.start()
        self.busy = True
        self._requests.put(request)
        return True

    def collect(self) -> list[Snapshot | FeedFailure]:
        answers: list[Snapshot | FeedFailure] = []
        while True:
            try:
                answers.append(self._answers.get_nowait())
            except queue.Empty:
                break
        if answers:
            self.busy = False
            self.readings += len(answers)
        return answers

    def stop(self, wait_s: float = 0.0) -> None:
        """End the worker after its current reading (waits up to `wait_s` seconds for it)."""
        thread = self._thread
        if thread is None:
            return
        self._requests.put(None)
        self._thread = None
        if wait_s > 0:
            thread.join(wait_s)

    def _work(self) -> None:
        while True:
            request = self._requests.get()
            if request is None:
                return
            try:
                answer = self._read(request)
            except Exception as error:  # any database trouble: the board keeps what it has
                answer = FeedFailure(_sentence(error))
            self._answers.put(answer)


def _sentence(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:300]


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

    def update(self, step_s: float) -> None:
        ease = min(1.0, EASE_PER_S * step_s)
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
                    canvas, (x + row.slide, top, w, row_h - 6), row.standing, glow, you=you
                )


def draw_standing(
    canvas: Canvas, box: Box, standing: Standing, glow: float = 0.0, you: str = ""
) -> None:
    """One board row: medal or rank, the name, three competency bars and the overall."""
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
    canvas.text(canvas.fit(name, "heading", name_w), "heading", (name_x, middle), p.ink, "midleft")
    bx = x + w - overall_w - bars_w - 8
    for index, competency in enumerate(COMPETENCIES):
        value = standing.percent[index]
        bar(
            canvas,
            (bx + index * 54, middle - 7, 46, 14),
            (value or 0.0) / 100.0,
            competency_colour(p, competency),
        )
    canvas.text(percent_text(standing.overall), "title", (x + w - 14, middle), p.ink, "midright")


def draw_legend(canvas: Canvas, right: float, middle: float) -> None:
    """Which bar is which: coloured dots with the competency names, ending at `right`."""
    p = canvas.palette
    x = right
    for competency in reversed(COMPETENCIES):
        label = COMPETENCY_LABELS[competency]
        box = canvas.text(label, "caption", (x, middle), p.ink_muted, "midright")
        x = box[0] - 8
        canvas.circle((x - 6, middle), 6, competency_colour(p, competency))
        x -= 26


def draw_podium(canvas: Canvas, box: Box, standings: Sequence[Standing]) -> None:
    """Gold, silver and bronze blocks (second, first, third from the left): the place and the
    overall on the block, the name above it."""
    p = canvas.palette
    x, y, w, h = box
    gap = 14.0
    block_w = (w - 2 * gap) / 3
    name_w = block_w + gap - 4
    tallest = h - 2 * canvas.line_height("heading") - 10
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
    rows = (MARGIN + PAD - 8, rows_y, BOARD_W - 2 * PAD + 16, bottom - PAD - rows_y)
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
) -> None:
    """The leaderboard card: a title, the legend, then the rows (or a message instead)."""
    p = canvas.palette
    x, y, w, _h = layout.board
    canvas.panel(layout.board, p.panel, RADIUS + 4, alpha=p.panel_alpha, shadow=p.shadow_alpha)
    canvas.text(title, "heading", (x + PAD, y + PAD - 4), p.ink)
    legend_y = y + PAD - 4 + canvas.line_height("heading") / 2
    draw_legend(canvas, x + w - PAD - 150, legend_y)
    canvas.text("Overall", "caption", (x + w - PAD - 14, legend_y), p.ink_muted, "midright")
    if message is not None:
        block = canvas.wrap(message, "body", w - 3 * PAD)
        canvas.block(block, (x + PAD * 1.5, layout.rows[1] + 20), p.ink_muted)
        return
    table.draw(canvas, layout.rows, layout.row_h, you)


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


# -- the scene ------------------------------------------------------------------------------------
class MeetingScene(Scene):
    """The projector leaderboard for one scenario, one module or everything, within a session."""

    name = "meeting"

    def __init__(
        self,
        ctx: Context,
        *,
        scenario: str | None = None,
        module: str | None = None,
        session: str | None = None,
        feed: Callable[[BoardScope], BoardFeed] | None = None,
    ) -> None:
        super().__init__(ctx)
        self.scenario_id = scenario
        self.module_id = module
        self.session = session
        self._make_feed = feed or (lambda scope: BoardFeed(BoardReader(ctx.store, scope)))
        self.feed: BoardFeed | None = None
        self.started_at = ctx.now()
        self.clock_s = 0.0  # seconds of updates since the screen opened
        self.next_read_s = 0.0  # clock_s at which to read the board again
        self.snapshot: Snapshot | None = None
        self.problem: str | None = None  # nothing can be shown (a lasting failure)
        self.failure: str | None = None  # the last read failed; the board shown is older
        self.known: set[str] = set()  # ids of results already on screen or seen at the start
        self.latest_seen: datetime | None = None
        self.seeding = True  # the first readings learn what was there before the meeting
        self.just_in: list[ResultRecord] = []  # newest first
        self.ticker_slide = 0.0  # 0 → 1 as the "just in" line comes up
        self.table = StandingsTable()
        self.places: BoardLayout | None = None

    # -- scope ------------------------------------------------------------------------------------
    @property
    def scope_title(self) -> str:
        library = self.ctx.library
        if self.module_id is not None:
            module = next((m for m in library.modules() if m.id == self.module_id), None)
            return module.title if module else self.module_id
        if self.scenario_id is not None:
            scenario = library.scenario(self.scenario_id)
            return scenario.title if scenario else self.scenario_id
        return "All scenarios"

    def _scope(self) -> BoardScope | None:
        """The scope once it can be read (a module needs the scenario library); else None."""
        library = self.ctx.library
        if self.module_id is None and self.scenario_id is None:
            return BoardScope(session=self.session)
        library.start()
        if not library.ready:
            return None
        if self.module_id is not None:
            module = next((m for m in library.modules() if m.id == self.module_id), None)
            if module is None:
                known = ", ".join(m.id for m in library.modules()) or "none"
                self.problem = (
                    f"There is no module {self.module_id!r} in the scenario folder (modules: "
                    f"{known}); press Esc and start the meeting with one of those."
                )
                return None
            return BoardScope(module=module, session=self.session)
        if library.scenario(self.scenario_id or "") is None and library.library is not None:
            known = ", ".join(sorted(library.library.scenarios)) or "none"
            self.problem = (
                f"There is no scenario {self.scenario_id!r} in the scenario folder (scenarios: "
                f"{known}); press Esc and start the meeting with one of those."
            )
            return None
        return BoardScope(scenario=self.scenario_id, session=self.session)

    # -- layout -----------------------------------------------------------------------------------
    def layout(self) -> None:
        canvas = self.ctx.canvas
        with board_type(canvas):
            top = 30 + canvas.line_height("title") + canvas.line_height("subheading") + 14
            self.places = board_layout(canvas, top, CANVAS_H - 64.0)
        self.table.rows_shown = self.places.rows_shown

    # -- input ------------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        if isinstance(command, Back):
            self.leave()
        elif isinstance(command, Advance | Confirm):
            self.next_read_s = min(self.next_read_s, self.clock_s)  # read again now

    def leave(self) -> None:
        self.close()
        self.ctx.sounds.play("confirm")
        self.ctx.stack.pop()

    def close(self) -> None:
        """Stop reading the board (the screen is gone)."""
        if self.feed is not None:
            self.feed.stop()

    # -- time -------------------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        self.clock_s += step_s
        if self.feed is None and self.problem is None:
            scope = self._scope()
            if scope is not None:
                self.feed = self._make_feed(scope)
        if self.feed is not None:
            for answer in self.feed.collect():
                self._apply(answer)
            due = self.problem is None and self.clock_s >= self.next_read_s
            if due and self.feed.request(BoardRequest(self._since(), self.ctx.now())):
                self.next_read_s = float("inf")  # set again when the answer comes
        self.table.update(step_s)
        if self.ticker_slide < 1.0 and self.just_in:
            self.ticker_slide = min(1.0, self.ticker_slide + step_s * 3.0)

    def _since(self) -> datetime:
        return (self.latest_seen or self.started_at) - timedelta(seconds=OVERLAP_S)

    def _apply(self, answer: Snapshot | FeedFailure) -> None:
        if isinstance(answer, FeedFailure):
            if answer.lasting:
                self.problem = answer.message
            else:
                if answer.message != self.failure:
                    log.warning("the meeting board could not be read: %s", answer.message)
                self.failure = answer.message
                self.next_read_s = self.clock_s + RETRY_S
            return
        first = self.snapshot is None
        seeding = self.seeding
        # A full page means more results wait before the meeting began: still not news.
        self.seeding = len(answer.recent) >= RECENT_LIMIT
        self.failure = None
        self.snapshot = answer
        self.next_read_s = self.clock_s + REFRESH_S
        arrivals = [r for r in answer.recent if r.id not in self.known]
        self.known.update(r.id for r in answer.recent)
        if answer.recent:
            newest = max(r.played_at for r in answer.recent)
            self.latest_seen = max(newest, self.latest_seen) if self.latest_seen else newest
        if seeding:
            arrivals = []  # what was there before the meeting is not news
        if arrivals:
            self.just_in = (list(reversed(arrivals)) + self.just_in)[:TICKER_KEEP]
            self.ticker_slide = 0.0
            self.ctx.sounds.play("feedback-good")
        glowing = {r.player for r in arrivals}
        self.table.show([standing_of(r) for r in answer.rows], glowing, animate=not first)

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        with board_type(canvas):
            self._draw(canvas)

    def _draw(self, canvas: Canvas) -> None:
        p = canvas.palette
        art_backdrop(canvas, self.ctx.art.setting("meeting", canvas.size_px))
        on_dark = p.ink_on_dark
        soft = mix(on_dark, p.backdrop, 0.25)
        box = canvas.text("Team board", "title", (MARGIN, 24), on_dark)
        scope = self.scope_title
        if self.session:
            scope += f"  ·  session “{self.session}”"
        canvas.text(
            canvas.fit(scope, "subheading", CANVAS_W - 2 * MARGIN - 260),
            "subheading",
            (MARGIN, box[1] + box[3] + 2),
            soft,
        )
        self._draw_status(canvas, box[1] + box[3] / 2)
        places = self.places
        assert places is not None
        draw_board_card(canvas, places, self.table, "Leaderboard", self._board_message())
        standings = self.standings if self.snapshot else []
        champions = self.snapshot.champions if self.snapshot else ()
        draw_podium_and_champions(canvas, places, standings, champions)
        self._draw_ticker(canvas)
        footer(canvas, [("Space", "refresh"), ("F11", "full screen"), ("Esc", "leave")])

    def _draw_status(self, canvas: Canvas, middle: float) -> None:
        """A small pill at the top right: live, waiting, or reconnecting (discreet on purpose)."""
        p = canvas.palette
        if self.problem is not None:
            return
        if self.failure is not None:
            text, dot = "Reconnecting…", p.partial
        elif self.snapshot is None:
            text, dot = "Connecting…", p.partial
        else:
            text, dot = "Live", p.positive
        width = canvas.measure(text, "label")[0] + 58
        height = canvas.line_height("label") + 16
        right = CANVAS_W - MARGIN
        canvas.panel((right - width, middle - height / 2, width, height), p.panel, height / 2, 235)
        canvas.circle((right - width + 24, middle), 7, dot)
        canvas.text(text, "label", (right - 20, middle), p.ink, "midright")

    def _board_message(self) -> str | None:
        if self.problem is not None:
            return self.problem
        if self.snapshot is None:
            if self.failure is not None:
                return f"Waiting for the results database: {self.failure}"
            return "Reading the results…"
        if not self.snapshot.rows:
            where = "in this session " if self.session else ""
            return (
                f"No results {where}yet. Play a scenario on any computer that records to this "
                "database, and it appears here within seconds."
            )
        return None

    def _draw_ticker(self, canvas: Canvas) -> None:
        """The newest arrival along the bottom: "Just in  Maya · Loaner counter · 84%"."""
        if not self.just_in:
            return
        p = canvas.palette
        record = self.just_in[0]
        scenario = self.ctx.library.scenario(record.scenario)
        title = scenario.title if scenario else record.scenario
        text = f"{record.player}  ·  {title}  ·  {percent_text(record.overall)}"
        height = canvas.line_height("subheading") + 16
        rise = (1.0 - self.ticker_slide) * (height + 20)
        y = CANVAS_H - 12 - height + rise
        tag_w = canvas.measure("Just in", "label")[0] + 28
        width = min(BOARD_W, tag_w + canvas.measure(text, "subheading")[0] + 40)
        canvas.panel((MARGIN, y, width, height), p.panel, height / 2, alpha=245)
        canvas.panel((MARGIN + 4, y + 4, tag_w, height - 8), p.accent, (height - 8) / 2)
        canvas.text(
            "Just in", "label", (MARGIN + 4 + tag_w / 2, y + height / 2), p.accent_ink, "center"
        )
        shown = canvas.fit(text, "subheading", width - tag_w - 36)
        canvas.text(shown, "subheading", (MARGIN + tag_w + 20, y + height / 2), p.ink, "midleft")

    # -- what the app reads -----------------------------------------------------------------------
    @property
    def view(self) -> Hashable:
        rows = tuple((s.player, s.overall) for s in (r.standing for r in self.table.rows))
        return (self.name, rows, self.problem, self.failure is not None, self.snapshot is None)

    @property
    def settled(self) -> bool:
        return self.table.settled and (not self.just_in or self.ticker_slide >= 1.0)

    @property
    def standings(self) -> list[Standing]:
        """The rows the board shows now, best first."""
        return [row.standing for row in self.table.rows]

    @property
    def reconnecting(self) -> bool:
        return self.failure is not None
