"""Autosaves and progress files: atomic writes, refusals that touch nothing, names from ids."""

from __future__ import annotations

import errno
import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.core.decisions import play_decisions
from game.core.engine import ScenarioChangedError
from game.core.model import Scenario
from game.core.modes import Mode
from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario
from game.saves import (
    AUTOSAVE_VERSION,
    SaveFolder,
    SaveRefused,
    SaveWriteError,
    _checksum,
    write_atomic,
)

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    report = load_scenario(DEFAULT_SCENARIOS_DIR / "loaner-counter.yaml")
    assert report.scenario is not None
    return report.scenario


def folder(tmp_path: Path) -> SaveFolder:
    return SaveFolder(tmp_path / "saves")


def test_a_save_reads_back_and_replays_to_the_same_state(
    tmp_path: Path, scenario: Scenario
) -> None:
    playthrough = play_decisions(scenario, [2, 2], to_ending=False)
    playthrough.add_time(12.5)
    saves = folder(tmp_path)
    path = saves.write(playthrough, mode=Mode.ASSESS, module="m1", player="Zoé", saved_at=NOW)
    assert path.name == "loaner-counter.json"
    loaded = saves.read("loaner-counter")
    assert (loaded.mode, loaded.module, loaded.player, loaded.title) == (
        "assess",
        "m1",
        "Zoé",
        scenario.title,
    )
    restored = loaded.restore(scenario)
    assert restored.decisions == [2, 2]
    assert restored.current.id == playthrough.current.id
    assert restored.elapsed_s == 12.5


def test_the_display_order_seed_and_the_untimed_mark_come_back_with_the_save(
    tmp_path: Path, scenario: Scenario
) -> None:
    saves = folder(tmp_path)
    playthrough = play_decisions(scenario, [2], to_ending=False)
    saves.write(
        playthrough,
        mode=Mode.ASSESS,
        module=None,
        player="Ana",
        saved_at=NOW,
        seed="5eed0f00dcafe123",
        untimed=True,
    )
    loaded = saves.read("loaner-counter")
    assert (loaded.seed, loaded.untimed) == ("5eed0f00dcafe123", True)
    saves.write(playthrough, mode=Mode.COACH, module=None, player="Ana", saved_at=NOW)
    plain = saves.read("loaner-counter")
    assert (plain.seed, plain.untimed) == (None, False)
    assert "seed" not in json.loads(plain.path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("key", "value"), [("seed", ""), ("seed", 7), ("untimed", "yes")])
def test_a_save_with_a_damaged_seed_or_mark_is_refused(
    tmp_path: Path, scenario: Scenario, key: str, value: object
) -> None:
    saves = folder(tmp_path)
    path = saves.write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.ASSESS,
        module=None,
        player="A",
        saved_at=NOW,
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    data[key] = value
    payload = {k: v for k, v in data.items() if k != "checksum"}
    data["checksum"] = _checksum(payload)  # re-sealed: only the field itself is wrong
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveRefused, match="damaged"):
        saves.read("loaner-counter")


def test_file_names_come_from_scenario_ids_never_from_other_text(tmp_path: Path) -> None:
    saves = folder(tmp_path)
    for bad in ("../evil", "Ana", "a/b", "", "x" * 300, "con.json"):
        with pytest.raises(ValueError):
            saves.path_for(bad)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (pickle.dumps({"format": "rapport-autosave"}), "not a Rapport save"),
        (bytes(random.Random(7).randrange(256) for _ in range(500)), "not a Rapport save"),
        (
            b'{"format": "rapport-autosave", "version": 1, "scenario": "loan',
            "damaged or incomplete",
        ),
        (b"[1, 2, 3]", "not a Rapport save"),
        (b'{"format": "rapport-autosave", "version": NaN}', "damaged or incomplete"),
    ],
)
def test_unreadable_saves_are_refused_and_left_untouched(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    saves = folder(tmp_path)
    path = saves.path_for("loaner-counter")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(SaveRefused) as refused:
        saves.read("loaner-counter")
    assert reason in str(refused.value)
    assert "loaner-counter.json" in str(refused.value) and "left as it is" in str(refused.value)
    assert path.read_bytes() == content


def test_a_pickle_in_the_save_slot_is_never_unpickled(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (Path.touch, (marker,))

    saves = folder(tmp_path)
    path = saves.path_for("loaner-counter")
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps(Exploit()))
    with pytest.raises(SaveRefused):
        saves.read("loaner-counter")
    assert not marker.exists()


def test_a_save_from_a_newer_version_is_refused_with_what_to_do(
    tmp_path: Path, scenario: Scenario
) -> None:
    saves = folder(tmp_path)
    path = saves.write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=NOW,
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = AUTOSAVE_VERSION + 1
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SaveRefused, match="newer Rapport; update Rapport"):
        saves.read("loaner-counter")


