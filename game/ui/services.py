"""Slow things the window needs after its first frame: the scenario library and the results store.

The library loads on a background thread (parsing and analysing every
scenario) while the title screen is already up; the results store is built by
the entry point's opener on first use, so neither SQLAlchemy nor the YAML
loader is imported before the first frame.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.logs import Log

if TYPE_CHECKING:
    from game.core.analysis import Analysis
    from game.core.model import Module, Scenario
    from game.loader import Library
    from game.store import ResultsStore

log = Log("game.ui")

ALL_SCENARIOS = "all-scenarios"  # id of the module shown when a folder has no modules.yaml
MORE_SCENARIOS = "more-scenarios"  # id of the module holding scenarios no module lists


class LibraryHandle:
    """The scenario library, loading in the background until `ready`."""

    def __init__(self, folder: Path | None = None, library: Library | None = None) -> None:
        self.folder = folder
        self._library = library
        self.error: str | None = None
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        if library is not None:
            self._done.set()

    def start(self) -> None:
        """Begin loading (once); the title screen stays responsive meanwhile."""
        if self._done.is_set() or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._load, name="library", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            from game.loader import DEFAULT_SCENARIOS_DIR, load_library

            library = load_library(self.folder or DEFAULT_SCENARIOS_DIR)
            for diagnostic in library.errors:
                log.warning("%s", diagnostic.format())
            self._library = library
            if not library.scenarios:
                self.error = (
                    f"No scenario could be loaded from {self.folder or DEFAULT_SCENARIOS_DIR}; "
                    "check it with `rapport validate`."
                )
        except Exception as error:  # a broken folder must not take the window down
            log.exception("the scenario library could not be loaded")
            self.error = f"The scenarios could not be loaded ({error})."
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        self.start()
        return self._done.wait(timeout)

    @property
    def library(self) -> Library | None:
        return self._library if self.ready else None

    # -- what screens ask -------------------------------------------------------------------------
    def scenario(self, scenario_id: str) -> Scenario | None:
        library = self.library
        return library.scenarios.get(scenario_id) if library else None

    def analysis(self, scenario_id: str) -> Analysis | None:
        library = self.library
        return library.analyses.get(scenario_id) if library else None

    def modules(self) -> list[Module]:
        """The library's modules, plus one for scenarios that no module lists.

        A folder without modules.yaml shows all its scenarios as one open module.
        """
        from game.core.model import Module

        library = self.library
        if library is None:
            return []
        playable = [s for s in library.scenarios if s in library.analyses]
        modules = [
            Module(
                m.id,
                m.title,
                tuple(s for s in m.scenarios if s in library.analyses),
                m.summary,
                m.pass_percent,
                m.unlock,
            )
            for m in library.modules
        ]
        listed = {s for m in modules for s in m.scenarios}
        rest = tuple(sorted((s for s in playable if s not in listed), key=_title_key(library)))
        if rest:
            if modules:
                modules.append(
                    Module(
                        MORE_SCENARIOS,
                        "More scenarios",
                        rest,
                        "Practice at your own pace.",
                        60.0,
                        "open",
                    )
                )
            else:
                modules.append(
                    Module(
                        ALL_SCENARIOS,
                        "All scenarios",
                        rest,
                        "Every scenario in the folder.",
                        60.0,
                        "open",
                    )
                )
        return [m for m in modules if m.scenarios]

    def module_of(self, scenario_id: str) -> Module | None:
        return next((m for m in self.modules() if scenario_id in m.scenarios), None)


def _title_key(library: Library) -> Callable[[str], str]:
    return lambda scenario_id: library.scenarios[scenario_id].title.casefold()


@dataclass(eq=False)
class StoreHandle:
    """The results store, opened by the entry point's `opener` the first time it is needed."""

    opener: Callable[[], ResultsStore] | None = None
    _store: ResultsStore | None = None
    error: str | None = None
    _tried: bool = False

    @classmethod
    def of(cls, store: ResultsStore) -> StoreHandle:
        return cls(_store=store, _tried=True)

    def get(self) -> ResultsStore | None:
        """The store, opened on first use (on the store worker's thread, or before the window)."""
        if not self._tried:
            self._tried = True
            if self.opener is not None:
                from game.store import StoreError

                try:
                    self._store = self.opener()
                except StoreError as error:
                    log.warning("the results database could not be opened: %s", error)
                    self.error = (
                        f"The results database could not be opened ({error}); "
                        "your results are not recorded this time."
                    )
        return self._store

    def close(self) -> None:
        if self._store is not None:
            from game.store import StoreError

            try:
                self._store.close()
            except StoreError as error:  # closing must never stop the game from exiting
                log.warning("the results store did not close cleanly: %s", error)
            self._store = None
