"""One scenario: meaning checks, the model built, the analysis mapped to lines."""

from __future__ import annotations

import builtins
import gc
import io
from pathlib import Path
from typing import Any

import pytest

from game.core.analysis import analyze
from game.core.engine import Playthrough
from game.loader import load_scenario_text
from game.loader import scenario as scenario_module

from .support import NAME, VALID, codes, column_of, line_of, load

# -- the model ---------------------------------------------------------------------------


def test_valid_scenario_builds_the_model(valid: str) -> None:
    report = load(valid)
    assert report.diagnostics == []
    scenario = report.scenario
    assert scenario is not None
    assert (scenario.id, scenario.title, scenario.start) == (
        "test-counter",
        "The Test Counter",
        "arrive",
    )
    assert scenario.source is not None and scenario.source.lesson == "Let the customer choose."
    assert scenario.variables == {"asked": False, "patience": 3}
    assert scenario.cast["customer"].portrait == "dana"
    assert (scenario.minutes, scenario.setting) == (2, "dealership")
    arrive = scenario.nodes["arrive"]
    assert (arrive.speaker, arrive.mood) == ("customer", "neutral")
    second = arrive.choices[1]
    assert second.scores == (2, 1, 0)
    assert second.condition is not None and second.condition.source == "not asked"
    assert [a.variable for a in second.assignments] == ["asked", "patience"]
    assert arrive.timer is not None
    assert (arrive.timer.seconds, arrive.timer.goto, arrive.timer.scores) == (
        20.0,
        "waits",
        (-1, 0, 0),
    )
    assert scenario.nodes["waits"].next == "keys"
    ending = scenario.nodes["keys"].ending
    assert ending is not None and (ending.outcome, ending.scores) == ("failure", (0, 0, -1))
    assert report.analysis is not None
    assert report.analysis.scenario == "test-counter"


def test_loaded_scenario_plays(valid: str) -> None:
    scenario = load(valid).scenario
    assert scenario is not None
    playthrough = Playthrough(scenario)
    playthrough.choose(2)
    playthrough.choose(1)
    assert playthrough.finished
    assert playthrough.values == {"asked": True, "patience": 4}
    assert playthrough.raw_scores == (2, 1, 1)


def test_block_text_loses_its_final_line_break() -> None:
    text = VALID.replace(
        "text: The black one, please!", "text: |\n      The black one,\n      please!"
    )
    scenario = load(text).scenario
    assert scenario is not None
    assert scenario.nodes["picks"].text == "The black one,\nplease!"


def test_set_literals_and_expressions(valid: str) -> None:
    text = valid.replace(
        "set: {asked: true, patience: patience + 1}", "set: {asked: yes, patience: 7}"
    )
    scenario = load(text).scenario
    assert scenario is not None
    values = Playthrough(scenario)
    values.choose(2)
    assert values.values == {"asked": True, "patience": 7}


# -- content hash --------------------------------------------------------------------------


def test_content_hash_ignores_comments_layout_and_key_order(valid: str) -> None:
    original = load(valid).scenario
    reshaped = valid.replace("minutes: 2\n", "# how long\n").replace(
        "format: 1\n", "minutes:   2   # about\nformat: 1\n\n"
    )
    other = load(reshaped).scenario
    assert original is not None and other is not None
    assert len(original.content_hash) == 64
    assert original.content_hash == other.content_hash


def test_content_hash_changes_with_the_content(valid: str) -> None:
    original = load(valid).scenario
    edited = load(valid.replace("Enjoy the drive.", "Enjoy your drive.")).scenario
    assert original is not None and edited is not None
    assert original.content_hash != edited.content_hash


# -- names that must match ----------------------------------------------------------------------


def test_unknown_goto_suggests_close_match() -> None:
    text = VALID.replace("goto: picks", "goto: pick")
    report = load(text)
    assert codes(report) == ["RP301"]
    diagnostic = report.diagnostics[0]
    assert "choice 2 of node `arrive` goes to `pick`" in diagnostic.message
    assert "(did you mean `picks`?)" in diagnostic.message
    at = (line_of(text, "goto: pick"), column_of(text, "goto: pick") + len("goto: "))
    assert (diagnostic.line, diagnostic.column) == at
    assert report.scenario is None


@pytest.mark.parametrize(
    ("original", "broken", "where"),
    [
        ("start: arrive", "start: arive", "`start` names `arive`"),
        ("next: keys", "next: key", "`next` of node `waits` names `key`"),
        ("goto: waits,", "goto: wait,", "the timer of node `arrive` goes to `wait`"),
    ],
)
def test_every_node_reference_is_checked(original: str, broken: str, where: str) -> None:
    report = load(VALID.replace(original, broken))
    assert codes(report) == ["RP301"]
    assert where in report.diagnostics[0].message
    assert "did you mean" in report.diagnostics[0].message


def test_unknown_speaker_suggests_cast_member() -> None:
    text = VALID.replace(
        "    speaker: customer\n    mood: pleased", "    speaker: custmer\n    mood: pleased"
    )
    report = load(text)
    assert codes(report) == ["RP302"]
    assert "(did you mean `customer`?)" in report.diagnostics[0].message
    assert report.diagnostics[0].line == line_of(text, "custmer")


