"""YAML text to plain Python values with the position of every key and value.

The only module of the project that imports yaml. It reads the parser's flat
event stream and builds values itself, so that nothing is ever constructed from
a tag, anchors and aliases are refused before anything is expanded, nesting is
cut off at MAX_DEPTH before any recursive code could see it (libyaml's
composer crashes near 30,000 levels), duplicate keys are caught, and every
value keeps its line and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from game.loader import diagnostics as codes
from game.loader.diagnostics import Diagnostic, diagnostic, shorten

MAX_DEPTH = 64  # nested mappings and lists; a scenario needs 6
MAX_YAML_PROBLEMS = 50  # per file; past this the file is clearly not a scenario

# A value's place in the file, e.g. ("nodes", "arrive", "choices", 1, "goto").
ValuePath = tuple[str | int, ...]
# 0-based (line, column), as the parser counts them.
Mark = tuple[int, int]

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_constructor = SafeConstructor()


def _construct_int(text: str) -> Any:
    try:
        return _constructor.construct_yaml_int(ScalarNode(_INT, text))
    except ValueError:  # more digits than Python converts
        return math.inf


def _construct_float(text: str) -> Any:
    return _constructor.construct_yaml_float(ScalarNode(_FLOAT, text))


def _construct_timestamp(text: str) -> Any:
    try:
        return _constructor.construct_yaml_timestamp(ScalarNode(_TIMESTAMP, text))
    except ValueError:  # looks like a date but is none, e.g. 2024-02-30: keep the text
        return text


_CONSTRUCT: dict[str, Callable[[str], Any]] = {
    _BOOL: lambda text: SafeConstructor.bool_values[text.lower()],
    _INT: _construct_int,
    _FLOAT: _construct_float,
    _NULL: lambda text: None,
    _TIMESTAMP: _construct_timestamp,
}

# YAML 1.1's implicit types, exactly as PyYAML resolves plain scalars, keyed by
# first character. Merge keys and the like are not types: they stay text.
_IMPLICIT: dict[str, list[tuple[Callable[[str], Any], re.Pattern[str]]]] = {}
for _first, _resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
    _typed = [(_CONSTRUCT[tag], pattern) for tag, pattern in _resolvers if tag in _CONSTRUCT]
    if _typed and _first is not None:
        _IMPLICIT[_first] = _typed


def resolve_plain(text: str) -> Any:
    """What YAML makes of an unquoted scalar: text, or a bool, int, float, None or date."""
    resolvers = _IMPLICIT.get(text[:1])
    if resolvers is not None:
        for construct, pattern in resolvers:
            if pattern.match(text):
                return construct(text)
    return text


# Keys, ids and numbers repeat within and across files; what YAML makes of
# them is remembered (only short scalars, and only so many).
_RESOLVED: dict[str, Any] = {}
_RESOLVED_LENGTH = 40  # characters
_RESOLVED_MAX = 20_000  # entries

_USE_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))


# Brackets opened densely enough to reach libyaml's own flow-level limit while
# it scans ahead for a key, before the first event reaches MAX_DEPTH. Recent
# libyaml releases refuse such text with a message of their own (older ones
# have no limit), so text like this never goes to libyaml: the pure parser
# reads it and the walk below stops at MAX_DEPTH with the same diagnostic
# whichever libyaml is installed. Measured: libyaml refuses runs of `[[[[a,`
# (5 in 6 characters) and accepts `[[[a,` (3 in 5); this catches 1 in 4.
_DENSE_NESTING = re.compile(r"(?:[\[{][^\[\]{}]{0,3}){" + str(MAX_DEPTH + 1) + "}")


def _densely_nested(text: str) -> bool:
    """Whether `text` holds a run `_DENSE_NESTING` finds; counting brackets first (in C)
    spares the search in every text with too few of them to nest that deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    return _DENSE_NESTING.search(text) is not None


def _event_source(text: str) -> Callable[[], Any]:
    """The parser's `get_event`: libyaml when present, else the pure parser.

    Neither parser recurses on nesting; only composers do, and none is used.
    """
    if _USE_LIBYAML and not _densely_nested(text):
        return yaml.CSafeLoader(text).get_event
    return yaml.SafeLoader(text).get_event


