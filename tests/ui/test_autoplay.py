"""Autoplay drives the real window through real key and mouse events to every ending."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.core.engine import TIMER, Decision
from game.loader import DEFAULT_SCENARIOS_DIR, Library, load_library
from game.store import MemoryResultsStore
from game.ui.app import App
from tests.ui.conftest import MakeApp
from tests.ui.support import decisions_to_every_ending, results_of, write_tiny

ROOT = Path(__file__).resolve().parents[2]


def _every_ending() -> list[tuple[str, str, tuple[Decision, ...]]]:
    library = load_library(DEFAULT_SCENARIOS_DIR)
    cases = []
    for scenario_id, scenario in sorted(library.scenarios.items()):
        for ending, decisions in sorted(decisions_to_every_ending(scenario).items()):
            cases.append((scenario_id, ending, decisions))
    return cases


ENDINGS = _every_ending()


def autoplay(
    make_app: MakeApp, scenario: str, decisions: tuple[Decision, ...], **options: object
) -> App:
    app = make_app(scenario=scenario, autoplay=decisions, **options)
    status = app.run()
    assert status == 0, app.stuck
    return app


def test_the_shipped_scenarios_have_endings_to_play() -> None:
    assert len({case[0] for case in ENDINGS}) >= 1
    assert all(decisions for _, _, decisions in ENDINGS)


@pytest.mark.parametrize(
    ("scenario", "ending", "decisions"),
    ENDINGS,
    ids=[f"{s}-{e}" for s, e, _ in ENDINGS],
)
def test_autoplay_reaches_every_ending_of_every_shipped_scenario(
    make_app: MakeApp,
    store: MemoryResultsStore,
    scenario: str,
    ending: str,
    decisions: tuple[Decision, ...],
) -> None:
    mode = "coach" if len(decisions) % 2 else "assess"
    app = autoplay(make_app, scenario, decisions, mode=mode)
    assert app.stack.top is not None and app.stack.top.name == "debrief"
    [record] = results_of(store)
    assert (record.scenario, record.ending, record.decisions) == (scenario, ending, decisions)
    assert record.player == "Ana"
    assert not (Path(os.environ["RAPPORT_HOME"]) / "data" / "saves" / f"{scenario}.json").exists()


@pytest.mark.parametrize("mode", ["coach", "assess"])
def test_autoplay_lets_a_timer_run_out_when_told_t(
    make_app: MakeApp, store: MemoryResultsStore, tmp_path: Path, mode: str
) -> None:
    write_tiny(tmp_path / "scenarios")
    library = load_library(tmp_path / "scenarios")
    app = make_app(library=library, scenario="tiny-desk", autoplay=(TIMER,), mode=mode)
    assert app.run() == 0
    [record] = results_of(store)
    assert (record.ending, record.decisions) == ("gone", (TIMER,))
    assert record.raw == (-1, 0, 0)


def test_autoplay_plays_a_small_scenario_from_another_folder(
    make_app: MakeApp, store: MemoryResultsStore, tmp_path: Path
) -> None:
    write_tiny(tmp_path / "scenarios")
    library: Library = load_library(tmp_path / "scenarios")
    for decisions, ending in (((1,), "sold"), ((2, 1), "sold"), ((TIMER,), "gone")):
        app = make_app(library=library, scenario="tiny-desk", autoplay=decisions)
        assert app.run() == 0
        assert results_of(store)[-1].ending == ending
    assert len(results_of(store)) == 3


# -- run.py as a program ----------------------------------------------------------------------
def run_py(*arguments: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "RAPPORT_HOME": str(home),
    }
    env.pop("RAPPORT_DB", None)
    return subprocess.run(
        [sys.executable, "run.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_py_autoplay_saves_every_screen_records_the_result_and_exits_0(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    home = tmp_path / "home"
    write_tiny(tmp_path / "scenarios")
    done = run_py(
        "--scenarios", str(tmp_path / "scenarios"),
        "--scenario", "tiny-desk",
        "--player", "Ana",
        "--autoplay", "2,1",
        "--screenshots", str(shots),
        "--size", "960x540",
        home=home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "001-title.png"
    kinds = {name.split("-", 1)[1] for name in names}
    assert {"title.png", "picker.png", "conversation.png", "debrief.png"} <= kinds
    from game.store import open_store

    database = home / "data" / "results.db"
    store = open_store(f"sqlite:///{database}", outbox_path=home / "data" / "outbox")
    try:
        [row] = store.leaderboard(scenario="tiny-desk")
    finally:
        store.close()
    assert row.player == "Ana"
    assert (row.overall, row.empathy, row.upsell) == (88.9, 66.7, 100.0)  # 2 then 1


@pytest.mark.parametrize(
    ("arguments", "status", "words"),
    [
        (["--size", "big"], 2, "--size expects WIDTHxHEIGHT"),
        (["--mode", "relaxed"], 2, "--mode"),
        (["--autoplay", "2,x"], 2, "--autoplay: item 2"),
        (["--autoplay", "1"], 2, "needs --scenario ID and --player NAME"),
        (
            ["--scenario", "loaner-counter", "--player", "A\u202eB", "--autoplay", "1"],
            2,
            "--player",
        ),
        (
            ["--scenario", "loaner-countr", "--player", "Ana", "--autoplay", "1"],
            1,
            "loaner-counter",
        ),
        (["--scenario", "loaner-counter", "--player", "Ana", "--autoplay", "9"], 1, "choose 1 to"),
        (
            ["--scenario", "loaner-counter", "--player", "Ana", "--autoplay", "2"],
            1,
            "before an ending",
        ),
        (["--scenarios", "/no/such/folder"], 2, "no such folder"),
        (["--session", "Monday\nteam"], 2, "--session"),
    ],
)
def test_run_py_refuses_bad_arguments_with_one_sentence(
    tmp_path: Path, arguments: list[str], status: int, words: str
) -> None:
    done = run_py(*arguments, home=tmp_path / "home")
    assert done.returncode == status
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_run_py_names_the_node_and_the_choices_for_an_impossible_choice(tmp_path: Path) -> None:
    write_tiny(tmp_path / "scenarios")
    done = run_py(
        "--scenarios", str(tmp_path / "scenarios"),
        "--scenario", "tiny-desk",
        "--player", "Ana",
        "--autoplay", "3",
        home=tmp_path / "home",
    )  # fmt: skip
    assert done.returncode == 1
    assert "kim_asks" in done.stderr
    assert "choose 1 to 2" in done.stderr
    assert "or t for the timer" in done.stderr


def test_run_py_marks_its_first_frame_when_asked(tmp_path: Path) -> None:
    env_home = tmp_path / "home"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.update(RAPPORT_HOME=str(env_home), RAPPORT_FIRST_FRAME="exit")
    done = subprocess.run(
        [sys.executable, "run.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.strip() == "first frame"


def test_the_window_does_not_import_slow_libraries_before_its_first_frame(tmp_path: Path) -> None:
    code = (
        "import runpy, sys\n"
        "sys.argv = ['run.py']\n"
        "try:\n"
        "    runpy.run_path('run.py', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "slow = ['sqlalchemy', 'yaml', 'jsonschema', 'matplotlib', 'game.loader', 'game.store']\n"
        "print('loaded:' + ','.join(m for m in slow if m in sys.modules))\n"
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.update(RAPPORT_HOME=str(tmp_path / "home"), RAPPORT_FIRST_FRAME="exit")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["first frame", "loaded:"]


def test_without_a_screen_the_window_says_so_and_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.ui import app as window
    from game.ui.options import Options

    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(pygame.display, "init", lambda: None)
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "offscreen")
    assert window.main(Options()) == window.NO_SCREEN
    assert "rapport play loaner-counter" in capsys.readouterr().err