def test_narrator_needs_no_cast_entry() -> None:
    text = VALID.replace(
        "    speaker: customer\n    mood: pleased", "    speaker: narrator\n    mood: pleased"
    )
    assert load(text).diagnostics == []


def test_undeclared_variable_in_condition_suggests_and_points_at_it() -> None:
    text = VALID.replace("if: not asked", "if: not askd")
    report = load(text)
    assert codes(report) == ["RP303"]
    diagnostic = report.diagnostics[0]
    assert "(did you mean `asked`?)" in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (line_of(text, "askd"), column_of(text, "askd"))


def test_undeclared_variable_in_set_is_reported_at_its_key() -> None:
    text = VALID.replace("set: {asked: true,", "set: {askd: true,")
    report = load(text)
    assert codes(report) == ["RP303"]
    assert (report.diagnostics[0].line, report.diagnostics[0].column) == (
        line_of(text, "askd"),
        column_of(text, "askd"),
    )


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ("if: not asked and (patience > 1", "not closed"),
        ("if: patience > true", "needs a number"),
        ("if: patience", "is a number, not true or false"),
        ("if: asked()", "unexpected"),
    ],
)
def test_bad_condition_is_reported(condition: str, problem: str) -> None:
    report = load(VALID.replace("if: not asked", condition))
    assert codes(report) == ["RP304"]
    assert problem in report.diagnostics[0].message


def test_expression_error_column_points_inside_a_quoted_scalar() -> None:
    text = VALID.replace("if: not asked", 'if: "not asked and patience"')
    report = load(text)
    assert codes(report) == ["RP304"]
    assert report.diagnostics[0].column == column_of(text, "and patience")


def test_set_must_keep_the_variable_type() -> None:
    text = VALID.replace(
        "set: {asked: true, patience: patience + 1}", "set: {asked: 1, patience: asked}"
    )
    report = load(text)
    assert codes(report) == ["RP305", "RP305"]
    assert "`asked` is true/false" in report.diagnostics[0].message
    assert "`patience` is a number" in report.diagnostics[1].message


def test_set_number_out_of_range() -> None:
    report = load(VALID.replace("patience: patience + 1", "patience: 10000000000"))
    assert codes(report) == ["RP206"]


def test_timer_only_beside_choices() -> None:
    text = VALID.replace(
        "    next: keys\n", "    next: keys\n    timer: {seconds: 5, goto: keys}\n"
    )
    report = load(text)
    assert codes(report) == ["RP313"]


@pytest.mark.parametrize(
    "asset",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "'..\\\\windows\\\\system.ini'",
        "C:/x",
        "dana.png",
        "Dana",
    ],
)
def test_asset_names_must_be_plain(asset: str) -> None:
    text = VALID.replace("portrait: dana", f"portrait: {asset}")
    report = load(text)
    assert codes(report) == ["RP306"]
    assert report.diagnostics[0].line == line_of(text, "portrait:")


def test_setting_path_traversal_is_refused() -> None:
    text = VALID.replace("setting: dealership", "setting: ../../etc/passwd")
    report = load(text)
    assert codes(report) == ["RP306"]
    assert (report.diagnostics[0].line, report.diagnostics[0].column) == (
        line_of(text, "setting:"),
        10,
    )


