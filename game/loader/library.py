"""A folder of scenarios: load them all, validate paths, find a scenario by id or path.

A bad file never stops the others: each file is loaded on its own and its
problems are collected beside the scenarios that loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.core.analysis import Analysis
from game.core.expressions import did_you_mean
from game.core.model import Module, Scenario
from game.loader import diagnostics as codes
from game.loader.diagnostics import Diagnostic, diagnostic, sort_key
from game.loader.modules import MODULES_FILE, load_modules
from game.loader.scenario import LoadReport, load_scenario

SCENARIO_SUFFIXES = (".yaml", ".yml")


class ScenarioNotFound(ValueError):
    """A scenario argument that names neither a file nor a scenario id in the folder."""


@dataclass
class Library:
    """Every scenario of a folder that loaded, and the problems of every file."""

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    modules: list[Module] = field(default_factory=list)
    analyses: dict[str, Analysis] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # scenario id -> its file

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files of `folder` (not `modules.yaml`), sorted by name."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in SCENARIO_SUFFIXES and p.name != MODULES_FILE and p.is_file()
    )


def _load_files(files: Iterable[Path]) -> tuple[list[tuple[Path, LoadReport]], set[str]]:
    """Load each file; a second file with an id already taken gets an error."""
    loaded: list[tuple[Path, LoadReport]] = []
    owners: dict[str, Path] = {}
    for path in files:
        report = load_scenario(path)
        scenario_id = report.scenario_id
        if scenario_id is not None:
            if scenario_id in owners:
                line, column = report.scenario_id_at
                report.diagnostics.append(
                    diagnostic(
                        str(path),
                        line,
                        column,
                        codes.DUPLICATE_ID,
                        f"the id `{scenario_id}` is already used by {owners[scenario_id]}; "
                        "every scenario needs its own id",
                    )
                )
                report.diagnostics.sort(key=sort_key)
                report.scenario = None
            else:
                owners[scenario_id] = path
        loaded.append((path, report))
    return loaded, set(owners)


def load_library(folder: str | Path) -> Library:
    """Load every scenario file in `folder`, and `modules.yaml` when there is one."""
    folder = Path(folder)
    library = Library()
    if not folder.is_dir():
        library.diagnostics.append(
            diagnostic(
                str(folder),
                1,
                1,
                codes.CANNOT_READ,
                "there is no scenario folder here; check the path given with --scenarios",
            )
        )
        return library
    loaded, known_ids = _load_files(scenario_files(folder))
    for path, report in loaded:
        library.diagnostics.extend(report.diagnostics)
        if report.scenario is not None:
            scenario = report.scenario
            library.scenarios[scenario.id] = scenario
            library.paths[scenario.id] = path
            if report.analysis is not None:
                library.analyses[scenario.id] = report.analysis
    modules_path = folder / MODULES_FILE
    if modules_path.exists():
        modules, problems = load_modules(modules_path, known_ids)
        library.modules = modules
        library.diagnostics.extend(problems)
    return library


def validate_paths(paths: list[Path], strict: bool = False) -> list[Diagnostic]:
    """Every problem in the given files and folders, in order; `strict` makes warnings errors.

    A folder means every *.yaml and *.yml file in it, with `modules.yaml` checked
    as modules against the ids of the folder's scenarios.
    """
    found: list[Diagnostic] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            loaded, known_ids = _load_files(scenario_files(path))
            for _, report in loaded:
                found.extend(report.diagnostics)
            if (path / MODULES_FILE).exists():
                found.extend(load_modules(path / MODULES_FILE, known_ids)[1])
        elif path.name == MODULES_FILE:
            siblings = scenario_files(path.parent) if path.parent.is_dir() else []
            found.extend(load_modules(path, {p.stem for p in siblings})[1])
        else:
            found.extend(load_scenario(path).diagnostics)
    if strict:
        found = [
            Diagnostic(d.path, d.line, d.column, "error", d.code, d.message)
            if d.severity == "warning"
            else d
            for d in found
        ]
    return found


def resolve_scenario(arg: str, scenarios_dir: Path) -> Path:
    """The file a SCENARIO argument means: a path to a file, or an id in `scenarios_dir`."""
    given = Path(arg)
    if given.is_file():
        return given
    if given.is_dir():
        raise ScenarioNotFound(
            f"`{arg}` is a folder; give a scenario file or the id of a scenario in it"
        )
    looks_like_path = given.suffix in SCENARIO_SUFFIXES or "/" in arg or "\\" in arg
    if looks_like_path:
        raise ScenarioNotFound(f"there is no scenario file `{arg}`; check the path and spelling")
    if not scenarios_dir.is_dir():
        raise ScenarioNotFound(
            f"there is no scenario `{arg}`: the scenario folder {scenarios_dir} does not exist; "
            "give a file path or point --scenarios at a folder of scenarios"
        )
    for suffix in SCENARIO_SUFFIXES:
        candidate = scenarios_dir / f"{arg}{suffix}"
        if candidate.is_file():
            return candidate
    ids = sorted(p.stem for p in scenario_files(scenarios_dir))
    listing = ", ".join(ids) if ids else "none"
    raise ScenarioNotFound(
        f"there is no scenario `{arg}` in {scenarios_dir}{did_you_mean(arg, ids)}; "
        f"the scenarios there are: {listing}"
    )
