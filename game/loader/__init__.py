"""The scenario loader: YAML files to checked Scenario objects, with every problem located.

The only package that imports yaml. Front ends call it and print what it
returns; it never prints.
"""

from __future__ import annotations

from pathlib import Path

from game.loader.diagnostics import Diagnostic
from game.loader.library import (
    Library,
    ScenarioNotFound,
    load_library,
    resolve_scenario,
    validate_paths,
)
from game.loader.modules import load_modules
from game.loader.scenario import LoadReport, load_scenario, load_scenario_text

# The scenarios shipped with the game, at the repository root.
DEFAULT_SCENARIOS_DIR: Path = Path(__file__).resolve().parents[2] / "scenarios"


def schema_text() -> str:
    """The JSON Schema of the scenario format, as `rapport schema` prints it."""
    from game.loader.schema import SCENARIO_SCHEMA
    from game.loader.schema import schema_text as text_of

    return text_of(SCENARIO_SCHEMA)


__all__ = [
    "DEFAULT_SCENARIOS_DIR",
    "Diagnostic",
    "Library",
    "LoadReport",
    "ScenarioNotFound",
    "load_library",
    "load_modules",
    "load_scenario",
    "load_scenario_text",
    "resolve_scenario",
    "schema_text",
    "validate_paths",
]
