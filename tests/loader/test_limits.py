"""A file can only fail itself: its problems are capped, and a mistake of ours stays in it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from game.core.model import Scenario
from game.loader import load_library, load_modules, load_scenario, validate_paths
from game.loader import scenario as scenario_module
from game.loader.diagnostics import MAX_SHOWN
from game.loader.scenario import SUGGESTION_BUDGET
from game.loader.schema import MAX_SCHEMA_ERRORS
from game.loader.tree import MAX_YAML_PROBLEMS
from game.ui.services import LibraryHandle

from .support import VALID, codes, load

HEAD = "format: 1\nid: typos\ntitle: Typos\nsource: {title: t, lesson: l}\nstart: n0\nnodes:\n"
END = "    ending: {title: Done, outcome: success}\n"


def chain(count: int, node: str) -> str:
    """`count` nodes n0, n1, ... each written by `node` (a format string of `i` and `j`)."""
    body = "".join(node.format(i=i, j=i + 1) for i in range(count))
    return HEAD + body + f"  n{count}:\n" + END


def summary(found: list[str]) -> int:
    """How many problems the last line says were left out."""
    match = re.search(r"and (?:at least )?([\d,]+) more are not", found[-1])
    assert match, found[-1]
    return int(match.group(1).replace(",", ""))


# -- at most MAX_SHOWN problems a file, then how many more -----------------------


def test_twenty_thousand_misspelt_keys_are_listed_a_hundred_at_a_time() -> None:
    report = load(chain(20_000, "  n{i}:\n    tetx: hi\n    next: n{j}\n"), "typos.yaml")
    assert len(report.diagnostics) == MAX_SHOWN + 1
    assert codes(report)[:-1] == ["RP202", "RP201"] * (MAX_SHOWN // 2)
    last = report.diagnostics[-1]
    assert last.code == "RP116" and last.severity == "error"
    # Every node has two problems; the ones past those read in detail are counted, one a node.
    assert summary([last.message]) >= 20_000 - MAX_SCHEMA_ERRORS
    assert "at least" in last.message
    assert report.scenario is None


def test_listed_problems_are_the_first_in_the_file() -> None:
    report = load(chain(5_000, "  n{i}:\n    text: hi\n    next: m{j}\n"), "typos.yaml")
    lines = [d.line for d in report.diagnostics]
    assert lines == sorted(lines)
    assert lines[0] == 9  # the first node's `next`
    assert codes(report) == ["RP301"] * MAX_SHOWN + ["RP116"]
    assert summary([report.diagnostics[-1].message]) == 5_000 - MAX_SHOWN


def test_many_misspelt_gotos_still_say_what_is_wrong_past_the_guessing_budget() -> None:
    count = 3_000
    report = load(chain(count, "  n{i}:\n    text: hi\n    next: nn{i}\n"), "typos.yaml")
    messages = [d.message for d in report.diagnostics[:-1]]
    guessed = [m for m in messages if "did you mean" in m]
    # Each guess compares the name with every node id; the budget pays for only a few.
    assert 0 < len(guessed) <= SUGGESTION_BUDGET // count
    assert guessed == messages[: len(guessed)]
    assert all("which is not a node" in m for m in messages)


def test_a_long_cast_is_not_listed_in_full() -> None:
    cast = "".join(f"  c{i}: {{name: C{i}}}\n" for i in range(500))
    text = VALID.replace("cast:\n  customer: {name: Dana, portrait: dana}\n", "cast:\n" + cast)
    report = load(text)
    message = next(d.message for d in report.diagnostics if d.code == "RP302")
    assert "and 493 more" in message
    assert len(message) < 400


def test_warnings_alone_are_capped_as_a_warning() -> None:
    node = "  n{i}:\n    text: hi\n    choices:\n      - {{text: on, goto: n{j}}}\n"
    report = load(chain(300, node).replace("text: on", "text: go"), "typos.yaml")
    assert report.scenario is not None
    assert set(codes(report)[:-1]) == {"RP307"}
    assert report.diagnostics[-1].code == "RP116"
    assert report.diagnostics[-1].severity == "warning"
    assert summary([report.diagnostics[-1].message]) == 300 - MAX_SHOWN


def test_a_file_with_few_problems_lists_them_all_without_a_summary() -> None:
    report = load(VALID.replace("goto: keys", "goto: kyes").replace("goto: picks", "goto: pcks"))
    assert codes(report) == ["RP301", "RP301"]


def test_yaml_problems_still_stop_reading_at_their_own_limit() -> None:
    text = "".join(f"k{i}: !tag v\n" for i in range(MAX_YAML_PROBLEMS * 3))
    assert codes(load(text)) == ["RP109"] * MAX_YAML_PROBLEMS + ["RP116"]


def test_a_modules_file_with_thousands_of_mistakes_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "modules.yaml"
    modules = "".join(
        f"  - {{id: m{i}, title: M, scenarios: [x{i}], unlock: sometimes}}\n" for i in range(3000)
    )
    path.write_text("format: 1\nmodules:\n" + modules, encoding="utf-8")
    found, problems = load_modules(path, set())
    assert found == []
    assert len(problems) == MAX_SHOWN + 1
    assert problems[-1].code == "RP116"


# -- a mistake of ours: RP117 for that file, the others unharmed ----------------------

GOOD = VALID
BAD = VALID.replace("id: test-counter", "id: broken")


@pytest.fixture
def bug_in_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking the scenario `broken` meets a bug deep inside; every other file is fine."""
    real = scenario_module.analyze  # type: ignore[attr-defined]

    def analyze(scenario: Scenario) -> object:
        if scenario.id == "broken":
            raise RecursionError("maximum recursion depth exceeded")
        return real(scenario)

    monkeypatch.setattr(scenario_module, "analyze", analyze)