def test_loading_text_opens_no_file(valid: str, monkeypatch: pytest.MonkeyPatch) -> None:
    load(valid)  # compile the schema validators first: they read their own files
    opened: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> io.IOBase:
        opened.append(args)
        raise AssertionError(f"the loader opened {args[0]!r}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    text = valid.replace("setting: dealership", "setting: ../../etc/passwd")
    assert codes(load(text)) == ["RP306"]
    assert load(valid).scenario is not None
    assert opened == []


def test_reserved_names_are_refused() -> None:
    report = load(
        VALID.replace("  customer: {name: Dana", "  narrator: {name: Dana").replace(
            "speaker: customer", "speaker: narrator"
        )
    )
    assert codes(report) == ["RP314"]
    report = load(VALID.replace("  patience: 3", "  not: 3"))
    assert "RP314" in codes(report)


# -- warnings ----------------------------------------------------------------------------------


def test_choice_without_feedback_is_a_warning_and_the_scenario_loads() -> None:
    text = VALID.replace("        feedback: She will remember this car.\n", "")
    report = load(text)
    assert codes(report) == ["RP307"]
    assert report.diagnostics[0].severity == "warning"
    assert report.diagnostics[0].line == line_of(text, "Enjoy the drive")
    assert report.scenario is not None
    assert report.warnings == report.diagnostics and report.errors == []


def test_scenario_without_source_is_a_warning() -> None:
    text = VALID.replace(
        "source:\n  title: A test article\n  lesson: Let the customer choose.\n", ""
    )
    report = load(text)
    assert codes(report) == ["RP308"]
    assert report.scenario is not None


def test_file_name_should_match_the_id(valid: str) -> None:
    report = load(valid, "other-name.yaml")
    assert codes(report) == ["RP310"]
    assert report.diagnostics[0].severity == "warning"
    assert load(valid, "<memory>").diagnostics == []


# -- all problems at once --------------------------------------------------------------------


def test_every_problem_of_a_file_is_reported_in_one_run_sorted_by_line() -> None:
    text = (
        VALID.replace("title: The Test Counter", "title: yes")
        .replace("mood: pleased", "mood: pleasd")
        .replace("goto: picks", "goto: pick")
        .replace("if: not asked", "if: not askd")
        .replace("scores: {upsell: 1}", "scores: {upsel: 1}")
        .replace("        feedback: She will remember this car.\n", "")
    )
    report = load(text)
    assert sorted(codes(report)) == ["RP113", "RP204", "RP205", "RP301", "RP303", "RP307"]
    lines = [d.line for d in report.diagnostics]
    assert lines == sorted(lines)
    assert report.scenario is None
    assert report.analysis is None


def test_half_written_file_gives_errors_not_a_scenario(valid: str) -> None:
    half = valid[: len(valid) // 2]
    report = load(half)
    assert report.errors
    assert report.scenario is None


# -- the analysis, located ------------------------------------------------------------------


def test_dead_end_is_an_error_at_its_node() -> None:
    text = VALID.replace(
        "      - text: Enjoy the drive.\n",
        "      - text: Enjoy the drive.\n        if: patience > 100\n",
    )
    report = load(text)
    assert "RP401" in codes(report)
    dead = next(d for d in report.diagnostics if d.code == "RP401")
    assert (dead.line, dead.column) == (line_of(text, "  picks:"), 3)
    assert report.scenario is None
    assert report.analysis is not None


def test_score_farming_is_an_error() -> None:
    text = VALID.replace(
        "        goto: happy\n",
        "        goto: picks\n      - text: Leave.\n        feedback: Fine.\n        goto: happy\n",
    )
    report = load(text)
    assert "RP402" in codes(report)
    assert report.scenario is None


def test_too_many_visible_choices_is_an_error() -> None:
    extra = "".join(
        f"      - text: Option {i}.\n        feedback: Fine.\n        goto: happy\n"
        for i in range(6)
    )
    text = VALID.replace(
        "    choices:\n      - text: Enjoy the drive.",
        "    choices:\n" + extra + "      - text: Enjoy the drive.",
    )
    report = load(text)
    assert "RP403" in codes(report)


def test_unreachable_node_is_a_warning_at_its_node() -> None:
    text = VALID + "  lost:\n    text: Nobody comes here.\n    next: happy\n"
    report = load(text)
    assert codes(report) == ["RP404"]
    assert report.diagnostics[0].severity == "warning"
    assert report.diagnostics[0].line == line_of(text, "  lost:")
    assert report.scenario is not None


def test_problem_about_a_choice_points_at_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.core.analysis import Problem

    real = analyze

    def with_choice_problem(scenario: Any) -> Any:
        analysis = real(scenario)
        message = (
            "node `arrive` shows 7 choices at once; at most 6 fit on screen, so hide some "
            "with `if` or split the node"
        )
        problem = Problem("RP403", "error", "arrive", message, 1)
        return type(analysis)(**{**analysis.__dict__, "problems": (problem,)})

    monkeypatch.setattr(scenario_module, "analyze", with_choice_problem)
    report = load(VALID)
    assert [(d.line, d.column) for d in report.diagnostics] == [(line_of(VALID, "Which car"), 9)]


def test_approximate_analysis_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        scenario_module, "analyze", lambda scenario: analyze(scenario, max_states=2)
    )
    report = load(VALID)
    assert "RP407" in codes(report)
    assert report.scenario is not None


def test_collector_is_paused_during_a_load_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    states: list[bool] = []
    real = scenario_module._load

    def spy(text: str | bytes, path: str) -> Any:
        states.append(gc.isenabled())
        return real(text, path)

    monkeypatch.setattr(scenario_module, "_load", spy)
    assert gc.isenabled()
    load_scenario_text(VALID, NAME)
    assert states == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        load_scenario_text(VALID, NAME)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("original", "written"),
    [
        ("  patience: 3", "  patience: 3.0"),
        ("minutes: 2", "minutes: 2.0"),
        ("format: 1", "format: 1.0"),
    ],
)
def test_whole_numbers_written_with_a_point_are_refused(original: str, written: str) -> None:
    text = VALID.replace(original, written)
    report = load(text)
    assert codes(report) == ["RP211"]
    first = report.diagnostics[0]
    assert (first.code, first.line) == ("RP211", line_of(text, written))


@pytest.mark.parametrize(
    ("seconds", "code"), [(".nan", "RP115"), (".inf", "RP206"), ("-1", "RP206")]
)
def test_timer_seconds_must_be_a_real_positive_number(seconds: str, code: str) -> None:
    report = load(VALID.replace("seconds: 20", f"seconds: {seconds}"))
    assert codes(report) == [code]
