"""The JSON Schema: a valid Draft 2020-12 file, two paths that agree, trainer-worded errors."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.loader import schema_text
from game.loader.schema import MODULES_SCHEMA, SCENARIO_SCHEMA, is_valid, schema_errors

from .support import VALID, codes, column_of, line_of, load

SCHEMAS = [SCENARIO_SCHEMA, MODULES_SCHEMA]


def _subschemas(schema: Any) -> Iterator[dict[str, Any]]:
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from _subschemas(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _subschemas(value)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_shipped_schema_is_valid_draft_2020_12(path: Any) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_title_and_description(path: Any) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for sub in _subschemas(schema):
        for name, prop in sub.get("properties", {}).items():
            assert "title" in prop and "description" in prop, name


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_object_with_properties_refuses_unknown_keys(path: Any) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for sub in _subschemas(schema):
        if "properties" in sub and sub.get("type") == "object":
            assert sub.get("additionalProperties") is False, sub.get("title")


def test_schema_text_is_the_shipped_file() -> None:
    assert schema_text() == SCENARIO_SCHEMA.read_text(encoding="utf-8")
    assert json.loads(schema_text())["title"].startswith("Rapport scenario")


def test_competencies_moods_and_outcomes_match_the_model() -> None:
    from game.core.model import COMPETENCIES, MOODS, OUTCOMES

    schema = json.loads(schema_text())
    definitions = schema["$defs"]
    assert tuple(definitions["scores"]["properties"]) == COMPETENCIES
    assert tuple(definitions["node"]["properties"]["mood"]["enum"]) == MOODS
    assert tuple(definitions["ending"]["properties"]["outcome"]["enum"]) == OUTCOMES


# -- the fast path agrees with the full validator ---------------------------------------

VALID_DATA: dict[str, Any] = yaml.safe_load(VALID)


def _agree(data: Any) -> None:
    fast = is_valid(data)
    full = not schema_errors(data)
    assert fast == full, data


NODE_CASES = {
    "valid": {},
    "next and ending": {
        "waits": {"text": "x", "next": "keys", "ending": {"title": "t", "outcome": "success"}}
    },
    "choices and next": {
        "picks": {"text": "x", "next": "keys", "choices": [{"text": "a", "goto": "keys"}]}
    },
    "nothing": {"waits": {"text": "x"}},
    "ending without text": {"keys": {"ending": {"title": "t", "outcome": "failure"}}},
    "next without text": {"waits": {"next": "keys"}},
    "empty choices": {"picks": {"text": "x", "choices": []}},
    "bool score": {
        "picks": {
            "text": "x",
            "choices": [{"text": "a", "goto": "keys", "scores": {"empathy": True}}],
        }
    },
    "float score": {
        "picks": {
            "text": "x",
            "choices": [{"text": "a", "goto": "keys", "scores": {"upsell": 1.5}}],
        }
    },
    "bad mood": {"waits": {"text": "x", "next": "keys", "mood": "angry"}},
    "bad id": {"Bad Id": {"text": "x", "next": "keys"}},
    "zero seconds": {
        "arrive": {
            "text": "x",
            "choices": [{"text": "a", "goto": "keys"}],
            "timer": {"seconds": 0, "goto": "keys"},
        }
    },
}


@pytest.mark.parametrize("case", NODE_CASES, ids=list(NODE_CASES))
def test_fast_and_full_validation_agree_on_node_rules(case: str) -> None:
    data = copy.deepcopy(VALID_DATA)
    data["nodes"].update(NODE_CASES[case])
    _agree(data)
    assert is_valid(data) == (case == "valid" or case == "ending without text")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-2000, max_value=2000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(
        ["", "x", "arrive", "keys", "Bad Id", "../x", "success", "neutral", "a" * 300]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["text", "goto", "tetx", "empathy", "title", "outcome"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(VALID_DATA)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        paths = _paths(data)
        where = draw(st.sampled_from(paths))
        if not where:
            continue
        parent = data
        for step in where[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[where[-1]] = draw(json_values)
        elif action == "delete":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["text", "tetx", "next", "ending", "timer", "extra"]))] = (
                draw(json_values)
            )
        else:
            parent.append(draw(json_values))
    return data


@settings(max_examples=300, deadline=None)
@given(mutated_scenarios())
def test_fast_and_full_validation_agree(data: Any) -> None:
    _agree(data)


# -- errors in trainer words --------------------------------------------------------------


def test_unknown_key_suggests_the_close_one() -> None:
    text = VALID.replace("    text: Dana checks", "    tetx: Dana checks")
    report = load(text)
    unknown = [d for d in report.diagnostics if d.code == "RP201"]
    assert len(unknown) == 1
    assert "unknown key `tetx` in node `waits` (did you mean `text`?)" in unknown[0].message
    assert (unknown[0].line, unknown[0].column) == (line_of(text, "tetx"), column_of(text, "tetx"))


def test_unknown_key_without_a_close_one_lists_the_allowed_keys() -> None:
    report = load(VALID.replace("minutes: 2", "minutes: 2\ncolour: red"))
    assert codes(report) == ["RP201"]
    assert "`summary`" in report.diagnostics[0].message


def test_missing_key_is_named_at_its_owner() -> None:
    text = VALID.replace("        goto: happy\n", "")
    report = load(text)
    assert "RP202" in codes(report)
    missing = next(d for d in report.diagnostics if d.code == "RP202")
    assert "choice 1 of node `picks` is missing `goto`" in missing.message
    assert missing.line == line_of(text, "Enjoy the drive")


def test_node_text_is_required_except_on_endings() -> None:
    report = load(VALID.replace("    text: Dana checks her watch and sighs.\n", ""))
    assert codes(report) == ["RP202"]
    assert "node `waits` is missing `text`" in report.diagnostics[0].message


def test_wrong_type_says_what_was_expected_and_found() -> None:
    text = VALID.replace("minutes: 2", "minutes: [2]")
    report = load(text)
    assert codes(report) == ["RP203"]
    assert "`minutes` must be a whole number, but it is a list" in report.diagnostics[0].message


def test_unknown_competency_is_named() -> None:
    report = load(VALID.replace("scores: {upsell: 1}", "scores: {upsel: 1}"))
    assert codes(report) == ["RP205"]
    assert "did you mean `upsell`?" in report.diagnostics[0].message


def test_mood_must_be_one_of_the_moods() -> None:
    report = load(VALID.replace("mood: pleased", "mood: pleasd"))
    assert codes(report) == ["RP204"]
    assert "did you mean `pleased`?" in report.diagnostics[0].message


def test_outcome_must_be_one_of_the_outcomes() -> None:
    report = load(VALID.replace("outcome: success", "outcome: won"))
    assert codes(report) == ["RP204"]
    assert "`success`, `partial` or `failure`" in report.diagnostics[0].message


def test_node_needs_exactly_one_way_on() -> None:
    both = load(
        VALID.replace(
            "    next: keys\n", "    next: keys\n    ending: {title: T, outcome: partial}\n"
        )
    )
    assert codes(both) == ["RP207"]
    assert "`next` and `ending`" in both.diagnostics[0].message
    neither = load(VALID.replace("    next: keys\n", ""))
    assert "RP207" in codes(neither)


def test_badly_formed_node_id_is_explained() -> None:
    report = load(
        VALID.replace("  waits:", "  Waits Here:").replace("goto: waits", "goto: Waits Here")
    )
    assert "RP209" in codes(report)


def test_unsupported_format_version() -> None:
    report = load(VALID.replace("format: 1", "format: 2"))
    assert codes(report) == ["RP210"]
    assert "format: 1" in report.diagnostics[0].message


@pytest.mark.parametrize(
    ("replacement", "code"),
    [
        ("scores: {upsell: 2.5}", "RP211"),
        ("scores: {upsell: 2.0}", "RP211"),
        ("scores: {upsell: .nan}", "RP115"),
        ("scores: {upsell: .inf}", "RP115"),
        ("scores: {upsell: 100000000000000000000}", "RP206"),
        ("scores: {upsell: 1001}", "RP206"),
        ("scores: {upsell: true}", "RP203"),
        ("scores: {upsell: '1'}", "RP203"),
    ],
)
def test_scores_must_be_finite_whole_numbers(replacement: str, code: str) -> None:
    text = VALID.replace("scores: {upsell: 1}", replacement)
    report = load(text)
    assert codes(report) == [code]
    diagnostic = report.diagnostics[0]
    value = replacement.split("upsell: ")[1].rstrip("}")
    assert (diagnostic.line, diagnostic.column) == (
        line_of(text, replacement),
        column_of(text, replacement) + replacement.index(value),
    )


def test_too_long_text_is_refused() -> None:
    report = load(VALID.replace("text: Enjoy the drive.", "text: " + "very " * 150))
    assert codes(report) == ["RP212"]


def test_empty_choice_list_is_explained() -> None:
    text = VALID.replace(
        "    choices:\n      - text: Enjoy the drive.\n        scores: {upsell: 1}\n"
        "        feedback: She will remember this car.\n        goto: happy\n",
        "    choices: []\n",
    )
    report = load(text)
    assert codes(report) == ["RP208"]
    assert "at least one choice" in report.diagnostics[0].message


def test_unquoted_word_that_yaml_types_in_a_word_list_must_be_quoted() -> None:
    report = load(VALID.replace("mood: pleased", "mood: no"))
    assert codes(report) == ["RP113"]
    assert 'quote this text: "no"' in report.diagnostics[0].message


def test_empty_value_is_missing_text_rather_than_a_quoting_problem() -> None:
    report = load(VALID.replace("text: Dana checks her watch and sighs.", "text:"))
    assert codes(report) == ["RP203"]
    assert "must be text, but it is empty" in report.diagnostics[0].message
