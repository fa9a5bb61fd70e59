"""The debrief: scores, pass or grade, each decision beside the best one, recording once
through the store worker."""

from __future__ import annotations

from typing import Any

import pygame

from game.core.decisions import play_decisions
from game.core.modes import Mode
from game.loader import Library
from game.store import MemoryResultsStore, RecordOutcome
from game.ui import flow
from game.ui.app import App
from game.ui.scenes.debrief import NEXT, DebriefScene
from game.ui.scenes.picker import PlayChoice
from game.ui.services import StoreHandle
from game.ui.worker import StoreWorker
from tests.ui.conftest import MakeApp
from tests.ui.support import frames, key, results_of, run_until, settle_store, top

MODULE = "outcomes-not-transactions"  # loaner-counter is its first scenario


def open_debrief(
    app: App, library: Library, scenario_id: str, decisions: list[Any], module: str | None
) -> DebriefScene:
    app.start()
    frames(app)
    scenario = library.scenarios[scenario_id]
    analysis = library.analyses[scenario_id]
    choice = PlayChoice(scenario_id, Mode.ASSESS, module)
    flow.debrief(
        app.ctx, scenario, analysis, play_decisions(scenario, decisions, to_ending=False), choice
    )
    scene = top(app)
    assert isinstance(scene, DebriefScene)
    settle_store(app)
    run_until(app, lambda: scene.guard.ready)  # its buttons wait a moment, as choices do
    frames(app, 3)
    return scene


def best_of(library: Library, scenario_id: str) -> list[Any]:
    best = library.analyses[scenario_id].best
    assert best is not None
    return list(best)


def test_the_best_path_passes_the_module_is_recorded_and_unlocks_the_next(
    make_app: MakeApp, shipped: Library, store: MemoryResultsStore
) -> None:
    app = make_app()
    scene = open_debrief(app, shipped, "loaner-counter", best_of(shipped, "loaner-counter"), MODULE)
    assert scene.passed
    assert all(r.was_best for r in scene.reviews)
    [record] = results_of(store)
    assert (record.player, record.module, record.scenario) == ("Ana", MODULE, "loaner-counter")
    assert app.ctx.progress.bests["loaner-counter"] == scene.result.overall
    assert scene.verdict.unlocked == ("airline-rebooking",)
    assert scene.next_scenario == "airline-rebooking"
    assert scene.focus.focused is not None and scene.focus.focused.action == NEXT
    assert "recorded" in scene.status


def test_a_weak_path_fails_the_module_and_shows_better_choices(
    make_app: MakeApp, shipped: Library, store: MemoryResultsStore
) -> None:
    from tests.ui.support import decisions_to_every_ending

    scenario = shipped.scenarios["loaner-counter"]
    worst = min(
        decisions_to_every_ending(scenario).values(),
        key=lambda d: play_decisions(scenario, list(d), to_ending=False).raw_scores[0],
    )
    app = make_app()
    scene = open_debrief(app, shipped, "loaner-counter", list(worst), MODULE)
    assert not scene.passed
    better = [r for r in scene.reviews if not r.was_best]
    assert better and all(r.best_text or r.best == "t" for r in better)
    assert all(r.best_outlook is not None for r in better)


def test_outside_a_module_the_debrief_gives_the_cores_grade(
    make_app: MakeApp, shipped: Library
) -> None:
    app = make_app()
    scene = open_debrief(app, shipped, "loaner-counter", best_of(shipped, "loaner-counter"), None)
    assert scene.module is None and not scene.passed
    assert scene.verdict.grade == "Excellent"


def test_the_debrief_shows_saving_until_the_store_answers(
    make_app: MakeApp, shipped: Library, store: MemoryResultsStore
) -> None:
    app = make_app()
    app.start()
    frames(app)
    scenario = shipped.scenarios["loaner-counter"]
    playthrough = play_decisions(scenario, best_of(shipped, "loaner-counter"), to_ending=False)
    choice = PlayChoice("loaner-counter", Mode.COACH, None)
    flow.debrief(app.ctx, scenario, shipped.analyses["loaner-counter"], playthrough, choice)
    scene = top(app)
    assert isinstance(scene, DebriefScene)
    assert scene.status == "Saving your result…" and not scene.settled
    settle_store(app)
    frames(app, 2)
    assert scene.recorded and "recorded" in scene.status


def test_a_result_is_recorded_once_however_long_the_debrief_stays(
    make_app: MakeApp, shipped: Library, store: MemoryResultsStore
) -> None:
    app = make_app()
    open_debrief(app, shipped, "loaner-counter", best_of(shipped, "loaner-counter"), None)
    frames(app, 100)
    assert len(results_of(store)) == 1


def test_a_queued_result_says_it_will_be_sent_later(make_app: MakeApp, shipped: Library) -> None:
    class Offline(MemoryResultsStore):
        def record(self, record: Any) -> RecordOutcome:
            return RecordOutcome(
                stored=False,
                queued=True,
                message="The database is away; the result waits in the outbox.",
            )

    app = make_app(results=Offline())
    scene = open_debrief(app, shipped, "loaner-counter", best_of(shipped, "loaner-counter"), None)
    assert scene.status == "The database is away; the result waits in the outbox."
    assert app.ctx.records[-1][0] is True


