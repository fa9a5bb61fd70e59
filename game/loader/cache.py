"""The reload cache: a checked scenario kept as JSON, used again while its file is unchanged.

Loading a scenario (parsing the YAML, checking it, analysing it) costs seven to
eight times what reading back the result does (tools/measure_reload.py), and
most loads are of files nobody changed: the window's library at each start,
`validate` before each season.

One entry per scenario file (so the folder never grows with edits), named by
a hash of the file's full path, in the user's cache folder. An entry is used
only when the file's bytes hash to the same SHA-256, its name is the same
(messages mention it), and it was written by this very code (a fingerprint of
the loader's and the core's source files); anything else, and any entry that
cannot be read back exactly, is ignored and written anew. JSON only: reading
an entry builds plain values and then the model, and never runs anything.
Entries are kept only for files that loaded (a file with errors is being
edited; its next version will differ anyway).

What a file loads to here must be exactly what it loads to without the cache;
tests compare the two for every shipped scenario.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

import game
from game import pictures
from game.core.analysis import Analysis, Problem, analyze
from game.core.expressions import compile_expression
from game.core.model import (
    Assignment,
    CastMember,
    Choice,
    Ending,
    Expression,
    Node,
    Scenario,
    Scores,
    Source,
    Timer,
    Value,
)
from game.core.scoring import Range
from game.folders import scenario_cache_folder

FORMAT = "rapport-scenario-cache"
VERSION = 2  # of the entry layout below
MAX_ENTRIES = 500  # files remembered; the least recently written go first
# States in an analysis kept in the cache. The state graph that the debrief's
# review needs is not kept: it is worked out again the first time a review is
# asked for, on whichever thread asks. Up to this size that takes at most about
# 0.4 s (a generated 10,000-node scenario has 17,500 states: 0.35 s), once per
# scenario; bigger analyses are redone at load instead, as without the cache.
MAX_KEPT_STATES = 20_000

_CODE_FILES = ("loader/*.py", "loader/*.json", "core/*.py", "pictures.py")


def cache_folder() -> Path | None:
    """Where entries go (game.folders decides); None when the cache is off."""
    return scenario_cache_folder()


@cache
def code_fingerprint() -> str:
    """Which code wrote an entry: the version, every loader and core source file's size and
    modification time (a stat each, so a changed check never serves an old result), and
    which shipped pictures there are (their folders' modification times)."""
    package = Path(game.__file__).parent
    parts = [game.__version__, str(VERSION)]
    for pattern in _CODE_FILES:
        for path in sorted(package.glob(pattern)):
            status = path.stat()
            parts.append(
                f"{path.relative_to(package).as_posix()}:{status.st_size}:{status.st_mtime_ns}"
            )
    shipped = pictures.SHIPPED_DIR
    folders = [shipped / pictures.SETTINGS, shipped / pictures.PORTRAITS]
    with contextlib.suppress(OSError):
        folders += sorted(p for p in folders[1].iterdir() if p.is_dir())
    for folder in folders:
        try:
            parts.append(f"{folder.relative_to(shipped).as_posix()}:{folder.stat().st_mtime_ns}")
        except OSError:
            parts.append(f"{folder.name}:missing")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """A cached load: everything a LoadReport holds. Diagnostics are kept without their path,
    as [line, column, severity, code, message]."""

    scenario: Scenario
    analysis: Analysis
    diagnostics: list[list[Any]]
    scenario_id_at: tuple[int, int]
    start_at: tuple[int, int]
    picture_uses: list[list[Any]]
    # The warnings about pictures when only the shipped ones were there (their state is part
    # of the fingerprint), so that they need not be looked for again; else None.
    picture_warnings: list[list[Any]] | None


class ReloadCache:
    """Entries in `folder`; `None` means the default folder, found on first use."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path | None:
        # The default is looked up each time: the environment may change (tests do that).
        return self._folder if self._folder is not None else cache_folder()

    def _entry_path(self, source: Path) -> str | None:
        folder = self.folder
        if folder is None:
            return None
        where = os.path.abspath(source)  # links are not followed: one entry per path given
        name = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:40]
        return os.path.join(folder, name + ".json")

    # -- reading -------------------------------------------------------------------
    def get(self, source: Path, data: bytes) -> Entry | None:
        """The entry for `source` when its bytes are still `data`; None otherwise (never raises)."""
        try:
            where = self._entry_path(source)
            if where is None:
                return None
            with open(where, "rb") as stream:
                raw = json.loads(stream.read())
            if (
                raw.get("format") != FORMAT
                or raw.get("code") != code_fingerprint()
                or raw.get("name") != source.name
                or raw.get("hash") != hashlib.sha256(data).hexdigest()
            ):
                return None
            return _entry_from(raw["entry"])
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry is ignored, then written anew
            _debug("ignoring the cache entry for %s", source)
            return None

    # -- writing -------------------------------------------------------------------
    def put(self, source: Path, data: bytes, entry: Entry) -> None:
        """Remember a load; a cache that cannot be written is simply not used (never raises)."""
        try:
            where = self._entry_path(source)
            if where is None:
                return
            analysis = entry.analysis
            kept = {
                "format": FORMAT,
                "code": code_fingerprint(),
                "name": source.name,
                "hash": hashlib.sha256(data).hexdigest(),
                "entry": {
                    "scenario": _scenario_to(entry.scenario),
                    "analysis": (
                        _encode(_public(analysis)) if analysis.states <= MAX_KEPT_STATES else None
                    ),
                    "diagnostics": entry.diagnostics,
                    "scenario_id_at": list(entry.scenario_id_at),
                    "start_at": list(entry.start_at),
                    "picture_uses": entry.picture_uses,
                    "picture_warnings": entry.picture_warnings,
                },
            }
            text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
            self._write(where, text.encode("utf-8"))
        except Exception:
            _debug("the scenario cache could not be written")

    def _write(self, target: str, payload: bytes) -> None:
        folder = os.path.dirname(target)
        os.makedirs(folder, exist_ok=True)
        import tempfile  # only when writing: reading an entry back needs none of it

        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        self._prune(Path(folder))

    def _prune(self, folder: Path) -> None:
        entries = [p for p in folder.iterdir() if p.suffix in (".json", ".tmp")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda p: p.stat().st_mtime_ns)
        for stale in entries[: len(entries) - MAX_ENTRIES]:
            with contextlib.suppress(OSError):
                stale.unlink()


# -- the scenario as JSON and back -----------------------------------------------------
# Compact lists rather than objects: an entry is read far more often than written.


def _assignments_to(assignments: tuple[Assignment, ...]) -> list[Any]:
    return [[a.variable, a.index, a.expression.source] for a in assignments]


def _choice_to(choice: Choice) -> list[Any]:
    condition = choice.condition.source if choice.condition is not None else None
    return [
        choice.text,
        choice.goto,
        condition,
        _assignments_to(choice.assignments),
        list(choice.scores),
        choice.feedback,
        list(choice.tags),
    ]


def _node_to(node: Node) -> list[Any]:
    ending = node.ending
    timer = node.timer
    return [
        node.id,
        node.text,
        node.speaker,
        node.mood,
        _assignments_to(node.assignments),
        [_choice_to(c) for c in node.choices],
        node.next,
        (
            [ending.title, ending.outcome, ending.text, list(ending.scores), ending.lesson]
            if ending is not None
            else None
        ),
        (
            [
                timer.seconds,
                timer.goto,
                _assignments_to(timer.assignments),
                list(timer.scores),
                timer.feedback,
            ]
            if timer is not None
            else None
        ),
    ]


def _scenario_to(scenario: Scenario) -> dict[str, Any]:
    source = scenario.source
    return {
        "id": scenario.id,
        "title": scenario.title,
        "start": scenario.start,
        "summary": scenario.summary,
        "source": [source.title, source.lesson] if source is not None else None,
        "minutes": scenario.minutes,
        "setting": scenario.setting,
        "cast": [[m.id, m.name, m.portrait] for m in scenario.cast.values()],
        "variables": [[name, value] for name, value in scenario.variables.items()],
        "content_hash": scenario.content_hash,
        "nodes": [_node_to(n) for n in scenario.nodes.values()],
    }


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("text expected")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _scores(value: Any) -> Scores:
    empathy, anticipation, upsell = value
    if type(empathy) is not int or type(anticipation) is not int or type(upsell) is not int:
        raise TypeError("scores expected")
    return (empathy, anticipation, upsell)


def _entry_from(raw: dict[str, Any]) -> Entry:
    scenario = _scenario_from(raw["scenario"])
    kept = raw["analysis"]  # None: too big to keep, so analysed again
    analysis = analyze(scenario) if kept is None else _remembered(scenario, _decode(kept))
    diagnostics = _warnings(raw["diagnostics"])
    about_pictures = raw["picture_warnings"]
    return Entry(
        scenario,
        analysis,
        diagnostics,
        _position(raw["scenario_id_at"]),
        _position(raw["start_at"]),
        raw["picture_uses"],
        _warnings(about_pictures) if about_pictures is not None else None,
    )


def _position(value: Any) -> tuple[int, int]:
    line, column = value
    if type(line) is not int or type(column) is not int:
        raise TypeError("a position expected")
    return (line, column)


def _warnings(items: Any) -> list[list[Any]]:
    for line, column, severity, code, message in items:
        if type(line) is not int or type(column) is not int or severity != "warning":
            raise TypeError("a kept warning expected")
        if type(code) is not str or type(message) is not str:
            raise TypeError("a kept warning expected")
    return list(items)


def _scenario_from(raw: dict[str, Any]) -> Scenario:
    """The model again. Every value's type is checked on the way, cheaply: an entry someone
    edited by hand must fail here, not later in the middle of a playthrough."""
    variables: dict[str, Value] = {}
    for name, value in raw["variables"]:
        if type(name) is not str or type(value) not in (bool, int):
            raise TypeError("a variable expected")
        variables[name] = value
    order = list(variables)
    compiled: dict[str, Expression] = {}  # sources repeat: `true`, a flag, `patience - 1`

    def expression(source: Any) -> Expression:
        found = compiled.get(source)
        if found is None:
            found = compiled[source] = compile_expression(_text(source), variables)
        return found

    def assignments(items: Any) -> tuple[Assignment, ...]:
        if not items:
            return ()
        built = []
        for variable, index, source in items:
            if type(index) is not int or order[index] != variable:
                raise ValueError("an assignment to a declared variable expected")
            built.append(Assignment(variable, index, expression(source)))
        return tuple(built)

    text_types = (str, type(None))
    nodes: dict[str, Node] = {}
    for node_id, text, speaker, mood, entering, choices, next_id, ending, timer in raw["nodes"]:
        if not (type(node_id) is str and type(text) is str and type(speaker) is str):
            raise TypeError("a node expected")
        if not (isinstance(mood, text_types) and isinstance(next_id, text_types)):
            raise TypeError("a node expected")
        built: list[Choice] = []
        for c_text, goto, condition, c_set, c_scores, feedback, c_tags in choices:
            if not (type(c_text) is str and type(goto) is str):
                raise TypeError("a choice expected")
            if not isinstance(feedback, text_types):
                raise TypeError("a choice expected")
            if not all(type(tag) is str for tag in c_tags):
                raise TypeError("a choice expected")
            built.append(
                Choice(
                    c_text,
                    goto,
                    expression(condition) if condition is not None else None,
                    assignments(c_set),
                    _scores(c_scores),
                    feedback,
                    tuple(c_tags),
                )
            )
        nodes[node_id] = Node(
            node_id,
            text,
            speaker,
            mood,
            assignments(entering),
            tuple(built),
            next_id,
            _ending(ending) if ending is not None else None,
            _timer(timer, assignments) if timer is not None else None,
        )
    source = raw["source"]
    minutes = raw["minutes"]
    if minutes is not None and type(minutes) is not int:
        raise TypeError("minutes expected")
    return Scenario(
        id=_text(raw["id"]),
        title=_text(raw["title"]),
        start=_text(raw["start"]),
        nodes=nodes,
        summary=_text(raw["summary"]),
        source=Source(_text(source[0]), _text(source[1])) if source is not None else None,
        minutes=minutes,
        setting=_optional_text(raw["setting"]),
        cast={
            _text(who): CastMember(who, _text(name), _optional_text(portrait))
            for who, name, portrait in raw["cast"]
        },
        variables=variables,
        content_hash=_text(raw["content_hash"]),
    )


def _ending(raw: Any) -> Ending:
    title, outcome, text, scores, lesson = raw
    return Ending(
        _text(title), _text(outcome), _text(text), _scores(scores), _optional_text(lesson)
    )


def _timer(raw: Any, assignments: Callable[[Any], tuple[Assignment, ...]]) -> Timer:
    seconds, goto, entering, scores, feedback = raw
    if type(seconds) not in (int, float):
        raise TypeError("seconds expected")
    return Timer(
        float(seconds),
        _text(goto),
        assignments(entering),
        _scores(scores),
        _optional_text(feedback),
    )


# -- the analysis as JSON and back -------------------------------------------------------
# Its public fields, whatever the core adds to them, as long as they are made of
# plain values, tuples, mappings and the few classes named here.

_CLASSES: dict[str, type] = {"Range": Range, "Problem": Problem}


def _public(analysis: Analysis) -> dict[str, Any]:
    return {
        f.name: getattr(analysis, f.name) for f in fields(Analysis) if not f.name.startswith("_")
    }


def _encode(value: Any) -> Any:
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is tuple:
        return {"tuple": [_encode(v) for v in value]}
    if type(value) is list:
        return [_encode(v) for v in value]
    if type(value) is dict:
        if not all(type(k) is str for k in value):
            raise TypeError("only text keys are kept")
        return {"dict": {k: _encode(v) for k, v in value.items()}}
    name = type(value).__name__
    if is_dataclass(value) and _CLASSES.get(name) is type(value):
        return {
            "class": name,
            "fields": {f.name: _encode(getattr(value, f.name)) for f in fields(value)},
        }
    raise TypeError(f"{name} is not kept in the cache")


def _decode(value: Any) -> Any:
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is list:
        return [_decode(v) for v in value]
    if type(value) is not dict or len(value) not in (1, 2):
        raise TypeError("not a kept value")
    if "tuple" in value:
        return tuple(_decode(v) for v in value["tuple"])
    if "dict" in value:
        return {_text(k): _decode(v) for k, v in value["dict"].items()}
    made: Callable[..., Any] = _CLASSES[value["class"]]
    return made(**{_text(k): _decode(v) for k, v in value["fields"].items()})


class _Remembered(Analysis):
    """An analysis read back from the cache. Its state graph, which only the debrief's review
    uses, is not kept there: it is worked out again the first time it is asked for."""

    def _worked_out(self) -> Analysis:
        fresh: Analysis | None = self.__dict__.get("_fresh")
        if fresh is None:
            fresh = analyze(self.__dict__["_scenario"])
            object.__setattr__(self, "_fresh", fresh)
        return fresh


def _private(name: str) -> property:
    return property(lambda self: getattr(self._worked_out(), name))


for _field in fields(Analysis):
    if _field.name.startswith("_"):
        setattr(_Remembered, _field.name, _private(_field.name))


def _remembered(scenario: Scenario, public: dict[str, Any]) -> Analysis:
    if set(public) != set(_public_names()):
        raise ValueError("the analysis has other fields now")
    analysis = _Remembered.__new__(_Remembered)
    for name, value in public.items():
        object.__setattr__(analysis, name, value)
    object.__setattr__(analysis, "_scenario", scenario)
    return analysis


@cache
def _public_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Analysis) if not f.name.startswith("_"))


def _debug(message: str, *args: object) -> None:
    """Note why an entry was not used or kept, with the exception, in the `game.loader` log.

    logging is imported here, when something went wrong, not at start-up.
    """
    import logging

    logging.getLogger("game.loader").debug(message, *args, exc_info=True)
