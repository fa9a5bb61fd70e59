"""The core commands through click's CliRunner: output, JSON contract, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli

DOCS = Path(__file__).parents[2] / "docs" / "scenario-format.md"
EXAMPLE = re.findall(
    r"<!-- complete scenario -->\n```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S
)[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "umbrella-stand.yaml").write_text(EXAMPLE, encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_clean_file_says_all_good(folder: Path) -> None:
    code, out, _ = run("validate", "--strict", str(folder / "umbrella-stand.yaml"))
    assert code == 0
    assert "no errors, no warnings" in out


def test_validate_reports_path_line_column_and_exits_1(folder: Path) -> None:
    bad = folder / "bad.yaml"
    bad.write_text(
        EXAMPLE.replace(
            "goto: counter\n        feedback: Price", "goto: countr\n        feedback: Price"
        ),
        encoding="utf-8",
    )
    code, out, _ = run("validate", str(bad))
    assert code == 1
    line = next(text for text in out.splitlines() if "countr" in text)
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: error: .*did you mean `counter`", line)
    assert out.strip().splitlines()[-1].startswith("1 error")


def test_validate_json_lists_diagnostics(folder: Path) -> None:
    bad = folder / "bad.yaml"
    bad.write_text(EXAMPLE.replace("title: The Umbrella Stand\n", ""), encoding="utf-8")
    code, out, _ = run("validate", "--format", "json", str(bad))
    assert code == 1
    items = json.loads(out)
    assert items and set(items[0]) == {"path", "line", "column", "severity", "code", "message"}
    assert any("title" in i["message"] for i in items)


def test_play_choices_json_matches_the_contract(folder: Path) -> None:
    code, out, _ = run(
        "play", "umbrella-stand", "--scenarios", str(folder), "--choices", "2,2,1", "--json"
    )
    assert code == 0, out
    data = json.loads(out)
    assert set(data) == {
        "scenario",
        "ending",
        "outcome",
        "path",
        "choices",
        "scores",
        "range",
        "percent",
        "overall",
        "seconds",
    }
    assert data["ending"] == "happy" and data["outcome"] == "success"
    assert data["path"] == ["door", "aisle", "counter", "goodbye", "happy"]
    assert data["choices"][0] == {
        "node": "door",
        "number": 2,
        "text": "Oh no, you're drenched! Where are you headed tonight?",
    }
    assert data["scores"] == {"empathy": 3, "anticipation": 4, "upsell": 3}
    assert data["percent"]["empathy"] == 100.0 and data["overall"] == 100.0
    assert data["seconds"] == 0.0


def test_play_timer_item_and_transcript(folder: Path) -> None:
    code, out, _ = run("play", str(folder / "umbrella-stand.yaml"), "--choices", "t,1,1", "--text")
    assert code == 0
    assert "Time ran out." in out and "Ending: Sold an umbrella (partial)" in out
    assert "Better:" in out  # the debrief shows a better choice


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("5", "item 1 is choice 5, which is not shown at node `door`; choose 1 to 2 or t"),
        ("1,1", "ran out at node `goodbye` before an ending"),
        ("2,2,1,1", "the scenario ended at `happy` after 3 decisions, but 1 more was given"),
        ("2,t", "node `aisle` has no timer"),
        ("x", "--choices: item 1 is 'x'"),
    ],
)
def test_impossible_choices_exit_1_with_the_node(folder: Path, choices: str, message: str) -> None:
    code, _, err = run(
        "play", "umbrella-stand", "--scenarios", str(folder), "--choices", choices, "--json"
    )
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_unknown_scenario_id_suggests_a_close_one(folder: Path) -> None:
    code, _, err = run("play", "umbrela-stand", "--scenarios", str(folder))
    assert code == 1
    assert "umbrella-stand" in err


def test_bad_command_line_exits_2() -> None:
    assert run("play")[0] == 2
    assert run("validate", "--format", "xml", "x.yaml")[0] == 2


def test_analyze_json_has_the_contract_fields(folder: Path) -> None:
    code, out, _ = run("analyze", "umbrella-stand", "--scenarios", str(folder), "--json")
    assert code == 0
    data = json.loads(out)
    for key in (
        "scenario",
        "nodes",
        "reachable_nodes",
        "states",
        "endings",
        "playthroughs",
        "range",
        "best",
    ):
        assert key in data
    assert data["endings"]["happy"] == {"outcome": "success", "reachable": True}
    assert data["best"] == [2, 2, 1]
    assert data["reachable_nodes"] == sorted(data["reachable_nodes"])
    # the best list plays as given
    code, out, _ = run(
        "play",
        "umbrella-stand",
        "--scenarios",
        str(folder),
        "--choices",
        ",".join(map(str, data["best"])),
        "--json",
    )
    assert json.loads(out)["overall"] == 100.0


def test_schema_prints_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert "properties" in schema and "nodes" in schema["properties"]


def test_interactive_play_reads_answers_and_retries_bad_input(folder: Path) -> None:
    result = CliRunner().invoke(
        cli, ["play", "umbrella-stand", "--scenarios", str(folder), "--text"], input="9\n2\n2\n1\n"
    )
    assert result.exit_code == 0, result.output
    assert "Please type 1 to 2 or t" in result.output
    assert "Coach: The question shows you care" in result.output
    assert "Ending: A dry walk home (success)" in result.output


def test_watch_refuses_options_that_make_no_sense_while_writing(folder: Path) -> None:
    for extra in (["--player", "Ana"], ["--json"], ["--choices", "1"]):
        code, _, err = run("play", "umbrella-stand", "--scenarios", str(folder), "--watch", *extra)
        assert code == 2
        assert "--watch is for writing scenarios" in err


def test_play_records_into_the_same_local_database_as_the_window(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RAPPORT_HOME", str(home))
    monkeypatch.delenv("RAPPORT_DB", raising=False)
    args = ["play", "umbrella-stand", "--scenarios", str(folder), "--choices", "2,2,1"]
    code, _, err = run(*args, "--json", "--player", "Zoë")
    assert code == 0, err
    assert (home / "data" / "results.db").exists()
    code, out, _ = run("leaderboard", "--scenario", "umbrella-stand", "--json")
    rows = json.loads(out)
    assert [(r["player"], r["overall"]) for r in rows] == [("Zoë", 100.0)]


def test_the_debrief_gives_the_grade_the_pass_mark_and_what_unlocked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.loader import DEFAULT_SCENARIOS_DIR, load_library

    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RAPPORT_DB", raising=False)
    library = load_library(DEFAULT_SCENARIOS_DIR)
    module = library.modules[0]
    first, second = module.scenarios[0], module.scenarios[1]
    best = ",".join(str(d) for d in library.analyses[first].best or ())
    args = ["play", first, "--choices", best, "--text"]

    code, out, _ = run(*args)  # no player: nothing to unlock from
    assert code == 0
    assert re.search(r"Grade +Excellent", out) and "passed (its" in out
    assert f"pass mark is {module.pass_percent:g}%" in out and "Unlocked" not in out

    code, out, err = run(*args, "--player", "Ana")
    assert code == 0, err
    assert f"Unlocked     {library.scenarios[second].title}" in out
    code, out, _ = run(*args, "--player", "Ana")  # passed before: nothing new opens
    assert code == 0 and "Unlocked" not in out
