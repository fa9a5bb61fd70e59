"""`rapport import-twee`: Twee 3 parsing, every link form, and a draft that loads without errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.loader import load_scenario, load_scenario_text
from game.trainer.twee import Link, convert, parse_link, parse_twee, passage_text, slug

STORY = r"""Notes before the first passage are not part of the story.

:: StoryTitle
The Umbrella Counter

:: StoryData
{
  "ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC",
  "format": "SugarCube",
  "start": "Door {wet}"
}

:: Intro
This passage comes first in the file but is not the start.
[[Door {wet}]]

:: Door \{wet\} [intro start-here] {"position":"100,100","size":"100,100"}
A soaked customer walks in.<<set $wet to true>>
"Do you sell umbrellas?"
[[Aisle four.->Aisle]]
[[Ask where she's headed|Ask]]
[[Walk her there<-Walk with her]]
[[Counter]]
[[Leave|Gone][$left to true]]
[[Our website|https://example.com/umbrellas]]

:: Ask {"position":"200,100"}
(if: $wet)[She shivers.] "The station, twenty minutes."
[[Show the compact one->Happy]]

:: Aisle [shelf]
She picks the cheapest one.
[[Done->Partial]]

:: Walk her there
You walk with her.
[[Back->Door {wet}]]
[[Finish->Happy]]

:: Counter {"position": oops}
She waits at the counter.

:: Happy
She leaves dry and smiling.


:: Partial
She got an umbrella.

:: Story JavaScript [script]
window.rapport = 1;

:: StoryInit
<<set $wet to false>>

:: a\\b
A name with a backslash.
"""


@pytest.fixture
def converted() -> tuple[str, list[str]]:
    conversion = convert(parse_twee(STORY), "umbrella-counter")
    return conversion.text, conversion.notes


# -- parsing -----------------------------------------------------------------------------
def test_headers_give_names_tags_and_metadata_with_escapes_decoded() -> None:
    story = parse_twee(STORY)
    by_name = {p.name: p for p in story.passages}
    door = by_name["Door {wet}"]
    assert door.tags == ("intro", "start-here")
    assert door.metadata == {"position": "100,100", "size": "100,100"}
    assert by_name["Ask"].metadata == {"position": "200,100"}
    assert by_name["Aisle"].tags == ("shelf",)
    assert "a\\b" in by_name
    assert by_name["Happy"].text == "She leaves dry and smiling."  # trailing blank lines dropped


def test_story_title_and_story_data_are_read_not_kept_as_passages() -> None:
    story = parse_twee(STORY)
    assert story.title == "The Umbrella Counter"
    assert story.data["start"] == "Door {wet}"
    assert story.data["format"] == "SugarCube"
    assert not {"StoryTitle", "StoryData"} & {p.name for p in story.passages}


def test_parse_problems_are_noted_not_fatal() -> None:
    story = parse_twee(STORY)
    assert any("line 1: text before the first passage" in n for n in story.notes)
    assert any("metadata of passage `Counter`" in n for n in story.notes)
    assert "Counter" in {p.name for p in story.passages}


@pytest.mark.parametrize(
    ("inner", "text", "target", "setter"),
    [
        ("Counter", "Counter", "Counter", None),
        ("Aisle four.->Aisle", "Aisle four.", "Aisle", None),
        ("a->b->c", "a->b", "c", None),  # the rightmost arrow divides
        ("Walk her there<-Walk with her", "Walk with her", "Walk her there", None),
        ("b<-a<-c", "a<-c", "b", None),  # the leftmost arrow divides
        ("Ask where|Ask", "Ask where", "Ask", None),
        ("Leave|Gone][$left to true", "Leave", "Gone", "$left to true"),
    ],
)
def test_every_link_form(inner: str, text: str, target: str, setter: str | None) -> None:
    assert parse_link(inner) == (Link(text, target), setter)


def test_passage_text_drops_links_and_macros_and_keeps_hook_text() -> None:
    text, links, macros = passage_text(
        "Hi.<<set $x to 1>> (if: $wet)[She shivers.] (set: $y to (a: 1))\n[[Go->There]]\n"
    )
    assert text == "Hi. She shivers."
    assert [link for link, _ in links] == [Link("Go", "There")]
    assert macros == ["<<set $x to 1>>", "(if: $wet)", "(set: $y to (a: 1))"]


def test_a_link_to_a_name_with_brackets_is_read_whole() -> None:
    _, links, _ = passage_text("[[Ask [politely]]]")
    assert links[0][0] == Link("Ask [politely]", "Ask [politely]")


def test_slugs_are_node_ids() -> None:
    assert slug("Walk her there!") == "walk_her_there"
    assert slug("***") == "passage"
    assert len(slug("x" * 200)) == 64


# -- the scenario draft ---------------------------------------------------------------
def test_draft_loads_without_errors(converted: tuple[str, list[str]]) -> None:
    text, _ = converted
    report = load_scenario_text(text, "umbrella-counter.yaml")
    assert report.errors == [], [d.format() for d in report.errors]
    assert report.scenario is not None
    # What is left is the trainer's work: feedback, and passages nothing links to.
    assert {d.code for d in report.warnings} <= {"RP307", "RP404", "RP405"}
    assert any(d.code == "RP307" for d in report.warnings)


def test_passages_become_nodes_and_links_become_choices(converted: tuple[str, list[str]]) -> None:
    report = load_scenario_text(converted[0], "umbrella-counter.yaml")
    scenario = report.scenario
    assert scenario is not None
    assert scenario.title == "The Umbrella Counter"
    assert scenario.start == "start"
    assert set(scenario.nodes) == {
        "start",
        "intro",
        "ask",
        "aisle",
        "walk_her_there",
        "counter",
        "happy",
        "partial",
        "a_b",
        "gone",
    }
    door = scenario.nodes["start"]
    assert door.text == 'A soaked customer walks in.\n"Do you sell umbrellas?"'
    assert [(c.text, c.goto) for c in door.choices] == [
        ("Aisle four.", "aisle"),
        ("Ask where she's headed", "ask"),
        ("Walk with her", "walk_her_there"),
        ("Counter", "counter"),
        ("Leave", "gone"),
    ]
    assert [c.goto for c in scenario.nodes["walk_her_there"].choices] == ["start", "happy"]
    assert scenario.nodes["ask"].text == 'She shivers. "The station, twenty minutes."'
    assert [c.goto for c in scenario.nodes["intro"].choices] == ["start"]


def test_passages_without_links_become_endings_with_an_outcome_to_set(
    converted: tuple[str, list[str]],
) -> None:
    text, _ = converted
    scenario = load_scenario_text(text, "umbrella-counter.yaml").scenario
    assert scenario is not None
    for node_id in ("happy", "partial", "counter", "gone"):
        ending = scenario.nodes[node_id].ending
        assert ending is not None and ending.outcome == "partial"
    assert scenario.nodes["happy"].ending.text == "She leaves dry and smiling."  # type: ignore[union-attr]
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.strip() == "outcome: partial":
            assert lines[number - 1].strip() == "# Set the outcome: success, partial or failure."
    assert "TODO" not in text


def test_draft_marks_where_scores_and_feedback_go(converted: tuple[str, list[str]]) -> None:
    text, _ = converted
    assert text.count("# scores: {empathy: 0, anticipation: 0, upsell: 0}") == 10
    assert text.count("# feedback:") == 10
    assert text.splitlines()[0].startswith("# Imported from a Twine story")


def test_notes_say_what_was_dropped_and_what_to_add(converted: tuple[str, list[str]]) -> None:
    _, notes = converted
    joined = "\n".join(notes)
    assert "`Story JavaScript` (tagged script) was left out" in joined
    assert "`StoryInit` (a story-format passage) was left out" in joined
    assert "dropped 1 macro (`<<set $wet to true>>`)" in joined
    assert "dropped 1 macro (`(if: $wet)`)" in joined
    assert "the setter `[$left to true]` of link `Leave` was dropped" in joined
    assert "the web link `https://example.com/umbrellas` was dropped" in joined
    assert "leads to `Gone`, which does not exist; node `gone` stands in" in joined
    assert "10 choices need scores and feedback" in joined
    assert "5 endings need an outcome" in joined


def test_without_story_data_the_start_passage_is_used() -> None:
    story = parse_twee(":: First\nHello [[End]]\n\n:: Start\nWelcome. [[First]]\n\n:: End\nBye.\n")
    text = convert(story, "s").text
    scenario = load_scenario_text(text, "s.yaml").scenario
    assert scenario is not None
    assert scenario.nodes["start"].text == "Welcome."


def test_more_choices_than_fit_on_screen_are_dropped_with_a_note() -> None:
    links = "".join(f"[[Option {n}->End]]\n" for n in range(1, 9))
    conversion = convert(parse_twee(f":: Start\nPick one.\n{links}\n:: End\nDone.\n"), "many")
    scenario = load_scenario_text(conversion.text, "many.yaml").scenario
    assert scenario is not None and len(scenario.nodes["start"].choices) == 6
    assert any("dropped `Option 7`, `Option 8`" in n for n in conversion.notes)


def test_names_that_slugify_alike_get_unique_ids() -> None:
    story = parse_twee(":: Start\n[[A b]] [[A-b]] [[a_B]]\n\n:: A b\nx\n\n:: A-b\ny\n\n:: a_B\nz\n")
    scenario = load_scenario_text(convert(story, "ids").text, "ids.yaml").scenario
    assert scenario is not None
    assert [c.goto for c in scenario.nodes["start"].choices] == ["a_b", "a_b_2", "a_b_3"]


def test_a_file_without_passages_is_refused() -> None:
    with pytest.raises(ValueError, match="no story passages"):
        convert(parse_twee("just some text\n"), "x")


# -- the command ---------------------------------------------------------------------------
def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_twee_writes_a_draft_that_validates(tmp_path: Path) -> None:
    source = tmp_path / "story.twee"
    source.write_text(STORY, encoding="utf-8")
    target = tmp_path / "umbrella-counter.yaml"
    code, out, err = run("import-twee", str(source), "-o", str(target))
    assert code == 0, err
    assert out.startswith(f"Wrote {target} (scenario id `umbrella-counter`). Still to do:")
    assert "  - 10 choices need scores and feedback" in out
    report = load_scenario(target)
    assert report.errors == [] and report.scenario is not None
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    code, _, _ = run("validate", str(target))
    assert code == 0


def test_import_twee_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    source = tmp_path / "story.twee"
    source.write_text(STORY, encoding="utf-8")
    target = tmp_path / "draft.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, _, err = run("import-twee", str(source), "-o", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = run("import-twee", str(source), "-o", str(target), "--force")
    assert code == 0 and "id: draft" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe:: Start\n", "is not UTF-8 text"),
        (b"no passages here\n", "has no story passages"),
    ],
)
def test_import_twee_refuses_what_is_not_a_story(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "story.twee"
    source.write_bytes(content)
    code, _, err = run("import-twee", str(source), "-o", str(tmp_path / "x.yaml"))
    assert code == 1 and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_import_twee_of_a_missing_file_exits_1(tmp_path: Path) -> None:
    code, _, err = run("import-twee", str(tmp_path / "nope.twee"), "-o", str(tmp_path / "x.yaml"))
    assert code == 1 and "there is no file" in err


def test_import_twee_needs_an_output(tmp_path: Path) -> None:
    code, _, _ = run("import-twee", str(tmp_path / "story.twee"))
    assert code == 2
