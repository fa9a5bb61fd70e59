"""Where the store finds the scenario a result was played on, to score it from its decisions.

A catalogue is named for where its scenarios come from (a folder), because a
queued result waits for the catalogue it was played from: a program started
on another scenario folder leaves it alone rather than calling it gone. The
store never loads scenario files itself (it must not import the loader): the
entry point passes a catalogue built on the loader.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from game.core.model import Module, Scenario
from game.core.scoring import Ranges


@dataclass(frozen=True, slots=True)
class ScoringBasis:
    """A scenario as loaded, its analysed score ranges, and the module that lists it."""

    scenario: Scenario
    ranges: Ranges | None
    module: str | None = None


class CatalogueUnavailable(Exception):
    """The catalogue cannot say now whether it has a scenario (its folder failed to load)."""


class ScenarioCatalogue(Protocol):
    """The scenarios a store may score results against."""

    @property
    def name(self) -> str:
        """Where the scenarios come from (a folder's absolute path)."""
        ...

    def basis(self, scenario_id: str) -> ScoringBasis | None:
        """The scenario with this id, or None when the catalogue has none.

        Raises CatalogueUnavailable when it cannot tell.
        """
        ...


class ScenarioShelf:
    """A catalogue of scenarios already in memory (one played file, tests)."""

    def __init__(self, name: str, bases: Mapping[str, ScoringBasis]) -> None:
        self._name = name
        self._bases = dict(bases)

    @property
    def name(self) -> str:
        return self._name

    def basis(self, scenario_id: str) -> ScoringBasis | None:
        return self._bases.get(scenario_id)


class _Analysed(Protocol):
    @property
    def ranges(self) -> Ranges | None: ...


class LoadedLibrary(Protocol):
    """What a catalogue needs of a loaded scenario folder (the loader's Library fits)."""

    @property
    def scenarios(self) -> Mapping[str, Scenario]: ...

    @property
    def analyses(self) -> Mapping[str, _Analysed]: ...

    @property
    def modules(self) -> Sequence[Module]: ...


def folder_name(folder: Path) -> str:
    """The name a catalogue of `folder` goes by: its absolute, resolved path."""
    try:
        return str(folder.expanduser().resolve())
    except (OSError, RuntimeError):
        return str(folder.expanduser().absolute())


class FolderCatalogue:
    """The scenarios of one folder, loaded by `load` the first time one is asked for.

    Most stores never need it (it serves only queued results), so opening a
    store costs nothing until a queued result waits. `known` are bases the
    caller already has (the scenario just played), used before loading.
    """

    def __init__(
        self,
        folder: Path,
        load: Callable[[Path], LoadedLibrary],
        *,
        known: Mapping[str, ScoringBasis] | None = None,
    ) -> None:
        self.folder = folder
        self._name = folder_name(folder)
        self._load = load
        self._known = dict(known or {})
        self._bases: dict[str, ScoringBasis] | None = None
        self._failure: str | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name

    def basis(self, scenario_id: str) -> ScoringBasis | None:
        known = self._known.get(scenario_id)
        if known is not None:
            return known
        return self._loaded().get(scenario_id)

    def _loaded(self) -> dict[str, ScoringBasis]:
        with self._lock:
            if self._bases is None and self._failure is None:
                try:
                    self._bases = _bases_of(self._load(self.folder))
                except Exception as error:  # a broken folder must not stop the store
                    self._failure = f"{type(error).__name__}: {error}"
            if self._bases is None:
                raise CatalogueUnavailable(
                    f"the scenarios in {self.folder} could not be loaded ({self._failure})"
                )
            return self._bases


def _bases_of(library: LoadedLibrary) -> dict[str, ScoringBasis]:
    module_of: dict[str, str] = {}
    for module in library.modules:
        for scenario_id in module.scenarios:
            module_of.setdefault(scenario_id, module.id)
    bases = {}
    for scenario_id, scenario in library.scenarios.items():
        analysis = library.analyses.get(scenario_id)
        bases[scenario_id] = ScoringBasis(
            scenario, None if analysis is None else analysis.ranges, module_of.get(scenario_id)
        )
    return bases
