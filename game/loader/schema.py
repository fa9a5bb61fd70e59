"""Structure checks against the shipped JSON Schema, in words a trainer understands.

Valid files take the fast path (the schema compiled to Python by fastjsonschema);
only a file that fails it is validated again with jsonschema, which finds every
error with its path, so one run reports them all.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

import fastjsonschema

from game.core.expressions import did_you_mean
from game.loader import diagnostics as codes
from game.loader.diagnostics import Diagnostic, Unlisted, diagnostic, shorten
from game.loader.tree import Tree, ValuePath, describe_value

SCENARIO_SCHEMA = Path(__file__).with_name("scenario.schema.json")
MODULES_SCHEMA = Path(__file__).with_name("modules.schema.json")
# jsonschema errors read per file. Each costs about 0.2 ms, so a file with
# thousands of mistakes is only read this far; the rest are counted roughly.
MAX_SCHEMA_ERRORS = 200

Validate = Callable[[Any], Any]


@cache
def schema_text(which: Path = SCENARIO_SCHEMA) -> str:
    return which.read_text(encoding="utf-8")


def _schema(which: Path) -> dict[str, Any]:
    # A fresh copy each time: fastjsonschema rewrites the dict it compiles.
    loaded: dict[str, Any] = json.loads(schema_text(which))
    return loaded


# The node rules that JSON Schema can only say with oneOf and if/else. Compiled,
# those try each branch and raise on the ones that fail: three exceptions per
# node, half the fast path's time. The fast path compiles the schema without
# them and checks them here instead; tests prove both paths agree.
_NODE_COMBINATORS = ("oneOf", "if", "then", "else")


def _nodes_continue_once(data: dict[str, Any]) -> bool:
    for node in data["nodes"].values():
        if ("choices" in node) + ("next" in node) + ("ending" in node) != 1:
            return False
        if "text" not in node and "ending" not in node:
            return False
    return True


@cache
def fast_validator(which: Path = SCENARIO_SCHEMA) -> Validate:
    """The schema compiled to Python once per process (compiling takes a while)."""
    schema = _schema(which)
    if which == SCENARIO_SCHEMA:
        node = schema["$defs"]["node"]
        for keyword in _NODE_COMBINATORS:
            node.pop(keyword, None)
    compiled: Validate = fastjsonschema.compile(schema)
    if which != SCENARIO_SCHEMA:
        return compiled

    def validate(data: Any) -> Any:
        compiled(data)
        if not _nodes_continue_once(data):
            raise fastjsonschema.JsonSchemaValueException("a node does not continue exactly once")
        return data

    return validate


@cache
def _node_entry_validator() -> Validate:
    """One `{id: node}` entry of `nodes`: the id and the node, by the scenario schema's rules."""
    defs = _schema(SCENARIO_SCHEMA)["$defs"]
    for keyword in _NODE_COMBINATORS:
        defs["node"].pop(keyword, None)
    nodes = _schema(SCENARIO_SCHEMA)["properties"]["nodes"]
    compiled: Validate = fastjsonschema.compile(
        {
            "$defs": defs,
            "type": "object",
            "propertyNames": nodes["propertyNames"],
            "additionalProperties": nodes["additionalProperties"],
        }
    )

    def validate(entry: dict[str, Any]) -> Any:
        compiled(entry)
        if not _nodes_continue_once({"nodes": entry}):
            raise fastjsonschema.JsonSchemaValueException("a node does not continue exactly once")
        return entry

    return validate


def _faulty_nodes(nodes: dict[Any, Any]) -> list[Any]:
    """The ids of the nodes whose id or content breaks the schema, in file order."""
    check = _node_entry_validator()
    faulty = []
    for node_id, node in nodes.items():
        try:
            check({node_id: node})
        except fastjsonschema.JsonSchemaValueException:
            faulty.append(node_id)
    return faulty


@cache
def full_validator(which: Path = SCENARIO_SCHEMA) -> Any:
    import jsonschema  # only for a file that fails the fast path: it is slow to import

    return jsonschema.Draft202012Validator(_schema(which))


