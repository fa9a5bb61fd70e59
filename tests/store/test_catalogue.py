"""Catalogues: where queued results find their scenario, loaded only when one waits."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from game.core.decisions import play_decisions
from game.core.scoring import result_of
from game.loader import DEFAULT_SCENARIOS_DIR, load_library
from game.store import FolderCatalogue, MemoryResultsStore, Submission
from game.store.catalogue import CatalogueUnavailable, LoadedLibrary, folder_name
from game.store.delivery import queue_result
from game.store.outbox import Outbox
from game.store.recording import score
from tests.store.factories import BASIS, T0, make_submission


def test_a_folder_is_loaded_only_when_a_scenario_is_asked_for(tmp_path: Path) -> None:
    calls: list[Path] = []

    def load(folder: Path) -> LoadedLibrary:
        calls.append(folder)
        return load_library(folder)

    catalogue = FolderCatalogue(DEFAULT_SCENARIOS_DIR, load, known={"loaner": BASIS})
    assert catalogue.name == str(DEFAULT_SCENARIOS_DIR.resolve())
    assert catalogue.basis("loaner") is BASIS  # known: no loading
    assert calls == []
    basis = catalogue.basis("loaner-counter")
    assert basis is not None and basis.ranges is not None
    assert basis.module == "outcomes-not-transactions"  # from modules.yaml
    assert catalogue.basis("no-such-scenario") is None
    assert calls == [DEFAULT_SCENARIOS_DIR]  # once


def test_a_folder_that_fails_to_load_makes_queued_results_wait(tmp_path: Path) -> None:
    def broken(folder: Path) -> LoadedLibrary:
        raise RuntimeError("the disk went away")

    catalogue = FolderCatalogue(tmp_path, broken)
    with pytest.raises(CatalogueUnavailable, match="the disk went away"):
        catalogue.basis("loaner")
    store = MemoryResultsStore(outbox_path=tmp_path / "outbox", scenarios=catalogue)
    outbox = Outbox(tmp_path / "outbox")
    queue_result(outbox, store.target, score(make_submission(), BASIS), catalogue)
    assert store.flush_outbox() == 0
    assert store.pending() == 1
    assert any("could not be loaded" in w for w in store.warnings())


def test_a_shipped_scenario_played_and_queued_is_delivered_from_the_folder(
    tmp_path: Path,
) -> None:
    """The real loader, the real folder: a queued result is scored from the file."""
    folder = tmp_path / "scenarios"
    shutil.copytree(DEFAULT_SCENARIOS_DIR, folder)
    library = load_library(folder)
    scenario = library.scenarios["loaner-counter"]
    analysis = library.analyses["loaner-counter"]
    best = analysis.to_dict()["best"]
    assert isinstance(best, list)
    submission = Submission(
        id="a" * 32,
        player="Ann",
        scenario=scenario.id,
        content_hash=scenario.content_hash,
        module=None,
        decisions=tuple(best),
        seconds=30.0,
        played_at=T0,
        app_version="0.1.0",
    )
    catalogue = FolderCatalogue(folder, load_library)
    basis = catalogue.basis(scenario.id)
    assert basis is not None
    outbox = Outbox(tmp_path / "outbox")
    store = MemoryResultsStore(outbox_path=tmp_path / "outbox", scenarios=catalogue)
    queue_result(outbox, store.target, score(submission, basis), catalogue)
    assert store.flush_outbox() == 1
    (stored,) = store.all_results()
    assert analysis.ranges is not None
    expected = result_of(play_decisions(scenario, best, to_ending=False), analysis.ranges)
    assert (stored.overall, stored.raw) == (expected.overall, expected.scores)
    assert stored.module == "outcomes-not-transactions"
    # The trainer edits the scenario: a result queued before is kept aside, not scored.
    queued = dataclasses.replace(submission, id="b" * 32)
    queue_result(outbox, store.target, score(queued, basis), catalogue)
    path = folder / "loaner-counter.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: The ", "title: The edited ", 1), encoding="utf-8")
    edited = FolderCatalogue(folder, load_library)
    later = MemoryResultsStore(outbox_path=tmp_path / "outbox", scenarios=edited)
    assert later.flush_outbox() == 0
    assert list(later.all_results()) == []
    assert any("has changed since the result was played" in w for w in later.warnings()), (
        later.warnings()
    )


def test_a_catalogue_is_named_by_its_resolved_folder(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert folder_name(tmp_path / "link") == folder_name(tmp_path / "real" / ".")
