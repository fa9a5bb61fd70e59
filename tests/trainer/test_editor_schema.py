"""Shipped scenarios as an editor sees them: the modeline, and the JSON Schema it points at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from game.loader import DEFAULT_SCENARIOS_DIR
from game.loader.schema import MODULES_SCHEMA, SCENARIO_SCHEMA
from game.trainer.starter import MODELINE_PREFIX, starter_text

SCENARIO_FILES = sorted(p for p in DEFAULT_SCENARIOS_DIR.glob("*.yaml") if p.name != "modules.yaml")
MODULES_FILE = DEFAULT_SCENARIOS_DIR / "modules.yaml"


def schema_of(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def modeline_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE_PREFIX), f"{path.name} does not start with the modeline"
    return (path.parent / first.removeprefix(MODELINE_PREFIX)).resolve()


def test_there_are_shipped_scenarios_to_check() -> None:
    assert len(SCENARIO_FILES) >= 5


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.name)
def test_shipped_scenario_names_the_schema_in_its_first_line(path: Path) -> None:
    assert modeline_target(path) == SCENARIO_SCHEMA.resolve()


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.name)
def test_shipped_scenario_validates_against_the_schema_as_an_editor_would(path: Path) -> None:
    Draft202012Validator(schema_of(SCENARIO_SCHEMA)).validate(
        yaml.safe_load(path.read_text(encoding="utf-8"))
    )


def test_modules_file_names_and_satisfies_its_schema() -> None:
    assert modeline_target(MODULES_FILE) == MODULES_SCHEMA.resolve()
    Draft202012Validator(schema_of(MODULES_SCHEMA)).validate(
        yaml.safe_load(MODULES_FILE.read_text(encoding="utf-8"))
    )


def test_schemas_are_valid_draft_2020_12_schemas() -> None:
    Draft202012Validator.check_schema(schema_of(SCENARIO_SCHEMA))
    Draft202012Validator.check_schema(schema_of(MODULES_SCHEMA))


def test_schema_rejects_what_an_editor_should_underline() -> None:
    validator = Draft202012Validator(schema_of(SCENARIO_SCHEMA))
    data = yaml.safe_load(starter_text("gift-shop", DEFAULT_SCENARIOS_DIR))
    data["nodes"]["greeting"]["choices"][0]["scores"] = {"empthy": 1}
    messages = [error.message for error in validator.iter_errors(data)]
    assert any("empthy" in message for message in messages)


def test_starter_in_any_folder_points_its_modeline_at_the_schema(tmp_path: Path) -> None:
    folder = tmp_path / "team" / "scenarios"
    folder.mkdir(parents=True)
    path = folder / "gift-shop.yaml"
    path.write_text(starter_text("gift-shop", folder), encoding="utf-8")
    assert modeline_target(path) == SCENARIO_SCHEMA.resolve()
    Draft202012Validator(schema_of(SCENARIO_SCHEMA)).validate(
        yaml.safe_load(path.read_text(encoding="utf-8"))
    )


def test_starter_in_the_shipped_folder_uses_the_shipped_modeline() -> None:
    first = starter_text("gift-shop", DEFAULT_SCENARIOS_DIR).splitlines()[0]
    assert first == "# yaml-language-server: $schema=../game/loader/scenario.schema.json"