def is_valid(data: Any, which: Path = SCENARIO_SCHEMA) -> bool:
    """The fast path: True when `data` fits the schema."""
    try:
        fast_validator(which)(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def schema_errors(data: Any, which: Path = SCENARIO_SCHEMA) -> list[Any]:
    """Every jsonschema error for `data` (the slow path)."""
    return list(full_validator(which).iter_errors(data))


def check_structure(
    data: Any, tree: Tree, path: str, which: Path = SCENARIO_SCHEMA
) -> list[Diagnostic]:
    """Diagnostics for the ways `data` breaks the schema; [] for a valid file."""
    return structure_problems(data, tree, path, which)[0]


def structure_problems(
    data: Any, tree: Tree, path: str, which: Path = SCENARIO_SCHEMA
) -> tuple[list[Diagnostic], Unlisted | None]:
    """Diagnostics for the ways `data` breaks the schema, and those left unread.

    jsonschema, which finds every error, is slow (about 0.2 ms a node), so it
    only sees the nodes that the compiled validator finds fault with, and
    reads at most MAX_SCHEMA_ERRORS errors; past that the remaining ones are
    only counted (at least one per faulty node not yet read).
    """
    if is_valid(data, which):
        return [], None
    checked = data
    faulty: list[Any] = []
    nodes = data.get("nodes") if isinstance(data, dict) else None
    if which == SCENARIO_SCHEMA and isinstance(nodes, dict) and nodes:
        faulty = _faulty_nodes(nodes)
        # At most as many nodes as errors are read; one node stays when all
        # are fine, so that `nodes` is not reported empty.
        kept = faulty[:MAX_SCHEMA_ERRORS] or [next(iter(nodes))]
        checked = {**data, "nodes": {node_id: nodes[node_id] for node_id in kept}}
    stream = full_validator(which).iter_errors(checked)
    errors = list(islice(stream, MAX_SCHEMA_ERRORS))
    first_unread = next(stream, None)
    found = _diagnostics(errors, data, tree, path)
    read = {
        e.absolute_path[1]
        for e in errors
        if len(e.absolute_path) >= 2 and e.absolute_path[0] == "nodes"
    }
    unread = [node_id for node_id in faulty if node_id not in read]
    if first_unread is not None:
        line, column = tree.line_column(tuple(first_unread.absolute_path))
    elif unread:
        line, column = tree.key_line_column(("nodes", unread[0]))
    else:
        return found, None
    return found, Unlisted(max(1, len(unread)), line, column)


def _diagnostics(errors: list[Any], data: Any, tree: Tree, path: str) -> list[Diagnostic]:
    # A value of the wrong type makes every other complaint about it noise.
    mistyped = {
        tuple(e.absolute_path)
        for e in errors
        if e.validator == "type" and "propertyNames" not in e.schema_path
    }
    found: list[Diagnostic] = []
    said: set[tuple[int, int, str]] = set()  # jsonschema repeats some findings per key
    for error in errors:
        location: ValuePath = tuple(error.absolute_path)
        from_names = "propertyNames" in error.schema_path
        if error.validator != "type" and not from_names and location in mistyped:
            continue
        for line, column, code, message in _translate(error, location, from_names, tree, data):
            if (line - 1, column - 1) in tree.flagged or (line, column, message) in said:
                continue  # already reported by the YAML checks, or just now
            said.add((line, column, message))
            found.append(diagnostic(path, line, column, code, message))
    return found


Translated = tuple[int, int, str, str]


def _translate(
    error: Any, location: ValuePath, from_names: bool, tree: Tree, data: Any
) -> Iterable[Translated]:
    validator: str = error.validator
    instance = error.instance
    schema: dict[str, Any] = error.schema
    where = describe_path(location, data)

    if from_names:  # a key of the mapping at `location` is not a valid name
        line, column = tree.key_line_column((*location, instance))
        code, message = _bad_name(instance, schema, validator, location)
        yield line, column, code, message
        return

    if validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for key in instance:
            if key in allowed:
                continue
            line, column = tree.key_line_column((*location, key))
            if location and location[-1] == "scores":
                yield (
                    line,
                    column,
                    codes.UNKNOWN_COMPETENCY,
                    f"`{shorten(key)}` is not a competency{did_you_mean(str(key), allowed)}; "
                    "scores use empathy, anticipation and upsell",
                )
            else:
                suggestion = did_you_mean(str(key), allowed)
                advice = (
                    "fix its spelling"
                    if suggestion
                    else f"the keys allowed here are {_listing(allowed)}"
                )
                yield (
                    line,
                    column,
                    codes.UNKNOWN_KEY,
                    f"unknown key `{shorten(key)}` in {where}{suggestion}; {advice}",
                )
        return

    line, column = tree.line_column(location)
    if validator == "required":
        line, column = tree.key_line_column(location) if location else (1, 1)
        for key in error.validator_value:
            if key not in instance:
                yield line, column, codes.MISSING_KEY, _missing(key, where, location)
        return
    if validator == "oneOf" and isinstance(instance, dict):
        line, column = tree.key_line_column(location)
        present = [k for k in ("choices", "next", "ending") if k in instance]
        if present:
            message = (
                f"{where} has {' and '.join(f'`{k}`' for k in present)}; a node continues "
                "in exactly one way, so keep only one of them"
            )
        else:
            message = (
                f"{where} does not say how the scenario goes on; give it `choices`, "
                "`next` or `ending`"
            )
        yield line, column, codes.HOW_IT_CONTINUES, message
        return

    what = describe_field(location, data)
    if validator == "type":
        yield (line, column, *_wrong_type(error.validator_value, instance, what, location, tree))
    elif validator == "const":
        yield (
            line,
            column,
            codes.UNSUPPORTED_FORMAT,
            f"format {shorten(repr(instance))} is not supported; this version of Rapport "
            f"reads format {error.validator_value}, so write `format: {error.validator_value}`",
        )
    elif validator == "enum" and tree.implicit.get(location):
        source = tree.implicit[location]
        yield (
            line,
            column,
            codes.QUOTE_THIS_TEXT,
            f"YAML reads `{shorten(source)}` in {what} as {describe_value(instance)}, not text; "
            f'quote this text: "{shorten(source)}"',
        )
    elif validator == "enum":
        options = [str(o) for o in error.validator_value]
        yield (
            line,
            column,
            codes.NOT_ALLOWED,
            f"{what} is `{shorten(instance)}`, which is not one of {_listing(options)}"
            f"{did_you_mean(str(instance), options)}",
        )
    elif validator == "pattern":
        code, message = _bad_name(instance, schema, validator, location)
        yield line, column, code, message
    elif validator in ("minLength", "minItems", "minProperties"):
        yield line, column, codes.EMPTY_VALUE, _empty(what, location)
    elif validator == "maxItems":
        yield (
            line,
            column,
            codes.TOO_LONG,
            f"{what} lists {len(instance)} items; keep it to {error.validator_value}",
        )
    elif validator == "maxLength":
        yield (
            line,
            column,
            codes.TOO_LONG,
            f"{what} is {len(instance)} characters long; keep it to "
            f"{error.validator_value} or split it",
        )
    elif validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum", schema.get("exclusiveMaximum"))
        if low is None or high is None:
            limits = f"at least {low}" if high is None else f"at most {high}"
        elif "exclusiveMinimum" in schema:
            limits = f"more than {low} and at most {high}"
        else:
            limits = f"from {low} to {high}"
        yield (
            line,
            column,
            codes.OUT_OF_RANGE,
            f"{what} is {shorten(instance)}, but it must be {limits}",
        )
    else:  # a keyword this module does not phrase yet: still say where
        yield line, column, codes.WRONG_TYPE, f"{what} is not valid here: {error.message}"


def _wrong_type(
    expected: str | list[str], instance: Any, what: str, location: ValuePath, tree: Tree
) -> tuple[str, str]:
    wanted = [expected] if isinstance(expected, str) else list(expected)
    source = tree.implicit.get(location)
    if source and "string" in wanted:  # an empty value is simply missing text
        return (
            codes.QUOTE_THIS_TEXT,
            f"YAML reads `{shorten(source)}` in {what} as {describe_value(instance)}, not text; "
            f'quote this text: "{shorten(source)}"',
        )
    if isinstance(instance, float) and ("integer" in wanted or "number" in wanted):
        if not math.isfinite(instance):
            return (
                codes.NOT_FINITE,
                f"{what} is `{shorten(source or instance)}`, which is not a finite number; "
                "write a whole number",
            )
        return codes.NOT_WHOLE, f"{what} is {instance}, but it must be a whole number"
    names = {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "object": "a mapping of keys and values",
        "array": "a list",
    }
    expectation = " or ".join(names.get(w, w) for w in wanted)
    return (
        codes.WRONG_TYPE,
        f"{what} must be {expectation}, but it is {describe_value(instance)}",
    )


# What each required key is for, so a missing one comes with what to write.
_REQUIRED_HINTS = {
    "format": "write `format: 1` at the top",
    "id": "give the scenario a short id such as `loaner-counter`, the file's name",
    "title": "give it a title",
    "start": "name the first node, e.g. `start: arrive`",
    "nodes": "add `nodes:` with at least one node",
    "text": "write what is said (only an ending node may leave it out)",
    "goto": "name the node it leads to",
    "seconds": "say how many seconds the player has",
    "outcome": "write `outcome: success`, `partial` or `failure`",
    "name": "give the name shown when they speak",
    "modules": "add `modules:` with at least one module",
    "scenarios": "list the scenario ids of the module",
}


def _missing(key: str, where: str, location: ValuePath) -> str:
    hint = _REQUIRED_HINTS.get(key, "add it")
    if location and location[-1] == "ending" and key == "title":
        hint = "give the ending a title for the debrief"
    return f"{where} is missing `{key}`; {hint}"


def _empty(what: str, location: ValuePath) -> str:
    last = location[-1] if location else ""
    if last == "choices":
        return f"{what} is an empty list; give at least one choice, or use `next` instead"
    if last == "nodes":
        return "`nodes` is empty; a scenario needs at least one node"
    if last == "scenarios":
        return f"{what} is an empty list; name at least one scenario"
    if last == "modules":
        return "`modules` is an empty list; add at least one module"
    return f"{what} is empty; write something or leave the key out"


def _bad_name(
    name: Any, schema: dict[str, Any], validator: str, location: ValuePath
) -> tuple[str, str]:
    kind = schema.get("title", "")
    if validator == "maxLength":
        return (
            codes.TOO_LONG,
            f"the name `{shorten(name)}` is longer than {schema['maxLength']} characters",
        )
    if validator == "type":  # cannot happen for YAML keys, which the reader makes text
        return codes.WRONG_TYPE, f"the name `{name}` must be text"
    if kind == "Picture name":
        return (
            codes.ASSET_NAME,
            f"`{shorten(name)}` is not a plain picture name; write only the name of a file in "
            "assets/ without folders, `..`, slashes, backslashes or extension "
            "(lower-case letters, digits and dashes, e.g. `dealership`)",
        )
    if kind == "Variable name":
        return (
            codes.BAD_ID,
            f"the variable name `{shorten(name)}` must start with a letter or `_` and use only "
            "letters, digits and `_` (e.g. `asked_model`), so expressions can use it",
        )
    if kind == "Tag":
        return (
            codes.BAD_ID,
            f"the tag `{shorten(name)}` may use only lower-case letters, digits and dashes, "
            "as the scoring guide's table writes it, e.g. `discount-pitch`",
        )
    if kind in ("Scenario id", "Module id"):
        return (
            codes.BAD_ID,
            f"the {kind.lower()} `{shorten(name)}` may use only lower-case letters, digits and "
            "dashes, e.g. `loaner-counter`",
        )
    label = "cast id" if kind == "Cast id" else "node id"
    if location and location[-1] == "speaker":
        label = "speaker"
    return (
        codes.BAD_ID,
        f"the {label} `{shorten(name)}` may use only lower-case letters, digits, `_` and `-`, "
        "starting with a letter or digit (no spaces), e.g. `keys_handed`",
    )


def _listing(options: list[str]) -> str:
    quoted = [f"`{o}`" for o in options]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def describe_path(location: ValuePath, data: Any) -> str:
    """Where a mapping or list sits, in trainer words: `choice 2 of node `arrive``."""
    if not location:
        return "the scenario"
    head = location[0]
    if head == "nodes" and len(location) >= 2:
        node = f"node `{shorten(location[1])}`"
        rest = location[2:]
        if not rest:
            return node
        if rest[0] == "choices" and len(rest) >= 2:
            inner = f"choice {int(rest[1]) + 1} of {node}"
            rest = rest[2:]
        elif rest[0] in ("timer", "ending"):
            inner = f"the {rest[0]} of {node}"
            rest = rest[1:]
        else:
            inner = node
        if rest:
            return f"the `{rest[0]}` of {inner}"
        return inner
    if head == "cast" and len(location) >= 2:
        return f"cast member `{shorten(location[1])}`"
    if head == "modules" and len(location) >= 2 and isinstance(location[1], int):
        module = _module_name(location[1], data)
        if len(location) > 2:
            return f"the `{location[2]}` of {module}"
        return module
    return "`" + ".".join(str(p) for p in location) + "`"


def describe_field(location: ValuePath, data: Any) -> str:
    """A value by its key, in trainer words: `` `goto` in choice 2 of node `arrive` ``."""
    if not location:
        return "the file"
    last = location[-1]
    parent = location[:-1]
    if isinstance(last, int):
        return f"item {last + 1} of {describe_path(parent, data)}"
    if not parent:
        return f"`{last}`"
    if parent == ("nodes",):
        return f"node `{shorten(last)}`"
    return f"`{shorten(last)}` in {describe_path(parent, data)}"


def _module_name(index: int, data: Any) -> str:
    try:
        module_id = data["modules"][index]["id"]
    except (KeyError, IndexError, TypeError):
        module_id = None
    return f"module `{module_id}`" if isinstance(module_id, str) else f"module {index + 1}"