def test_a_database_that_cannot_open_is_reported_and_play_goes_on(
    make_app: MakeApp, shipped: Library
) -> None:
    app = make_app()

    def broken() -> Any:
        from game.store import StoreError

        raise StoreError("the results database URL is not one Rapport can use")

    app.ctx.store = StoreHandle(broken)
    app.ctx.worker = StoreWorker(app.ctx.store)
    scene = open_debrief(app, shipped, "loaner-counter", best_of(shipped, "loaner-counter"), None)
    assert "could not be opened" in scene.status
    assert app.ctx.records[-1][0] is False
    key(pygame.K_RETURN)  # Play again still works
    run_until(app, lambda: top(app).name == "conversation")


def test_the_leaderboard_button_shows_this_scenario_with_the_player_highlighted(
    make_app: MakeApp, shipped: Library, store: MemoryResultsStore
) -> None:
    app = make_app()
    scene = open_debrief(app, shipped, "loaner-counter", best_of(shipped, "loaner-counter"), None)
    scene.focus.focus_action("leaderboard")
    key(pygame.K_RETURN)
    run_until(app, lambda: top(app).name == "leaderboard" and top(app).settled)  # board read
    board = top(app)
    assert board.scenario == "loaner-counter"  # type: ignore[attr-defined]
    [row] = board.rows  # type: ignore[attr-defined]
    assert row.player == "Ana" and row.rank == 1
    key(pygame.K_ESCAPE)
    frames(app)
    assert top(app) is scene


def test_the_debrief_scrolls_with_page_down_and_the_wheel(
    make_app: MakeApp, shipped: Library
) -> None:
    app = make_app()
    scene = open_debrief(app, shipped, "loaner-counter", best_of(shipped, "loaner-counter"), None)
    assert scene.area.scrollable
    key(pygame.K_PAGEDOWN)
    frames(app, 60)
    assert scene.area.offset > 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=10, flipped=False))
    frames(app, 60)
    assert scene.area.offset == 0


# -- what the debrief explains ---------------------------------------------------------------------
def missed_path(library: Library) -> list[Any]:
    """A loaner-counter path on which an earlier cue was missed (the lease never came up)."""
    from game.core.opportunities import missed_opportunities
    from tests.ui.support import decisions_to_every_ending

    scenario = library.scenarios["loaner-counter"]
    ranges = library.analyses["loaner-counter"].ranges
    assert ranges is not None
    return next(
        list(d)
        for d in decisions_to_every_ending(scenario).values()
        if missed_opportunities(scenario, ranges, list(d))
    )


def test_the_debrief_shows_what_an_earlier_cue_would_have_opened(
    make_app: MakeApp, shipped: Library
) -> None:
    from game.core.opportunities import missed_opportunities

    decisions = missed_path(shipped)
    scene = open_debrief(make_app(), shipped, "loaner-counter", decisions, None)
    ranges = shipped.analyses["loaner-counter"].ranges
    assert ranges is not None
    expected = missed_opportunities(shipped.scenarios["loaner-counter"], ranges, decisions)
    assert scene.missed == expected
    shown = [s.missed for s in scene.sections if s.kind == "missed"]
    assert shown == expected
    kinds = [s.kind for s in scene.sections]
    assert kinds.index("missed_heading") > max(i for i, k in enumerate(kinds) if k == "review")
    assert kinds.index("missed_heading") < kinds.index("lesson")


def test_each_competency_is_said_in_points_on_the_scenarios_scale() -> None:
    from game.core.scoring import Range, Result
    from game.ui.scenes.debrief_scores import competency_line

    result = Result(
        "s", "h", "end", "success", (), (), (), (0, 8, -2),
        (Range(-9, 8), Range(0, 8), Range(-2, 5)), (52.9, 100.0, 0.0), 51.0, 1.0,
    )  # fmt: skip
    assert competency_line(result, 0) == "0 points; this scenario gives from −9 (0%) to +8 (100%)."
    assert competency_line(result, 1) == "+8 points: the most anyone can score here."
    assert competency_line(result, 2).startswith("−2 points: the least anyone can score here")


def test_the_next_button_names_the_scenario_it_opens(make_app: MakeApp, shipped: Library) -> None:
    scene = open_debrief(
        make_app(), shipped, "loaner-counter", best_of(shipped, "loaner-counter"), MODULE
    )
    following = shipped.scenarios["airline-rebooking"].title
    [button] = [b for b in scene.focus.buttons if b.action == NEXT]
    assert button.label == f"Next: {following}"


def test_a_decisions_context_is_shown_in_full(make_app: MakeApp, shipped: Library) -> None:
    from game.ui.scenes.review_cards import context_text

    scene = open_debrief(
        make_app(), shipped, "loaner-counter", best_of(shipped, "loaner-counter"), None
    )
    first = scene.reviews[0]
    node = shipped.scenarios["loaner-counter"].nodes[first.node]
    assert context_text(scene.scenario, first).endswith(" ".join(node.text.split()))
    assert len(context_text(scene.scenario, first)) > 120  # longer than the line it once was


def test_an_untimed_result_is_said_on_its_debrief(make_app: MakeApp, shipped: Library) -> None:
    app = make_app()
    app.start()
    frames(app)
    scenario = shipped.scenarios["loaner-counter"]
    playthrough = play_decisions(scenario, best_of(shipped, "loaner-counter"), to_ending=False)
    choice = PlayChoice("loaner-counter", Mode.ASSESS, None)
    flow.debrief(app.ctx, scenario, shipped.analyses[scenario.id], playthrough, choice, True)
    scene = top(app)
    assert isinstance(scene, DebriefScene) and scene.untimed
    from game.ui.scenes.debrief_scores import extra_lines

    assert "Played untimed" in extra_lines(scene.untimed, "")