@dataclass(slots=True)
class Tree:
    """A document's values and where each of them was written."""

    data: dict[str, Any]
    values: dict[ValuePath, Mark] = field(default_factory=dict)  # where each value starts
    keys: dict[ValuePath, Mark] = field(default_factory=dict)  # where each key is written
    # Unquoted scalars that YAML typed (bool, number, date, null): path -> source text.
    implicit: dict[ValuePath, str] = field(default_factory=dict)
    # Positions already reported here; later checks stay quiet at them.
    flagged: set[Mark] = field(default_factory=set)

    def line_column(self, path: ValuePath) -> tuple[int, int]:
        """1-based position of the value at `path`, or of its nearest written ancestor."""
        mark = self.values.get(path)
        while mark is None and path:
            path = path[:-1]
            mark = self.values.get(path)
        return (mark[0] + 1, mark[1] + 1) if mark else (1, 1)

    def key_line_column(self, path: ValuePath) -> tuple[int, int]:
        """1-based position of the key that holds `path` (its value's, for list items)."""
        mark = self.keys.get(path)
        return (mark[0] + 1, mark[1] + 1) if mark else self.line_column(path)


_EXPECT_KEY = object()  # a mapping waiting for its next key
_COMPLEX_KEY = object()  # a mapping whose key is a list or mapping, still open
_DISCARD = "\0discard"  # the value of a refused key: built, checked, dropped


class _Stop(Exception):
    """Parsing cannot go on (syntax error, too deep, a second document)."""