def test_a_save_edited_by_hand_is_refused(tmp_path: Path, scenario: Scenario) -> None:
    saves = folder(tmp_path)
    path = saves.write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=NOW,
    )
    text = path.read_text(encoding="utf-8").replace(
        '"decisions": [\n   2\n  ]', '"decisions": [\n   1\n  ]'
    )
    assert text != path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SaveRefused, match="changed outside the game"):
        saves.read("loaner-counter")


def test_a_save_renamed_to_another_scenario_is_refused(tmp_path: Path, scenario: Scenario) -> None:
    saves = folder(tmp_path)
    path = saves.write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=NOW,
    )
    other = path.with_name("garage-checkup.json")
    path.rename(other)
    with pytest.raises(SaveRefused, match="is damaged"):
        saves.read("garage-checkup")


def test_a_save_of_a_changed_scenario_reads_but_does_not_restore(
    tmp_path: Path, scenario: Scenario
) -> None:
    saves = folder(tmp_path)
    path = saves.write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=NOW,
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    document["playthrough"]["content_hash"] = "older"
    document["checksum"] = _checksum({k: v for k, v in document.items() if k != "checksum"})
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = saves.read("loaner-counter")
    with pytest.raises(ScenarioChangedError):
        loaded.restore(scenario)
    assert path.exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the folder is read-only"),
        (errno.EACCES, "read-only"),
    ],
)
def test_a_failed_write_leaves_the_old_save_byte_identical(
    tmp_path: Path, scenario: Scenario, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    saves = folder(tmp_path)
    path = saves.write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=NOW,
    )
    before = path.read_bytes()

    def fail(*_: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(SaveWriteError, match=words):
        saves.write(
            play_decisions(scenario, [2, 2], to_ending=False),
            mode=Mode.COACH,
            module=None,
            player="Ana",
            saved_at=NOW,
        )
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["loaner-counter.json"]


def test_latest_is_the_newest_usable_save_and_lists_the_refused(
    tmp_path: Path, scenario: Scenario
) -> None:
    saves = folder(tmp_path)
    saves.write(
        play_decisions(scenario, [2], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=NOW,
    )
    garage = load_scenario(DEFAULT_SCENARIOS_DIR / "garage-checkup.yaml").scenario
    assert garage is not None
    later = datetime(2026, 5, 5, tzinfo=UTC)
    saves.write(
        play_decisions(garage, [1], to_ending=False),
        mode=Mode.COACH,
        module=None,
        player="Ana",
        saved_at=later,
    )
    (saves.folder / "candle-shop.json").write_bytes(b"\x80\x04junk")
    (saves.folder / "Notes about me.json").write_text("not ours", encoding="utf-8")
    newest, problems = saves.latest()
    assert newest is not None and newest.scenario == "garage-checkup"
    assert len(problems) == 1 and "candle-shop.json" in problems[0]


def test_removing_an_absent_save_is_fine(tmp_path: Path) -> None:
    folder(tmp_path).remove("loaner-counter")


def test_a_save_killed_while_writing_is_the_old_or_the_new_one_never_torn(tmp_path: Path) -> None:
    target = tmp_path / "slot.json"
    write_atomic(target, json.dumps({"n": 0, "pad": "x" * 200_000}).encode())
    writer = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from game.saves import write_atomic\n"
        "target = Path(sys.argv[1])\n"
        "n = 0\n"
        "while True:\n"
        "    n += 1\n"
        "    write_atomic(target, json.dumps({'n': n, 'pad': 'x' * 200_000}).encode())\n"
    )
    generator = random.Random(11)
    for _ in range(12):
        process = subprocess.Popen([sys.executable, "-c", writer, str(target)], cwd=ROOT)
        time.sleep(0.15 + generator.random() * 0.2)
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = json.loads(target.read_text(encoding="utf-8"))
        assert len(data["pad"]) == 200_000
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "slot.json"]
    assert all(name.startswith(".slot.json.") and name.endswith(".tmp") for name in leftovers)
