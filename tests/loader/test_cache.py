"""The reload cache: an unchanged scenario is read back as JSON, exactly as it would load anew."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.core.decisions import play_decisions
from game.core.review import review
from game.loader import DEFAULT_SCENARIOS_DIR, LoadReport, load_library, load_scenario
from game.loader import cache as cache_module
from game.loader import scenario as scenario_module
from game.loader import tree as tree_module
from game.loader.cache import ReloadCache, _scenario_to

from .support import NAME, VALID

SHIPPED = sorted(p for p in DEFAULT_SCENARIOS_DIR.glob("*.yaml") if p.name != "modules.yaml")
GOLDEN = sorted((Path(__file__).parents[1] / "golden").glob("*/*.yaml"))


def same(first: LoadReport, second: LoadReport) -> None:
    """Two loads of one file agree on everything a caller can see."""
    assert first.diagnostics == second.diagnostics
    assert first.scenario_id == second.scenario_id
    assert first.scenario_id_at == second.scenario_id_at
    assert first.picture_uses == second.picture_uses
    assert (first.scenario is None) == (second.scenario is None)
    if first.scenario is not None and second.scenario is not None:
        assert _scenario_to(first.scenario) == _scenario_to(second.scenario)
        assert first.analysis is not None and second.analysis is not None
        assert first.analysis.to_dict() == second.analysis.to_dict()
        best = first.analysis.best or ()
        assert review(first.scenario, first.analysis, best) == review(
            second.scenario, second.analysis, best
        )
        # The rebuilt expressions evaluate as the compiled ones do, all along the best path.
        a, b = (
            play_decisions(first.scenario, list(best), to_ending=False),
            play_decisions(second.scenario, list(best), to_ending=False),
        )
        assert a.raw_scores == b.raw_scores and a.values == b.values


def write(folder: Path, text: str = VALID, name: str = NAME) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


# -- the same result, without the work --------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED + GOLDEN, ids=lambda p: p.stem)
def test_every_shipped_and_golden_scenario_reads_back_exactly(path: Path, tmp_path: Path) -> None:
    cache = ReloadCache(tmp_path / "cache")
    fresh = load_scenario(path, reload_cache=cache)
    assert len(entries(tmp_path / "cache")) == 1
    again = load_scenario(path, reload_cache=cache)
    assert type(again.analysis).__name__ == "_Remembered"
    same(fresh, again)


def test_an_unchanged_file_is_neither_parsed_nor_analysed_again(
    tmp_path: Path, private_scenario_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path)
    fresh = load_scenario(path)  # the default cache: RAPPORT_CACHE, set for every test
    assert len(entries(private_scenario_cache)) == 1
    calls: list[str] = []

    def forbidden(*args: object) -> Any:
        calls.append("parsed")
        raise AssertionError("parsed again")

    monkeypatch.setattr(tree_module, "parse_tree", forbidden)
    monkeypatch.setattr(scenario_module, "analyze", forbidden)
    again = load_scenario(path)
    assert calls == []
    same(fresh, again)


def test_a_library_loads_from_the_cache_the_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scenarios"
    shutil.copytree(DEFAULT_SCENARIOS_DIR, folder)
    first = load_library(folder)
    parse = tree_module.parse_tree

    def modules_only(source: str, path: str) -> Any:  # modules.yaml is not cached
        if Path(path).name != "modules.yaml":
            pytest.fail(f"{path} was parsed again")
        return parse(source, path)

    monkeypatch.setattr(tree_module, "parse_tree", modules_only)
    second = load_library(folder)
    assert first.diagnostics == second.diagnostics
    assert list(first.scenarios) == list(second.scenarios)
    assert [m.id for m in first.modules] == [m.id for m in second.modules]


def test_the_review_graph_is_worked_out_again_only_when_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path)
    cache = ReloadCache(tmp_path / "cache")
    load_scenario(path, reload_cache=cache)
    analysed: list[str] = []
    real = cache_module.analyze  # type: ignore[attr-defined]

    def counting(scenario: Any) -> Any:
        analysed.append(scenario.id)
        return real(scenario)

    monkeypatch.setattr(cache_module, "analyze", counting)
    again = load_scenario(path, reload_cache=cache)
    assert again.scenario is not None and again.analysis is not None
    assert analysed == []
    assert again.analysis.ranges is not None  # what scoring needs is there at once
    reviews = review(again.scenario, again.analysis, [2, 1])
    assert [r.node for r in reviews] == ["arrive", "picks"]
    assert analysed == ["test-counter"]  # once, for the state graph
    review(again.scenario, again.analysis, [1])
    assert analysed == ["test-counter"]


def test_a_big_analysis_is_not_kept_but_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_KEPT_STATES", 0)
    path = write(tmp_path)
    cache = ReloadCache(tmp_path / "cache")
    fresh = load_scenario(path, reload_cache=cache)
    again = load_scenario(path, reload_cache=cache)
    assert type(again.analysis).__name__ == "Analysis"
    same(fresh, again)


# -- only when nothing changed --------------------------------------------------------


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    cache = ReloadCache(tmp_path / "cache")
    path = write(tmp_path)
    load_scenario(path, reload_cache=cache)
    write(tmp_path, VALID.replace("goto: keys", "goto: kyes"))
    report = load_scenario(path, reload_cache=cache)
    assert [d.code for d in report.diagnostics] == ["RP301"]
    assert report.scenario is None
    # One entry per file: the broken version is not kept, the old one is not used.
    assert len(entries(tmp_path / "cache")) == 1
    write(tmp_path)
    assert load_scenario(path, reload_cache=cache).diagnostics == []


def test_the_same_bytes_under_another_name_are_told_apart(tmp_path: Path) -> None:
    cache = ReloadCache(tmp_path / "cache")
    load_scenario(write(tmp_path), reload_cache=cache)
    other = write(tmp_path, name="renamed.yaml")
    report = load_scenario(other, reload_cache=cache)
    assert [d.code for d in report.diagnostics] == ["RP310"]
    assert report.diagnostics[0].path == str(other)


def test_an_entry_written_by_other_code_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ReloadCache(tmp_path / "cache")
    path = write(tmp_path)
    fresh = load_scenario(path, reload_cache=cache)
    assert cache.get(path, path.read_bytes()) is not None
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    assert cache.get(path, path.read_bytes()) is None
    same(fresh, load_scenario(path, reload_cache=cache))
    [stored] = entries(tmp_path / "cache")
    assert json.loads(stored.read_bytes())["code"] == "another version"  # written anew


def test_pictures_are_looked_for_again_once_an_art_folder_appears(tmp_path: Path) -> None:
    cache = ReloadCache(tmp_path / "cache")
    path = write(tmp_path, VALID.replace("setting: dealership", "setting: flower-stall"))
    assert [d.code for d in load_scenario(path, reload_cache=cache).diagnostics] == ["RP320"]
    assert [d.code for d in load_scenario(path, reload_cache=cache).diagnostics] == ["RP320"]
    settings = tmp_path / "art" / "settings"
    settings.mkdir(parents=True)
    shutil.copy(
        DEFAULT_SCENARIOS_DIR.parent / "assets/settings/garage.svg", settings / "flower-stall.svg"
    )
    assert load_scenario(path, reload_cache=cache).diagnostics == []


# -- a damaged cache is ignored and written anew ------------------------------------------


def damaged_entries(good: bytes) -> dict[str, bytes]:
    entry = json.loads(good)
    wrong_type = json.loads(good)
    wrong_type["entry"]["scenario"]["nodes"][0][1] = 42  # a node's text that is a number
    wrong_variable = json.loads(good)
    wrong_variable["entry"]["scenario"]["variables"][0][1] = "yes"
    bad_expression = json.loads(good)
    bad_expression["entry"]["scenario"]["nodes"][0][5][1][2] = "__import__('os')"
    foreign_class = json.loads(good)
    foreign_class["entry"]["analysis"]["dict"]["ranges"] = {"class": "Popen", "fields": {}}
    missing = json.loads(good)
    del missing["entry"]["analysis"]
    return {
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "random bytes": os.urandom(512),
        "not an object": b"[1, 2, 3]",
        "wrong format": json.dumps({**entry, "format": "something-else"}).encode(),
        "text where a number belongs": json.dumps(wrong_type).encode(),
        "a variable of no type": json.dumps(wrong_variable).encode(),
        "code where an expression belongs": json.dumps(bad_expression).encode(),
        "a class that is not kept": json.dumps(foreign_class).encode(),
        "a missing part": json.dumps(missing).encode(),
        "a pickle": pickle.dumps({"entry": "anything"}),
    }


def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path: Path) -> None:
    cache = ReloadCache(tmp_path / "cache")
    path = write(tmp_path)
    fresh = load_scenario(path, reload_cache=cache)
    [stored] = entries(tmp_path / "cache")
    good = stored.read_bytes()
    for why, content in damaged_entries(good).items():
        stored.write_bytes(content)
        assert cache.get(path, path.read_bytes()) is None, why
        report = load_scenario(path, reload_cache=cache)
        same(fresh, report)
        assert json.loads(stored.read_bytes())["hash"] == json.loads(good)["hash"], why
        assert cache.get(path, path.read_bytes()) is not None, why


class _Planted:
    """Unpickling this would create a file: the proof that nothing in the cache is unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def test_an_entry_is_never_unpickled(tmp_path: Path) -> None:
    cache = ReloadCache(tmp_path / "cache")
    path = write(tmp_path)
    load_scenario(path, reload_cache=cache)
    [stored] = entries(tmp_path / "cache")
    marker = tmp_path / "ran"
    stored.write_bytes(pickle.dumps(_Planted(marker)))
    assert load_scenario(path, reload_cache=cache).scenario is not None
    assert not marker.exists()
    assert json.loads(stored.read_bytes())["format"] == cache_module.FORMAT


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    path = write(tmp_path)
    report = load_scenario(path, reload_cache=ReloadCache(blocked / "cache"))
    assert report.scenario is not None and report.diagnostics == []


def test_the_cache_can_be_turned_off(
    tmp_path: Path, private_scenario_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_CACHE", "off")
    path = write(tmp_path)
    load_scenario(path)
    load_scenario(path)
    assert entries(private_scenario_cache) == []


def test_the_cache_keeps_a_bounded_number_of_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    cache = ReloadCache(tmp_path / "cache")
    for index in range(6):
        text = VALID.replace("id: test-counter", f"id: s{index}")
        load_scenario(write(tmp_path, text, f"s{index}.yaml"), reload_cache=cache)
    assert len(entries(tmp_path / "cache")) == 3
    # The latest ones stay.
    last = tmp_path / "s5.yaml"
    assert cache.get(last, last.read_bytes()) is not None
