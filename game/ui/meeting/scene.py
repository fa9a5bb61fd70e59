"""The meeting screen: a projector leaderboard that refreshes itself, slides new results in, and
shows the podium and the competency champions (the pieces are in game.ui.meeting.board).

The results store is read through the window's store worker: the scene asks for
a reading in its fixed update step and gets the answer in a later one, so a slow
or unreachable database never holds up drawing. It stops asking when it leaves
the stack (`exit`).
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from game.core.model import COMPETENCIES, Module
from game.core.standings import Champion, Standing
from game.ui.canvas import Canvas
from game.ui.commands import Advance, Back, Command, Confirm
from game.ui.hints import HintBar, draw_hints, footer_bar
from game.ui.meeting.board import (
    BOARD_W,
    BoardLayout,
    StandingsTable,
    board_layout,
    board_type,
    draw_board_card,
    draw_podium_and_champions,
    percent_text,
    standing_of,
)
from game.ui.scene import Context, Scene
from game.ui.scenes.common import art_backdrop
from game.ui.theme import (
    CANVAS_H,
    CANVAS_W,
    MARGIN,
    mix,
)
from game.ui.worker import StoreFailure

if TYPE_CHECKING:
    from game.store import BoardRow, ResultRecord, ResultsStore

log = logging.getLogger("game.ui")

REFRESH_S = 2.0  # seconds between two reads of the board
RETRY_S = 3.0  # seconds before reading again after the database failed
OVERLAP_S = 600.0  # seconds: how far back "recent" results are asked for again (late arrivals)
RECENT_LIMIT = 200  # recent results read per refresh, at most
TICKER_KEEP = 3  # recent arrivals remembered for the "just in" line
COUNT_ROWS = 1000  # board rows read: the head count and "+N more" past the rows shown


# -- reading the store (on the store worker's thread) -------------------------------------------
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


class BoardReader:
    """The queries behind one refresh; runs on the store worker's thread only."""

    def __init__(self, scope: BoardScope) -> None:
        self.scope = scope
        self._session_ready = False

    def read(self, store: ResultsStore, request: BoardRequest) -> Snapshot:
        scope = self.scope
        if scope.session is not None and not self._session_ready:
            self._open_session(store, scope.session, request.now)
        rows = store.leaderboard(
            scenario=scope.scenario, module=scope.module, session=scope.session, limit=COUNT_ROWS
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

    def _open_session(self, store: ResultsStore, name: str, now: datetime) -> None:
        """Start the meeting's session unless it exists (another screen may start it first)."""
        from game.store import StoreError

        if store.session_window(name) is None:
            try:
                store.start_session(name, now)
            except StoreError:
                if store.session_window(name) is None:
                    raise
        self._session_ready = True


# -- the scene ------------------------------------------------------------------------------------
class MeetingScene(Scene[None]):
    """The projector leaderboard for one scenario, one module or everything, within a session."""

    name = "meeting"

    def __init__(
        self,
        ctx: Context,
        *,
        scenario: str | None = None,
        module: str | None = None,
        session: str | None = None,
    ) -> None:
        super().__init__(ctx)
        self.scenario_id = scenario
        self.module_id = module
        self.session = session
        self.reader: BoardReader | None = None  # once the scope is known
        self.readings = 0  # answers from the store so far
        self.asked_at_s = 0.0  # clock_s when the latest reading was asked for
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
        self.ctx.sounds.play("confirm")
        self.dismiss(None)

    def exit(self) -> None:
        """The screen is gone: stop reading the board."""
        self.ctx.worker.cancel(self)

    # -- time -------------------------------------------------------------------------------------
    def update(self, step_s: float) -> None:
        self.clock_s += step_s
        if self.reader is None and self.problem is None:
            scope = self._scope()
            if scope is not None:
                self.reader = BoardReader(scope)
        worker = self.ctx.worker
        due = self.problem is None and self.clock_s >= self.next_read_s
        if self.reader is not None and due and not worker.busy(self):
            reader, request = self.reader, BoardRequest(self._since(), self.ctx.now())
            worker.submit(lambda store: reader.read(store, request), self._apply, owner=self)
            self.asked_at_s = self.clock_s
            self.next_read_s = float("inf")  # set again when the answer comes
        self.table.update(step_s, instant=self.ctx.settings.reduced_motion)
        if self.ticker_slide < 1.0 and self.just_in:
            rate = 1e9 if self.ctx.settings.reduced_motion else 3.0  # reduced motion: at once
            self.ticker_slide = min(1.0, self.ticker_slide + step_s * rate)

    def _since(self) -> datetime:
        return (self.latest_seen or self.started_at) - timedelta(seconds=OVERLAP_S)

    def _apply(self, answer: Snapshot | StoreFailure) -> None:
        self.readings += 1
        if isinstance(answer, StoreFailure):
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
        self.table.untimed = frozenset(r.player for r in answer.rows if r.untimed)
        self.table.show([standing_of(r) for r in answer.rows], glowing, animate=not first)

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, canvas: Canvas) -> None:
        with board_type(canvas):
            self._draw(canvas)

    def still(self) -> object:
        """Once the rows have slid into place and stopped glowing, what the board shows (it
        changes with a reading of the board, which is an answer from the store)."""
        if not self.settled or self.table.glowing:
            return None
        return (
            self.snapshot,
            self.table.rows,
            self.problem,
            self.failure,
            self.just_in[0] if self.just_in else None,
            self.pointed_hint,
        )

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
        rows = len(self.snapshot.rows) if self.snapshot else 0
        draw_board_card(
            canvas,
            places,
            self.table,
            "Leaderboard",
            self._board_message(),
            count=rows if self.snapshot else None,
        )
        standings = self.standings if self.snapshot else []
        champions = self.snapshot.champions if self.snapshot else ()
        draw_podium_and_champions(canvas, places, standings, champions)
        self._draw_ticker(canvas)
        draw_hints(canvas, self)

    def hint_bars(self) -> list[HintBar]:
        hints = [("Space", "refresh"), ("F11", "full screen"), ("Esc", "leave")]
        return [footer_bar(self.ctx.canvas, hints)]

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
            where = f" in the session “{self.session}”" if self.session else ""
            what = f"“{self.scope_title}”" if self.scenario_id or self.module_id else "a scenario"
            return (
                f"No results{where} yet. To join: open Rapport on your computer, type your "
                f"name and play {what}. Your result appears here within seconds."
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
    def shown_in_full(self) -> bool:
        return self.snapshot is not None or self.problem is not None

    @property
    def unavailable(self) -> str | None:
        return self.problem

    @property
    def standings(self) -> list[Standing]:
        """The rows the board shows now, best first."""
        return [row.standing for row in self.table.rows]

    @property
    def reconnecting(self) -> bool:
        return self.failure is not None
