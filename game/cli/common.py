"""Shared pieces of the command line: the input error, options and scenario loading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from game.core.analysis import Analysis
    from game.core.model import Module, Scenario

F = TypeVar("F", bound=Callable[..., Any])


class InputError(click.ClickException):
    """The input is wrong (a scenario, a choice, a database URL): exit status 1."""

    exit_code = 1


def scenarios_option(function: F) -> F:
    """`--scenarios DIR`: where scenario ids are looked up."""
    return click.option(
        "--scenarios",
        "scenarios_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder of scenario files (default: the shipped scenarios/).",
    )(function)


def scenarios_folder(scenarios_dir: Path | None) -> Path:
    from game.loader import DEFAULT_SCENARIOS_DIR

    return scenarios_dir if scenarios_dir is not None else DEFAULT_SCENARIOS_DIR


def load_for_play(argument: str, scenarios_dir: Path | None) -> tuple[Scenario, Analysis, Path]:
    """Load SCENARIO (a path or an id) or stop with its diagnostics and exit 1."""
    from game.loader import ScenarioNotFound, load_scenario, resolve_scenario

    try:
        path = resolve_scenario(argument, scenarios_folder(scenarios_dir))
    except ScenarioNotFound as error:
        raise InputError(str(error)) from None
    report = load_scenario(path)
    for diagnostic in report.diagnostics:
        if diagnostic.severity == "error":
            click.echo(diagnostic.format(), err=True)
    if report.scenario is None or report.analysis is None:
        count = len(report.errors)
        raise InputError(
            f"{path} has {count} error{'s' if count != 1 else ''}; fix them and try again"
        )
    if report.analysis.ranges is None:
        raise InputError(f"{path} cannot be scored: no ending can be reached from the start")
    return report.scenario, report.analysis, path


def folder_modules(folder: Path) -> list[Module]:
    """The modules of a scenario folder's modules.yaml (none when it has none or it is broken)."""
    from game.loader import load_modules
    from game.loader.library import scenario_files
    from game.loader.modules import MODULES_FILE

    path = folder / MODULES_FILE
    if not path.is_file():
        return []
    modules, _ = load_modules(path, {p.stem for p in scenario_files(folder)})
    return modules