def parse_tree(text: str, path: str) -> tuple[Tree | None, list[Diagnostic]]:
    """Build the document's values; None when the file cannot be read as one mapping.

    Problems that leave the values usable (tags, anchors, duplicate keys, keys
    that are not text) are reported and parsing goes on, so that one run shows
    them all.
    """
    problems: list[Diagnostic] = []
    values: dict[ValuePath, Mark] = {}
    keys: dict[ValuePath, Mark] = {}
    implicit: dict[ValuePath, str] = {}
    flagged: set[Mark] = set()

    def report(mark: Mark, code: str, message: str) -> None:
        flagged.add(mark)
        if len(problems) == MAX_YAML_PROBLEMS:
            problems.append(
                diagnostic(
                    path,
                    mark[0] + 1,
                    mark[1] + 1,
                    codes.TOO_MANY_PROBLEMS,
                    f"more than {MAX_YAML_PROBLEMS} problems in the YAML; the rest are not shown",
                )
            )
            raise _Stop
        problems.append(diagnostic(path, mark[0] + 1, mark[1] + 1, code, message))

    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    mapping_end = yaml.MappingEndEvent
    sequence_start = yaml.SequenceStartEvent
    sequence_end = yaml.SequenceEndEvent
    alias_event = yaml.AliasEvent
    document_start = yaml.DocumentStartEvent
    stream_end = yaml.StreamEndEvent
    expect_key = _EXPECT_KEY
    resolve = resolve_plain
    resolved = _RESOLVED
    if len(resolved) > _RESOLVED_MAX:
        resolved.clear()

    # The open collection lives in locals (the hot loop runs once per event);
    # the collections around it wait on `stack`. In a mapping, `key` is the
    # key waiting for its value (or expect_key) and `slot` that value's path.
    stack: list[tuple[Any, ValuePath, bool, Any, ValuePath, dict[Any, int]]] = []
    container: Any = None  # None: no collection open yet
    here: ValuePath = ()
    is_mapping = False
    key: Any = expect_key
    slot: ValuePath = ()
    seen: dict[Any, int] = {}  # keys as YAML constructs them -> 1-based line
    root: Any = None
    documents = 0
    get_event = _event_source(text)
    try:
        while True:
            event = get_event()
            kind = event.__class__

            if kind is scalar_event:
                start = event.start_mark
                mark = (start.line, start.column)
                raw = event.value
                if event.implicit[0]:
                    value = resolved.get(raw, expect_key)
                    if value is expect_key:
                        value = resolve(raw)
                        if len(raw) <= _RESOLVED_LENGTH:
                            resolved[raw] = value
                else:
                    value = raw
                    if event.tag is not None:
                        report(mark, codes.TAG, _tag_message(event.tag))
                if event.anchor is not None:
                    report(mark, codes.ANCHOR_OR_ALIAS, _anchor_message(event.anchor))
            elif kind is mapping_end or kind is sequence_end:
                value = container
                container, here, is_mapping, key, slot, seen = stack.pop()
                if container is None:
                    root = value
                elif is_mapping:
                    if key is _COMPLEX_KEY:  # the key closed; its value is dropped
                        key = _DISCARD
                        slot = (*here, _DISCARD)
                        continue
                    if key is not _DISCARD:
                        container[key] = value
                    key = expect_key
                else:
                    container.append(value)
                continue
            elif kind is mapping_start or kind is sequence_start:
                start = event.start_mark
                mark = (start.line, start.column)
                if event.tag is not None:
                    report(mark, codes.TAG, _tag_message(event.tag))
                if event.anchor is not None:
                    report(mark, codes.ANCHOR_OR_ALIAS, _anchor_message(event.anchor))
                if len(stack) >= MAX_DEPTH:
                    report(
                        mark,
                        codes.TOO_DEEP,
                        f"the file nests lists and mappings more than {MAX_DEPTH} levels deep; "
                        "a scenario needs about 6, so check the brackets and indentation",
                    )
                    raise _Stop
                if container is None:
                    child: ValuePath = ()
                elif not is_mapping:
                    child = (*here, len(container))
                elif key is expect_key:
                    # A list or mapping used as a key: built to move past it, then dropped.
                    # Said once for keys inside such a key (`{{{`), so that runaway
                    # nesting is reported as nesting.
                    if _DISCARD not in here:
                        report(
                            mark,
                            codes.KEY_NOT_TEXT,
                            "a key must be plain text, not a list or mapping; "
                            "write `name: value` pairs",
                        )
                    key = _COMPLEX_KEY
                    child = (*here, _DISCARD)
                else:
                    child = slot
                values[child] = mark
                stack.append((container, here, is_mapping, key, slot, seen))
                is_mapping = kind is mapping_start
                container = {} if is_mapping else []
                here = child
                key = expect_key
                seen = {}
                continue
            elif kind is alias_event:
                start = event.start_mark
                mark = (start.line, start.column)
                report(mark, codes.ANCHOR_OR_ALIAS, _alias_message(event.anchor))
                value = None
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    start = event.start_mark
                    report(
                        (start.line, start.column),
                        codes.SEVERAL_DOCUMENTS,
                        "a second YAML document starts here (`---`); a file holds one "
                        "scenario, so move it to its own file",
                    )
                    raise _Stop
                continue
            elif kind is stream_end:
                break
            else:
                continue

            # A scalar or an alias: a key, a mapping value or a list item.
            if key is not expect_key:  # the value of a mapping entry
                values[slot] = mark
                if value.__class__ is not str and kind is scalar_event:
                    implicit[slot] = raw
                if key is not _DISCARD:
                    container[key] = value
                key = expect_key
            elif not is_mapping:
                if container is None:
                    root = value
                    continue
                item = (*here, len(container))
                values[item] = mark
                if value.__class__ is not str and kind is scalar_event:
                    implicit[item] = raw
                container.append(value)
            elif kind is alias_event:
                key = _DISCARD
                slot = (*here, _DISCARD)
            else:
                key = value
                if value.__class__ is not str:
                    report(mark, codes.QUOTE_THIS_TEXT, _key_message(raw, value))
                    key = raw
                # Compared as YAML constructs them, so `1:` and `true:` collide.
                constructed = value if value == value else raw  # NaN never equals itself
                first = seen.get(constructed)
                if first is None:
                    seen[constructed] = mark[0] + 1
                    slot = (*here, key)
                    keys[slot] = mark
                else:
                    report(
                        mark,
                        codes.DUPLICATE_KEY,
                        f"the key `{shorten(raw)}` is already used on line {first} of this "
                        "mapping; YAML would silently keep only the last one, so remove or "
                        "rename one",
                    )
                    key = _DISCARD
                    slot = (*here, _DISCARD)
    except _Stop:
        return None, problems
    except yaml.YAMLError as problem:
        problems.append(_syntax_problem(problem, path, text))
        return None, problems

    if documents == 0 or root is None:
        problems.append(
            diagnostic(
                path,
                1,
                1,
                codes.EMPTY,
                "the file holds no scenario, only comments or blank lines; a scenario needs "
                "at least `format`, `id`, `title`, `start` and `nodes`",
            )
        )
        return None, problems
    if not isinstance(root, dict):
        problems.append(
            diagnostic(
                path,
                1,
                1,
                codes.NOT_A_MAPPING,
                f"the file must be a mapping of keys such as `id:` and `nodes:`, but it is "
                f"{describe_value(root)}",
            )
        )
        return None, problems
    return Tree(root, values, keys, implicit, flagged), problems


