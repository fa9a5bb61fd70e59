"""The conversation's order of choices in assessment mode, time to answer, reduced motion, and
who the ending card shows."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pygame
import pytest

from game.core.decisions import play_decisions
from game.core.engine import Decision, Playthrough
from game.core.model import Scenario
from game.core.modes import Mode
from game.core.shuffle import shown_numbers
from game.loader import Library, load_library
from game.saves import SaveFolder
from game.settings import Settings
from game.store import MemoryResultsStore
from game.ui import flow
from game.ui.app import App
from game.ui.conversation.scene import (
    CHOICES,
    ENDING,
    ConversationScene,
    Portrait,
    ending_person,
)
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.picker import PlayChoice
from tests.ui.conftest import MakeApp
from tests.ui.support import (
    frames,
    key,
    open_play,
    results_of,
    run_until,
    say,
    settle_store,
    top,
    write_tiny,
)


@pytest.fixture
def tiny(tmp_path: Path) -> Library:
    write_tiny(tmp_path / "scenarios")
    return load_library(tmp_path / "scenarios")


def saves() -> SaveFolder:
    return SaveFolder(Path(os.environ["RAPPORT_HOME"]) / "data" / "saves")


def settings(**changes: object) -> Settings:
    return Settings(player_name="Ana", text_speed="instant", volume=0, **changes)  # type: ignore[arg-type]


def opened(app: App, mode: str = "coach") -> ConversationScene:
    app.start()
    frames(app)
    open_play(app, "tiny-desk", mode, None)
    frames(app)
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    return scene


def to_choices(app: App, scene: ConversationScene) -> None:
    while not scene.choices_ready:
        if scene.phase != CHOICES:
            key(pygame.K_SPACE, " ")
        frames(app)


def reversing_seed(node: str, count: int) -> str:
    """A seed whose order for `node` is not the file order."""
    return next(
        str(seed)
        for seed in range(1000)
        if shown_numbers(str(seed), node, range(count)) != tuple(range(1, count + 1))
    )


# -- the order of the choices --------------------------------------------------------------------
def test_coaching_shows_the_choices_in_file_order(make_app: MakeApp, tiny: Library) -> None:
    app = make_app(library=tiny)
    scene = opened(app)
    to_choices(app, scene)
    assert scene.seed is None
    assert [(b.badge, b.action) for b in scene.focus.buttons] == [("1", 1), ("2", 2)]


def test_assessment_shows_the_seeds_order_and_a_number_key_takes_what_is_shown_there(
    make_app: MakeApp, tiny: Library
) -> None:
    seed = reversing_seed("kim_asks", 2)
    start = Playthrough(tiny.scenarios["tiny-desk"])
    saves().write(
        start, mode=Mode.ASSESS, module=None, player="Ana", saved_at=datetime.now(UTC), seed=seed
    )
    app = make_app(library=tiny)
    app.start()
    frames(app)
    flow.continue_save(app.ctx, saves().read("tiny-desk"))
    scene = top(app)
    assert isinstance(scene, ConversationScene) and scene.seed == seed
    to_choices(app, scene)
    assert [(b.badge, b.action) for b in scene.focus.buttons] == [("1", 2), ("2", 1)]
    assert [b.label for b in scene.focus.buttons] == [
        "What is it for?",
        "Let me look in the back for you.",
    ]
    key(pygame.K_1, "1")  # the first one on screen: choice 2 of the file
    frames(app)
    assert scene.playthrough.decisions == [2]
    assert saves().read("tiny-desk").seed == seed  # the same order after the next Continue


def test_each_assessment_playthrough_draws_its_own_seed(make_app: MakeApp, tiny: Library) -> None:
    seeds = {opened(make_app(library=tiny), "assess").seed for _ in range(3)}
    assert None not in seeds and len(seeds) == 3


# -- time to answer ------------------------------------------------------------------------------
def test_a_longer_time_to_answer_stretches_every_timer(make_app: MakeApp, tiny: Library) -> None:
    app = make_app(library=tiny, settings=settings(timers="longest"))
    scene = opened(app)
    to_choices(app, scene)
    assert scene.timer_left_s == 6.0 and scene.timer_total_s == 6.0  # twice the file's 3 s
    frames(app, 60 * 5)
    assert scene.playthrough.decisions == []
    frames(app, 60 * 2)
    assert scene.playthrough.decisions == ["t"]


def test_with_timers_off_nobody_is_hurried_and_the_result_is_recorded_untimed(
    make_app: MakeApp, tiny: Library, store: MemoryResultsStore
) -> None:
    app = make_app(library=tiny, settings=settings(timers="off"))
    scene = opened(app, "assess")
    to_choices(app, scene)
    assert scene.timer_left_s is None and scene.untimed
    frames(app, 60 * 30)
    assert scene.playthrough.decisions == []
    say(scene, 1)
    frames(app)
    while scene.phase != ENDING:
        key(pygame.K_SPACE, " ")
        frames(app)
    key(pygame.K_SPACE, " ")
    run_until(app, lambda: isinstance(top(app), DebriefScene))
    debrief = top(app)
    assert isinstance(debrief, DebriefScene) and debrief.untimed
    settle_store(app)
    [record] = results_of(store)
    assert record.untimed and record.decisions == (1,)
    assert [row.untimed for row in store.leaderboard(scenario="tiny-desk")] == [True]


def test_timers_switched_off_after_a_save_still_mark_the_result_when_continued(
    make_app: MakeApp, tiny: Library
) -> None:
    app = make_app(library=tiny, settings=settings(timers="off"))
    scene = opened(app, "assess")
    to_choices(app, scene)
    say(scene, 2)
    frames(app)
    assert saves().read("tiny-desk").untimed


def test_a_scenario_without_timers_is_never_untimed(make_app: MakeApp, shipped: Library) -> None:
    scenario = shipped.scenarios["computer-shop"]
    assert all(node.timer is None for node in scenario.nodes.values())
    app = make_app(settings=settings(timers="off"))
    app.start()
    frames(app)
    flow.play(app.ctx, PlayChoice(scenario.id, Mode.COACH, None))
    scene = top(app)
    assert isinstance(scene, ConversationScene)
    to_choices(app, scene)
    assert not scene.untimed


# -- motion ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("reduced", [False, True])
def test_reduced_motion_changes_portraits_without_a_fade(
    make_app: MakeApp, tiny: Library, reduced: bool
) -> None:
    app = make_app(library=tiny, settings=settings(reduced_motion=reduced))
    scene = opened(app)
    to_choices(app, scene)
    key(pygame.K_2, "2")
    frames(app)
    key(pygame.K_SPACE, " ")
    frames(app)
    assert scene.portrait == Portrait("kim", "delighted")
    assert (scene.fade == 1.0) is reduced


# -- the ending card -------------------------------------------------------------------------------
def ending_scene(app: App, scenario: Scenario, decisions: Sequence[Decision]) -> ConversationScene:
    app.start()
    frames(app)
    played = play_decisions(scenario, decisions, to_ending=False)
    flow.play(app.ctx, PlayChoice(scenario.id, Mode.COACH, None), played)
    scene = top(app)
    assert isinstance(scene, ConversationScene) and scene.phase == ENDING
    return scene


def test_the_ending_card_shows_the_customer_not_whoever_spoke_last(
    make_app: MakeApp, shipped: Library
) -> None:
    scenario = shipped.scenarios["loaner-counter"]
    best = list(shipped.analyses["loaner-counter"].best or ())
    before_end = play_decisions(scenario, best[:-1], to_ending=False)
    assert before_end.current.speaker == "raj"  # the last line before the ending is Raj's
    scene = ending_scene(make_app(), scenario, best)
    assert scene.portrait == Portrait("dana", "delighted")


def test_every_ending_of_the_loaner_counter_is_about_dana(shipped: Library) -> None:
    scenario = shipped.scenarios["loaner-counter"]
    endings = [node for node in scenario.nodes.values() if node.ending is not None]
    assert endings and {ending_person(scenario, node) for node in endings} == {"dana"}


def test_an_ending_that_names_a_later_customer_shows_her(shipped: Library) -> None:
    scenario = shipped.scenarios["candle-shop"]
    assert ending_person(scenario, scenario.nodes["lena_lit"]) == "lena"
    assert ending_person(scenario, scenario.nodes["three_evenings"]) is None  # names nobody
