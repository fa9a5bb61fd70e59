"""Reload on save: the watcher's events for a scenario file that changes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from game.loader.watch import Rejected, Reloaded, ScenarioWatcher
from tests.trainer.support import LOANER, write


def save(path: Path, text: str) -> None:
    """Write as an editor would, with a modification time that visibly moves on."""
    before = path.stat().st_mtime_ns if path.exists() else time.time_ns()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


# -- the watcher -------------------------------------------------------------------
def test_watcher_loads_the_file_and_then_stays_quiet_until_it_changes(tmp_path: Path) -> None:
    watcher = ScenarioWatcher(write(tmp_path))
    first = watcher.load()
    assert isinstance(first, Reloaded) and first.scenario.id == "loaner"
    assert watcher.poll() is None
    assert watcher.poll() is None


def test_watcher_reports_a_valid_change_as_a_new_version(tmp_path: Path) -> None:
    path = write(tmp_path)
    watcher = ScenarioWatcher(path)
    watcher.load()
    save(path, LOANER.replace("Enjoy the drive!", "Have a lovely drive!"))
    event = watcher.poll()
    assert isinstance(event, Reloaded)
    assert event.scenario.nodes["picks"].choices[1].text == "Have a lovely drive!"
    assert watcher.poll() is None


def test_watcher_ignores_a_save_without_edits(tmp_path: Path) -> None:
    path = write(tmp_path)
    watcher = ScenarioWatcher(path)
    watcher.load()
    save(path, LOANER)
    assert watcher.poll() is None


def test_half_written_file_is_rejected_with_its_diagnostics(tmp_path: Path) -> None:
    path = write(tmp_path)
    watcher = ScenarioWatcher(path)
    watcher.load()
    save(path, LOANER[: LOANER.index("  picks:") + 20])
    event = watcher.poll()
    assert isinstance(event, Rejected)
    assert event.errors and all(d.path == str(path) for d in event.errors)
    # The finished save arrives: the same bytes as the last good version still reload.
    save(path, LOANER)
    assert isinstance(watcher.poll(), Reloaded)


def test_a_file_that_disappears_and_comes_back_is_reported_then_reloaded(tmp_path: Path) -> None:
    path = write(tmp_path)
    watcher = ScenarioWatcher(path)
    watcher.load()
    path.unlink()
    missing = watcher.poll()
    assert isinstance(missing, Rejected) and "missing" in missing.errors[0].message
    assert watcher.poll() is None  # said once
    save(path, LOANER)
    assert isinstance(watcher.poll(), Reloaded)


def test_a_file_broken_from_the_start_is_rejected_on_load(tmp_path: Path) -> None:
    path = write(tmp_path, LOANER.replace("start: arrive", "start: arive"))
    event = ScenarioWatcher(path).load()
    assert isinstance(event, Rejected)
    assert any("did you mean `arrive`" in d.message for d in event.errors)
