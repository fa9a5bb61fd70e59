"""A folder of scenarios: load all, validate paths, find a scenario by id or path."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.loader import (
    DEFAULT_SCENARIOS_DIR,
    ScenarioNotFound,
    load_library,
    resolve_scenario,
    validate_paths,
)

from .support import VALID

BROKEN = VALID.replace("id: test-counter", "id: broken").replace("goto: picks", "goto: pick")
WARNED = VALID.replace("id: test-counter", "id: warned").replace(
    "        feedback: She will remember this car.\n", ""
)
MODULES = (
    "format: 1\nmodules:\n  - {id: basics, title: Basics, scenarios: [test-counter, broken]}\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "test-counter.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "warned.yml").write_text(WARNED, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    (tmp_path / "modules.yaml").write_text(MODULES, encoding="utf-8")
    return tmp_path


def test_bad_file_does_not_stop_the_others(folder: Path) -> None:
    library = load_library(folder)
    assert sorted(library.scenarios) == ["test-counter", "warned"]
    assert sorted(library.analyses) == ["test-counter", "warned"]
    assert library.paths["test-counter"] == folder / "test-counter.yaml"
    assert library.paths["warned"] == folder / "warned.yml"
    by_file = {(Path(d.path).name, d.code) for d in library.diagnostics}
    assert by_file == {("broken.yaml", "RP301"), ("warned.yml", "RP307")}
    assert [d.code for d in library.errors] == ["RP301"]


def test_modules_are_loaded_and_may_name_a_scenario_with_errors(folder: Path) -> None:
    library = load_library(folder)
    assert [m.id for m in library.modules] == ["basics"]


def test_module_naming_a_missing_scenario_is_reported(folder: Path) -> None:
    (folder / "modules.yaml").write_text(MODULES.replace("broken]", "brokn]"), encoding="utf-8")
    library = load_library(folder)
    assert library.modules == []
    assert "RP311" in [d.code for d in library.diagnostics]


def test_duplicate_id_is_an_error_on_the_second_file(folder: Path) -> None:
    (folder / "zz-copy.yaml").write_text(VALID, encoding="utf-8")
    library = load_library(folder)
    assert library.paths["test-counter"] == folder / "test-counter.yaml"
    duplicate = [d for d in library.diagnostics if d.code == "RP309"]
    assert len(duplicate) == 1
    assert Path(duplicate[0].path).name == "zz-copy.yaml"
    assert (duplicate[0].line, duplicate[0].column) == (2, 5)
    assert "test-counter.yaml" in duplicate[0].message


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    library = load_library(tmp_path / "nowhere")
    assert library.scenarios == {}
    assert [d.code for d in library.diagnostics] == ["RP101"]


def test_shipped_scenarios_load_without_any_remark() -> None:
    library = load_library(DEFAULT_SCENARIOS_DIR)
    assert DEFAULT_SCENARIOS_DIR.name == "scenarios"
    assert len(library.scenarios) >= 5
    assert [d.format() for d in library.diagnostics] == []


# -- validate_paths -----------------------------------------------------------------------------


def test_validate_a_folder_covers_every_file_and_the_modules(folder: Path) -> None:
    (folder / "modules.yaml").write_text(MODULES.replace("broken]", "brokn]"), encoding="utf-8")
    found = validate_paths([folder])
    assert sorted({(Path(d.path).name, d.code) for d in found}) == [
        ("broken.yaml", "RP301"),
        ("modules.yaml", "RP311"),
        ("warned.yml", "RP307"),
    ]


def test_validate_files_in_the_order_given(folder: Path) -> None:
    found = validate_paths([folder / "warned.yml", folder / "broken.yaml"])
    assert [Path(d.path).name for d in found] == ["warned.yml", "broken.yaml"]


def test_strict_turns_warnings_into_errors(folder: Path) -> None:
    relaxed = validate_paths([folder / "warned.yml"])
    strict = validate_paths([folder / "warned.yml"], strict=True)
    assert [d.severity for d in relaxed] == ["warning"]
    assert [d.severity for d in strict] == ["error"]
    assert [(d.code, d.message) for d in strict] == [(d.code, d.message) for d in relaxed]


def test_validating_modules_alone_checks_ids_against_the_folder(folder: Path) -> None:
    (folder / "modules.yaml").write_text(MODULES.replace("broken]", "brokn]"), encoding="utf-8")
    found = validate_paths([folder / "modules.yaml"])
    assert [d.code for d in found] == ["RP311"]


def test_validating_a_missing_path_is_reported(tmp_path: Path) -> None:
    assert [d.code for d in validate_paths([tmp_path / "gone.yaml"])] == ["RP101"]


# -- resolve_scenario ------------------------------------------------------------------------------


def test_resolve_a_path(folder: Path) -> None:
    assert (
        resolve_scenario(str(folder / "broken.yaml"), folder / "elsewhere")
        == folder / "broken.yaml"
    )


def test_resolve_an_id_in_the_folder(folder: Path) -> None:
    assert resolve_scenario("test-counter", folder) == folder / "test-counter.yaml"
    assert resolve_scenario("warned", folder) == folder / "warned.yml"


def test_resolve_an_unknown_id_suggests_a_close_one(folder: Path) -> None:
    with pytest.raises(ScenarioNotFound) as raised:
        resolve_scenario("test-countr", folder)
    message = str(raised.value)
    assert "(did you mean `test-counter`?)" in message
    assert "modules" not in message
    assert isinstance(raised.value, ValueError)


def test_resolve_a_missing_file_path(folder: Path) -> None:
    with pytest.raises(ScenarioNotFound, match="no scenario file"):
        resolve_scenario(str(folder / "gone.yaml"), folder)


def test_resolve_a_folder_is_refused(folder: Path) -> None:
    with pytest.raises(ScenarioNotFound, match="is a folder"):
        resolve_scenario(str(folder), folder)


def test_resolve_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ScenarioNotFound, match="does not exist"):
        resolve_scenario("anything", tmp_path / "nowhere")


def test_shipped_scenarios_resolve_by_id() -> None:
    path = resolve_scenario("loaner-counter", DEFAULT_SCENARIOS_DIR)
    assert path == DEFAULT_SCENARIOS_DIR / "loaner-counter.yaml"
