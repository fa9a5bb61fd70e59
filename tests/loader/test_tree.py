"""YAML to values: hostile YAML refused, duplicate keys, implicit types, positions."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.loader import tree as tree_module
from game.loader.tree import MAX_DEPTH, MAX_YAML_PROBLEMS, parse_tree, resolve_plain

from .support import VALID, codes, column_of, line_of, load

ROOT = Path(__file__).resolve().parents[2]

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def tree_of(text: str) -> Any:
    tree, problems = parse_tree(text, "t.yaml")
    assert problems == []
    assert tree is not None
    return tree


# -- tags, anchors, aliases ------------------------------------------------------------


def test_python_tag_is_refused_and_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = VALID.replace(
        "title: The Test Counter",
        f"title: !!python/object/apply:os.system ['touch {marker}']",
    )
    report = load(text)
    assert "RP109" in codes(report)
    assert report.scenario is None
    assert not marker.exists()
    tag = next(d for d in report.diagnostics if d.code == "RP109")
    assert (tag.line, tag.column) == (line_of(text, "!!python"), column_of(text, "!!python"))


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/name:os.system",
        "!!python/object:builtins.dict {}",
        "!!str plain",
        "!custom value",
        "!<tag:example.com,2024:x> value",
        "!!binary aGVsbG8=",
    ],
)
def test_every_tag_is_refused(tagged: str) -> None:
    report = load(VALID.replace("title: The Test Counter", f"title: {tagged}"))
    assert "RP109" in codes(report)
    assert report.scenario is None


def test_anchor_and_alias_are_refused() -> None:
    text = VALID.replace("text: Dana checks her watch and sighs.", "text: &sigh Dana sighs.")
    text = text.replace("text: The black one, please!", "text: *sigh")
    report = load(text)
    assert codes(report).count("RP110") == 2
    assert report.scenario is None


def test_billion_laughs_is_refused_quickly_without_expanding() -> None:
    started = time.perf_counter()
    report = load(BILLION_LAUGHS)
    elapsed_s = time.perf_counter() - started
    assert codes(report)[0] == "RP110"
    assert set(codes(report)) <= {"RP110", "RP116"}  # 81 of them: the list is cut short
    assert elapsed_s < 1.0  # expanded, it would be 387 million strings
    assert report.scenario is None


def _run_isolated(code: str) -> subprocess.CompletedProcess[str]:
    # A crash of the C parser would take the test run with it: use a child.
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("opening", ["[", "{a: "])
@pytest.mark.parametrize("libyaml", [True, False])
def test_forty_thousand_nested_brackets_are_a_clear_error(opening: str, libyaml: bool) -> None:
    closing = "]" if opening == "[" else "}"
    code = (
        "from game.loader import load_scenario_text\n"
        "import game.loader.tree as t\n"
        f"t._USE_LIBYAML = {libyaml}\n"
        f"text = 'nodes: ' + {opening!r} * 40000 + {closing!r} * 40000\n"
        "report = load_scenario_text(text, 'deep.yaml')\n"
        "print(*(d.format() for d in report.diagnostics), sep='\\n')\n"
    )
    result = _run_isolated(code)
    assert result.returncode == 0, result.stderr
    assert "deep.yaml:1:" in result.stdout
    assert f"more than {MAX_DEPTH} levels deep" in result.stdout


@pytest.mark.parametrize("unit", ["[", "{a: ", "[{a: ", "[[[[[[[[[[a, ", "[ ", "[[ "])
def test_deep_flow_nesting_reads_the_same_with_and_without_libyaml(unit: str) -> None:
    code = (
        "from game.loader import load_scenario_text\n"
        "import game.loader.tree as t\n"
        f"text = 'nodes: ' + {unit!r} * 5000\n"
        "for libyaml in (True, False):\n"
        "    t._USE_LIBYAML = libyaml\n"
        "    report = load_scenario_text(text, 'deep.yaml')\n"
        "    print(*(d.format() for d in report.diagnostics), sep='\\n')\n"
        "    print('--')\n"
    )
    result = _run_isolated(code)
    assert result.returncode == 0, result.stderr
    with_libyaml, without, _ = result.stdout.split("--\n")
    assert with_libyaml == without
    assert f"more than {MAX_DEPTH} levels deep" in with_libyaml


def test_deep_block_nesting_is_a_clear_error() -> None:
    text = "a:\n" + "".join(" " * depth + "- \n" for depth in range(200))
    report = load(text)
    assert codes(report) == ["RP111"]


@pytest.mark.parametrize(
    "text", ["a: " + "{" * 2000, "? " * 2000, "a: " + "{[" * 1000, "a: " + "{? " * 1000]
)
def test_keys_nested_in_keys_are_reported_as_deep_nesting(text: str) -> None:
    report = load(text)
    assert "RP111" in codes(report)
    assert codes(report).count("RP114") <= 1  # the outermost key, once
    assert "RP116" not in codes(report)


# Ways of opening one more level, none of which the parsers read differently.
_LEVELS = ["[", "{a: ", "[ ", "{ a: ", "[x, ", "{k: [", "[\n", "{a:\n", "[{a: ", '["q", ', "{? "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_LEVELS), min_size=MAX_DEPTH + 1, max_size=600))
def test_any_runaway_nesting_is_reported_as_nesting_by_both_parsers(levels: list[str]) -> None:
    text = "nodes: " + "".join(levels)
    found = []
    for libyaml in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(tree_module, "_USE_LIBYAML", libyaml)
            found.append(codes(load(text)))
    assert "RP111" in found[0], found[0]
    assert found[0] == found[1]


def test_nesting_a_scenario_needs_is_far_below_the_limit(valid: str) -> None:
    deepest = 6  # scenario > nodes > node > choices > choice > scores
    assert deepest < MAX_DEPTH
    assert load(valid).diagnostics == []


# -- documents and shapes ---------------------------------------------------------------


def test_two_documents_are_an_error() -> None:
    report = load(VALID + "---\n" + VALID)
    assert codes(report) == ["RP107"]
    assert report.diagnostics[0].line == VALID.count("\n") + 1


def test_explicit_document_markers_around_one_document_are_fine() -> None:
    assert load("---\n" + VALID + "...\n").diagnostics == []


@pytest.mark.parametrize(("text", "found"), [("- a\n- b\n", "a list"), ("just text\n", "text")])
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    report = load(text)
    assert codes(report) == ["RP108"]
    assert found in report.diagnostics[0].message


def test_document_of_only_null_is_empty() -> None:
    assert codes(load("---\n~\n")) == ["RP105"]


def test_syntax_error_is_located_and_explained() -> None:
    text = VALID.replace("text: Dana checks her watch and sighs.", "text: Note: she sighs.")
    report = load(text)
    assert codes(report) == ["RP106"]
    diagnostic = report.diagnostics[0]
    assert diagnostic.line == line_of(text, "Note: she")
    assert "quoted" in diagnostic.message


@pytest.mark.parametrize("mark", ["\u201c", "\u2018", "\u00ab", "\u201e"])
def test_curly_quotes_around_text_with_a_colon_get_straight_quotes_advice(mark: str) -> None:
    text = VALID.replace(
        "text: Dana checks her watch and sighs.", f"text: {mark}Note: she sighs.{mark}"
    )
    report = load(text)
    assert codes(report) == ["RP106"]
    message = report.diagnostics[0].message
    assert "curly quotation mark" in message
    assert message.endswith(
        'put the whole text in straight quotes instead: text: "Note: she sighs."'
    )
    assert "must be quoted" not in message


def test_a_choice_text_in_curly_quotes_is_named_by_its_key() -> None:
    text = VALID.replace("- text: Enjoy the drive.", "- text: \u201cNote: enjoy the drive.\u201d")
    message = load(text).diagnostics[0].message
    assert message.endswith('straight quotes instead: text: "Note: enjoy the drive."')


@pytest.mark.parametrize(
    ("old", "new", "key", "shift"),
    [
        ("        feedback: Quick", "       feedback: Quick", "feedback", "1 space less far in"),
        ("        goto: keys\n", "         goto: keys\n", "goto", "1 space further in"),
        ("    mood: neutral\n", "   mood: neutral\n", "mood", "1 space less far in"),
        (
            "    choices:\n      - text: Here",
            "      choices:\n      - text: Here",
            "choices",
            "2 spaces further in",
        ),
    ],
)
def test_a_key_out_of_line_gets_advice_about_indentation(
    old: str, new: str, key: str, shift: str
) -> None:
    assert old in VALID
    report = load(VALID.replace(old, new, 1))
    assert codes(report) == ["RP106"]
    diagnostic = report.diagnostics[0]
    assert diagnostic.line == line_of(VALID, old.strip().splitlines()[0])
    assert f"the key `{key}` starts {shift} than the key above it" in diagnostic.message
    assert "list items" not in diagnostic.message
    assert "must be quoted" not in diagnostic.message


def test_a_list_item_out_of_line_still_gets_advice_about_list_items() -> None:
    report = load(VALID.replace("      - text: Which car", "       - text: Which car"))
    assert codes(report) == ["RP106"]
    assert "list items must line up" in report.diagnostics[0].message


def test_text_with_a_colon_in_plain_words_is_told_to_quote_it() -> None:
    report = load(VALID.replace("text: The black one, please!", "text: Note: the black one."))
    assert "must be quoted" in report.diagnostics[0].message


def test_tab_indentation_gets_a_hint() -> None:
    report = load("a:\n\t- b\n")
    assert codes(report) == ["RP106"]
    assert "tabs" in report.diagnostics[0].message


def test_unclosed_quote_gets_a_hint() -> None:
    report = load('a: "never closed\n')
    assert codes(report) == ["RP106"]
    assert "not closed" in report.diagnostics[0].message


# -- duplicate keys ----------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_naming_the_first() -> None:
    text = VALID.replace("    mood: pleased\n", "    mood: pleased\n    mood: upset\n")
    report = load(text)
    assert codes(report) == ["RP112"]
    diagnostic = report.diagnostics[0]
    assert diagnostic.line == line_of(text, "mood: upset")
    assert f"line {line_of(text, 'mood: pleased')}" in diagnostic.message
    assert report.scenario is None


def test_duplicate_node_ids_are_reported() -> None:
    text = VALID + "  keys:\n    text: again\n    next: happy\n"
    assert "RP112" in codes(load(text))


def test_one_and_true_collide_as_keys() -> None:
    tree, problems = parse_tree("1: a\ntrue: b\n", "t.yaml")
    assert tree is not None
    duplicate = [d for d in problems if d.code == "RP112"]
    assert len(duplicate) == 1
    assert duplicate[0].line == 2
    assert "line 1" in duplicate[0].message


def test_quoted_and_plain_keys_that_differ_do_not_collide() -> None:
    tree = tree_of("'1': a\n'true': b\n")
    assert tree.data == {"1": "a", "true": "b"}


def test_same_key_in_different_mappings_is_fine() -> None:
    assert tree_of("a: {x: 1}\nb: {x: 2}\n").data == {"a": {"x": 1}, "b": {"x": 2}}


def test_list_as_key_is_refused() -> None:
    tree, problems = parse_tree("? [a, b]\n: c\nd: 1\n", "t.yaml")
    assert [d.code for d in problems] == ["RP114"]
    assert tree is not None
    assert tree.data == {"d": 1}


# -- implicit typing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "typed", "shown"),
    [
        ("text: Dana checks her watch and sighs.", "text: no", "true/false"),
        ("text: Dana checks her watch and sighs.", "text: on", "true/false"),
        ("title: The Test Counter", "title: 12:30", "whole number (750)"),
        ("text: Dana checks her watch and sighs.", "text: 2024-01-01", "a date"),
        ("text: Dana checks her watch and sighs.", "text: 3.5", "a number"),
        ("feedback: She waited.", "feedback: ~", "empty"),
    ],
)
def test_text_that_yaml_types_must_be_quoted(original: str, typed: str, shown: str) -> None:
    text = VALID.replace(original, typed)
    report = load(text)
    assert codes(report) == ["RP113"]
    diagnostic = report.diagnostics[0]
    source = typed.split(": ", 1)[1]
    assert "quote this text" in diagnostic.message
    assert shown in diagnostic.message
    column = column_of(text, typed) + typed.index(source)
    assert (diagnostic.line, diagnostic.column) == (line_of(text, typed), column)


def test_quoted_lookalikes_are_text() -> None:
    text = VALID.replace("title: The Test Counter", "title: '12:30'").replace(
        "text: Dana checks her watch and sighs.", 'text: "no"'
    )
    report = load(text)
    assert report.diagnostics == []
    assert report.scenario is not None
    assert report.scenario.title == "12:30"
    assert report.scenario.nodes["waits"].text == "no"


def test_unquoted_key_that_yaml_types_must_be_quoted() -> None:
    text = VALID.replace("  patience: 3\n", "  patience: 3\n  yes: false\n")
    report = load(text)
    assert "RP113" in codes(report)
    assert "quote it" in report.diagnostics[0].message


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("yes", True),
        ("Off", False),
        ("0x1F", 31),
        ("012", 10),
        ("1_000", 1000),
        ("-7", -7),
        ("~", None),
        ("", None),
        ("1e3", "1e3"),  # YAML 1.1 floats need a dot
        ("09", "09"),
        ("n0", "n0"),
        ("hello", "hello"),
    ],
)
def test_plain_scalars_resolve_exactly_as_pyyaml_does(plain: str, value: object) -> None:
    assert resolve_plain(plain) == value
    assert yaml.safe_load(f"k: {plain}")["k"] == value


# -- values and positions -------------------------------------------------------------------


def test_values_are_what_pyyaml_builds(valid: str) -> None:
    assert tree_of(valid).data == yaml.safe_load(valid)


def test_shipped_scenarios_read_as_pyyaml_reads_them() -> None:
    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert tree_of(text).data == yaml.safe_load(text), path.name


def test_pure_python_parser_builds_the_same_values(
    valid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = tree_of(valid)
    monkeypatch.setattr(tree_module, "_USE_LIBYAML", False)
    fallback = tree_of(valid)
    assert fallback.data == expected.data
    assert fallback.values == expected.values
    assert fallback.keys == expected.keys


def test_every_value_and_key_has_its_position(valid: str) -> None:
    tree = tree_of(valid)
    goto = ("nodes", "arrive", "choices", 1, "goto")
    assert tree.line_column(goto) == (line_of(valid, "goto: picks"), column_of(valid, "picks"))
    assert tree.key_line_column(("nodes", "picks")) == (line_of(valid, "  picks:"), 3)
    flow = ("nodes", "arrive", "timer", "seconds")
    assert tree.line_column(flow) == (line_of(valid, "timer:"), column_of(valid, "20"))
    item = ("nodes", "arrive", "choices", 0)
    assert tree.line_column(item) == (line_of(valid, "Here are your keys"), 9)


def test_position_of_an_unknown_path_falls_back_to_its_parent(valid: str) -> None:
    tree = tree_of(valid)
    assert tree.line_column(("nodes", "arrive", "nothing", 3)) == tree.line_column(
        ("nodes", "arrive")
    )


def test_problem_flood_is_cut_short() -> None:
    text = "".join(f"k{i}: &a{i} v\n" for i in range(MAX_YAML_PROBLEMS + 10))
    report = load(text)
    assert len(report.diagnostics) == MAX_YAML_PROBLEMS + 1
    assert report.diagnostics[-1].code == "RP116"


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
documents = st.dictionaries(
    st.text(min_size=1, max_size=12),
    st.recursive(
        json_scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(documents, st.booleans())
def test_any_document_reads_back_as_pyyaml_reads_it(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    tree, problems = parse_tree(text, "t.yaml")
    assert problems == []
    assert tree is not None
    assert tree.data == yaml.safe_load(text)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028"])
def test_an_error_at_the_very_end_points_at_the_last_line(newline: str) -> None:
    text = (VALID + "extra: [never closed").replace("\n", newline)
    report = load(text)
    assert codes(report) == ["RP106"]
    last = text.splitlines()[-1]
    assert (report.diagnostics[0].line, report.diagnostics[0].column) == (
        len(text.splitlines()),
        len(last) + 1,
    )