def describe_value(value: Any) -> str:
    """What a trainer would call this value, with an article: `a list`, `true/false`."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false (`{'true' if value else 'false'}`)"
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys and values"
    return "a date"


def _tag_message(tag: str) -> str:
    return (
        f"the tag `{shorten(tag)}` is not part of the scenario format and is never run or built; "
        "remove it (write plain values, quoted text if needed)"
    )


def _anchor_message(anchor: str) -> str:
    return (
        f"the anchor `&{shorten(anchor)}` is not part of the scenario format; "
        "write the value out in full"
    )


def _alias_message(anchor: str) -> str:
    return (
        f"the alias `*{shorten(anchor)}` is not part of the scenario format; "
        "write the value out in full"
    )


def _key_message(raw: str, key: Any) -> str:
    return (
        f"YAML reads the key `{shorten(raw)}` as {describe_value(key)}, not text; "
        f'quote it: "{shorten(raw)}":'
    )


_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        'text with ": " in it must be quoted, e.g. text: "Note: this"',
    ),
    ("found undefined alias", "aliases are not part of the scenario format"),
    ("could not find expected ':'", "a key needs a `:` after it"),
    ("did not find expected key", "check the indentation of this line against the lines above"),
    ("did not find expected '-' indicator", "list items must line up under each other"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    (
        "found unknown escape character",
        "inside \"double quotes\" a backslash starts an escape; use 'single quotes' or write \\\\",
    ),
)


# Quotation marks that word processors put in, which YAML reads as ordinary text.
_CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a"
_KEY_LINE = re.compile(r"( *)(- +)?([A-Za-z_][A-Za-z0-9_-]*) *:(?: |$)")


def _syntax_problem(problem: yaml.YAMLError, path: str, text: str) -> Diagnostic:
    mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    lines = text.splitlines() or [""]  # the line breaks YAML knows (others are refused)
    if line > len(lines):  # past the last line break: point at the end of the last line
        line, column = len(lines), len(lines[-1]) + 1
    what = getattr(problem, "problem", None) or str(problem).splitlines()[0]
    context = getattr(problem, "context", None)
    detail = f"{what} {context}" if context else what
    hint = None
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        hint = "YAML cannot indent with tabs; use spaces"
    elif mark is not None:
        hint = _layout_hint(detail, text.splitlines(), mark.line)
    if hint is None:
        hint = next(
            (advice for clue, advice in _SYNTAX_HINTS if clue in detail),
            "check the indentation and quoting of this line",
        )
    return diagnostic(
        path, line, column, codes.YAML_SYNTAX, f"this is not valid YAML: {detail}; {hint}"
    )


def _layout_hint(detail: str, lines: list[str], index: int) -> str | None:
    """Advice read from the lines themselves: a key out of line, or curly quotes."""
    if index >= len(lines):
        return None
    here = lines[index]
    key = _KEY_LINE.match(here)
    above = _key_column_above(lines, index)
    if key is not None and key.group(2) is None and above is not None:
        indent = len(key.group(1))
        if indent != above and (
            "mapping values are not allowed" in detail
            or "expected '-' indicator" in detail
            or "expected key" in detail
        ):
            direction = "further in" if indent > above else "less far in"
            return (
                f"the key `{shorten(key.group(3))}` starts {abs(indent - above)} "
                f"space{'s' if abs(indent - above) != 1 else ''} {direction} than the key "
                f"above it; keys of one mapping must start in the same column, so line it "
                f"up with the key above"
            )
    if "mapping values are not allowed" in detail and ":" in here:
        name, value = here.split(":", 1)
        value = value.strip()
        if value[:1] in tuple(_CURLY_QUOTES):
            inner = value.strip(_CURLY_QUOTES + " ").replace("\\", "\\\\").replace('"', '\\"')
            return (
                f"the text starts with a curly quotation mark ({value[0]}), which YAML does not "
                "count as a quote; put the whole text in straight quotes instead: "
                f'{name.strip(" -")}: "{shorten(inner)}"'
            )
    return None


def _key_column_above(lines: list[str], index: int) -> int | None:
    """The column where the keys of the mapping on the nearest line above start."""
    for line in reversed(lines[:index]):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            return None  # text running on from a key above: no column to compare with
        rest = line[match.end() :].strip()
        if not rest or rest.startswith(("#", "|", ">")):
            return None  # a key whose value starts on the next line: indenting is right there
        return len(match.group(1)) + len(match.group(2) or "")
    return None