def folder_with_a_broken_file(tmp_path: Path) -> Path:
    (tmp_path / "test-counter.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "modules.yaml").write_text(
        "format: 1\nmodules:\n  - {id: m, title: M, scenarios: [test-counter]}\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.usefixtures("bug_in_broken")
def test_a_bug_while_checking_a_file_is_an_error_of_that_file(tmp_path: Path) -> None:
    path = folder_with_a_broken_file(tmp_path) / "broken.yaml"
    report = load_scenario(path)
    assert codes(report) == ["RP117"]
    diagnostic = report.diagnostics[0]
    assert diagnostic.path == str(path) and diagnostic.severity == "error"
    assert "RecursionError" in diagnostic.message and "please report" in diagnostic.message
    assert report.scenario is None


@pytest.mark.usefixtures("bug_in_broken")
def test_a_bug_in_one_file_leaves_the_rest_of_the_folder_playable(tmp_path: Path) -> None:
    folder = folder_with_a_broken_file(tmp_path)
    library = load_library(folder)
    assert list(library.scenarios) == ["test-counter"]
    assert [m.id for m in library.modules] == ["m"]
    assert [(Path(d.path).name, d.code) for d in library.errors] == [("broken.yaml", "RP117")]
    found = validate_paths([folder])
    assert [(Path(d.path).name, d.code) for d in found] == [("broken.yaml", "RP117")]


@pytest.mark.usefixtures("bug_in_broken")
def test_the_window_gets_every_other_scenario_when_one_file_meets_a_bug(tmp_path: Path) -> None:
    handle = LibraryHandle(folder_with_a_broken_file(tmp_path))
    assert handle.wait(120)
    assert handle.error is None
    assert handle.scenario("test-counter") is not None
    assert handle.analysis("test-counter") is not None
    assert [m.scenarios for m in handle.modules()] == [("test-counter",)]


def test_a_bug_while_reading_modules_is_an_error_of_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_with_a_broken_file(tmp_path)
    from game.loader import modules as modules_module

    def broken(*args: object) -> object:
        raise KeyError("pass_percent")

    monkeypatch.setattr(modules_module, "_module", broken)
    library = load_library(folder)
    assert set(library.scenarios) == {"test-counter", "broken"}
    assert [(Path(d.path).name, d.code) for d in library.errors] == [("modules.yaml", "RP117")]


# -- files that are not files: never opened, never waited for -------------------------


def test_a_named_pipe_in_the_folder_is_refused_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "test-counter.yaml").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    os.mkfifo(tmp_path / "not-a-scenario.txt")  # not a scenario name: not looked at
    library = load_library(tmp_path)
    assert list(library.scenarios) == ["test-counter"]
    assert [(Path(d.path).name, d.code) for d in library.diagnostics] == [("pipe.yaml", "RP118")]
    assert "named pipe" in library.diagnostics[0].message
    found = validate_paths([tmp_path])
    assert [(Path(d.path).name, d.code) for d in found] == [("pipe.yaml", "RP118")]
    assert [d.code for d in validate_paths([tmp_path / "pipe.yaml"])] == ["RP118"]


def test_a_named_pipe_for_modules_is_refused_and_never_opened(tmp_path: Path) -> None:
    (tmp_path / "test-counter.yaml").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "modules.yaml")
    library = load_library(tmp_path)
    assert list(library.scenarios) == ["test-counter"]
    assert [d.code for d in library.diagnostics] == ["RP118"]
    assert [d.code for d in validate_paths([tmp_path])] == ["RP118"]
