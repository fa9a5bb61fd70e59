"""A folder of scenarios: load them all, validate paths, find a scenario by id or path.

A bad file never stops the others: each file is loaded on its own and its
problems are collected beside the scenarios that loaded.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.core.analysis import Analysis
from game.core.expressions import did_you_mean
from game.core.model import Module, Scenario
from game.loader import diagnostics as codes
from game.loader.art import Pictures
from game.loader.diagnostics import Diagnostic, diagnostic, internal_error, sort_key
from game.loader.modules import MODULES_FILE, load_modules
from game.loader.scenario import LoadReport, load_scenario
from game.loader.source import not_regular

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


def unreadable_entries(folder: Path) -> list[Diagnostic]:
    """RP118 for each `*.yaml` in `folder` that is a named pipe, a device or a socket.

    Only looked at (stat never waits), never opened: reading a pipe waits for a
    writer, and a device may never end.
    """
    found: list[Diagnostic] = []
    for entry in sorted(folder.iterdir()):
        if entry.suffix not in SCENARIO_SUFFIXES:
            continue
        try:
            mode = os.stat(entry).st_mode
        except OSError:  # a broken link: nothing there to wait for
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            found.append(not_regular(str(entry), mode))
    return found


def _folder_problem(folder: Path) -> Diagnostic | None:
    """Why the files of `folder` cannot be listed, or None."""
    try:
        next(iter(folder.iterdir()), None)
    except OSError as problem:
        reason = (problem.strerror or type(problem).__name__).lower()
        return Diagnostic(
            str(folder),
            1,
            1,
            "error",
            codes.CANNOT_READ,
            f"the folder cannot be read ({reason}); check that it exists and is readable",
        )
    return None


def _load_files(
    files: Iterable[Path], pictures: Pictures, surface: bool = False
) -> tuple[list[tuple[Path, LoadReport]], set[str]]:
    """Load each file; a second file with an id already taken gets an error."""
    loaded: list[tuple[Path, LoadReport]] = []
    owners: dict[str, Path] = {}
    for path in files:
        report = _checked(path, pictures, surface=surface)
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


def _checked(path: Path, pictures: Pictures | None = None, *, surface: bool = False) -> LoadReport:
    """The file's report; a mistake of ours while checking it is this file's problem only.

    `surface` adds the naive-strategy check (RP408), which validating runs and playing skips.
    """
    try:
        return load_scenario(path, pictures=pictures, surface=surface)
    except Exception as problem:
        return LoadReport(None, [internal_error(str(path), problem)])


def _modules(path: Path, known_ids: set[str]) -> tuple[list[Module], list[Diagnostic]]:
    try:
        return load_modules(path, known_ids)
    except Exception as problem:
        return [], [internal_error(str(path), problem)]


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
    problem = _folder_problem(folder)
    if problem is not None:
        library.diagnostics.append(problem)
        return library
    library.diagnostics.extend(unreadable_entries(folder))
    loaded, known_ids = _load_files(scenario_files(folder), Pictures.for_folder(folder))
    for path, report in loaded:
        library.diagnostics.extend(report.diagnostics)
        if report.scenario is not None:
            scenario = report.scenario
            library.scenarios[scenario.id] = scenario
            library.paths[scenario.id] = path
            if report.analysis is not None:
                library.analyses[scenario.id] = report.analysis
    modules_path = folder / MODULES_FILE
    if modules_path.exists() and not any(d.path == str(modules_path) for d in library.diagnostics):
        modules, problems = _modules(modules_path, known_ids)
        library.modules = modules
        library.diagnostics.extend(problems)
    return library


def validate_paths(paths: list[Path], strict: bool = False) -> list[Diagnostic]:
    """Every problem in the given files and folders, in order; `strict` makes warnings errors.

    Scenarios also get the naive-strategy check (RP408), which playing skips.

    A folder means every *.yaml and *.yml file in it, with `modules.yaml` checked
    as modules against the ids of the folder's scenarios.
    """
    found: list[Diagnostic] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            problem = _folder_problem(path)
            if problem is not None:
                found.append(problem)
                continue
            refused = unreadable_entries(path)
            found.extend(refused)
            loaded, known_ids = _load_files(
                scenario_files(path), Pictures.for_folder(path), surface=True
            )
            for _, report in loaded:
                found.extend(report.diagnostics)
            modules_path = path / MODULES_FILE
            if modules_path.exists() and not any(d.path == str(modules_path) for d in refused):
                found.extend(_modules(modules_path, known_ids)[1])
        elif path.name == MODULES_FILE:
            siblings = scenario_files(path.parent) if path.parent.is_dir() else []
            found.extend(_modules(path, {p.stem for p in siblings})[1])
        else:
            found.extend(_checked(path, surface=True).diagnostics)
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
    if given.exists():
        raise ScenarioNotFound(
            f"`{arg}` is not an ordinary file (a named pipe or a device, perhaps), so it is not "
            "read; give a scenario file saved on disk"
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
