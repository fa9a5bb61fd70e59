"""The core commands through click's CliRunner: output, JSON contract, exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli

DOCS = Path(__file__).parents[2] / "docs" / "scenario-format.md"
EXAMPLE = re.findall(
    r"<!-- complete scenario -->\n```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S
)[0]


ASSETS = Path(__file__).parents[2] / "assets"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The format doc's example beside the pictures of its own that it names."""
    (tmp_path / "umbrella-stand.yaml").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "art" / "settings").mkdir(parents=True)
    shutil.copy(ASSETS / "settings" / "bike-shop.svg", tmp_path / "art/settings/hardware-shop.svg")
    shutil.copytree(ASSETS / "portraits" / "rosa", tmp_path / "art" / "portraits" / "ines")
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


def test_play_with_a_player_says_the_result_was_recorded(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    args = ["play", "umbrella-stand", "--scenarios", str(folder), "--choices", "2,2,1"]
    db = ["--db", f"sqlite:///{tmp_path / 'results.db'}"]
    code, out, err = run(*args, "--text", "--player", "Ann", *db)
    assert code == 0, err
    assert out.strip().splitlines()[-1] == "Recorded the result for Ann: 100.0% overall."
    # With --json the standard output stays one JSON object; the news goes to standard error.
    code, out, err = run(*args, "--json", "--player", "Ben", *db)
    assert code == 0 and json.loads(out)["overall"] == 100.0
    assert err.strip() == "Recorded the result for Ben: 100.0% overall."


def test_play_with_a_player_says_when_the_result_is_kept_for_later(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    unreachable = "postgresql+psycopg://rapport:secret@127.0.0.1:9/rapport"  # port 9: refused
    args = ["play", "umbrella-stand", "--scenarios", str(folder), "--choices", "2,2,1"]
    code, out, err = run(*args, "--json", "--player", "Ann", "--db", unreachable)
    assert code == 0 and json.loads(out)["overall"] == 100.0
    assert err.startswith("Your result is kept on this computer for now")
    assert "It will be sent automatically" in err and "secret" not in err
    assert "Recorded" not in err


def test_choices_with_thousands_of_digits_get_a_clear_message(folder: Path) -> None:
    code, _, err = run(
        "play", "umbrella-stand", "--scenarios", str(folder), "--choices", "2," + "9" * 5000
    )
    assert code == 1
    assert err.strip() == (
        "Error: --choices: item 2 is a number of 5,000 digits, but a node shows at most 6 "
        "choices; use choice numbers (1, 2, ...) and t for a timer, separated by commas, "
        "e.g. 2,1,t,3"
    )
    code, _, err = run("play", "umbrella-stand", "--scenarios", str(folder), "--choices", "x" * 900)
    assert code == 1 and len(err) < 300


def test_validate_refuses_a_named_pipe_without_waiting_for_it(folder: Path) -> None:
    pipe = folder / "pipe.yaml"
    os.mkfifo(pipe)
    code, out, _ = run("validate", str(pipe))
    assert code == 1
    assert out.startswith(f"{pipe}:1:1: error: this is a named pipe, not an ordinary file")
    code, out, _ = run("validate", str(folder))
    assert code == 1 and "named pipe" in out and "1 error, 0 warnings." in out
    code, _, err = run("play", str(pipe), "--choices", "1")
    assert code == 1 and "is not an ordinary file" in err


def test_validate_says_when_a_file_had_more_problems_than_it_lists(tmp_path: Path) -> None:
    nodes = "".join(f"  n{i}:\n    tetx: hi\n    next: n{i + 1}\n" for i in range(2000))
    path = tmp_path / "typos.yaml"
    path.write_text(
        "format: 1\nid: typos\ntitle: T\nstart: n0\nnodes:\n" + nodes + "  n2000:\n"
        "    ending: {title: Done, outcome: success}\n",
        encoding="utf-8",
    )
    code, out, _ = run("validate", str(path))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 102  # 100 problems, the count of the rest, the summary
    assert "problems are listed and at least" in lines[-2]
    assert lines[-1] == "100 errors, 1 warning; more in 1 file, not listed."


def test_analyze_shows_how_far_naive_strategies_get(folder: Path) -> None:
    code, out, _ = run("analyze", "umbrella-stand", "--scenarios", str(folder))
    assert code == 0
    assert "  surface cues   always choosing..." in out
    longest = next(line for line in out.splitlines() if line.startswith("    longest line"))
    assert "rushed (failure)" in longest and "WINS" not in longest
    assert re.search(r"at random \(average\)\s+success 19\.4% of the time\s+39\.1%", out)
    assert "  best choice    the longest line at 1 of 5 decision points (door)" in out


def test_analyze_json_adds_the_surface_report_and_keeps_its_keys(folder: Path) -> None:
    code, out, _ = run("analyze", "umbrella-stand", "--scenarios", str(folder), "--json")
    assert code == 0
    data = json.loads(out)
    assert {"scenario", "range", "best", "decisions", "problems"} <= set(data)
    surface = data["surface"]
    assert set(surface) == {
        "strategies",
        "random",
        "decision_points",
        "best_is_longest",
        "best_position",
    }
    assert [s["success_ending"] for s in surface["strategies"]] == [None] * len(
        surface["strategies"]
    )
    assert surface["random"]["overall"] == 39.1
    longest = next(s for s in surface["strategies"] if s["strategy"] == "longest")
    assert longest["ending"] == "rushed" and longest["choices"] == [2, 1, 2]


def test_validate_warns_when_a_new_hire_can_win_by_length(folder: Path) -> None:
    # Make the best line the longest everywhere: the loyalty card becomes short.
    text = EXAMPLE.replace(
        '"Would you like our loyalty card? It only takes five minutes to fill in."',
        '"Loyalty card?"',
    ).replace(
        "How about the big golf umbrella? You'll love it, and it's on offer at a great price.",
        "Golf umbrella?",
    )
    (folder / "umbrella-stand.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run("validate", str(folder / "umbrella-stand.yaml"))
    assert code == 0
    assert (
        "warning: always choosing the longest line reaches the success ending `happy`: "
        "a new hire can win by length" in out
    )
    code, out, _ = run("validate", "--format", "json", str(folder / "umbrella-stand.yaml"))
    assert "RP408" in {d["code"] for d in json.loads(out)}
    code, _, _ = run("validate", "--strict", str(folder / "umbrella-stand.yaml"))
    assert code == 1


def test_the_debrief_says_which_earlier_cue_would_have_opened_a_better_choice(
    folder: Path,
) -> None:
    code, out, _ = run(
        "play", "umbrella-stand", "--scenarios", str(folder), "--choices", "1,2,2", "--text"
    )
    assert code == 0
    section = out.split("What an earlier cue would have opened\n")[1].split("\nLesson")[0]
    assert section.startswith(" - Had you chosen “Oh no, you're drenched! Where are you headed")
    flat = " ".join(section.split())
    assert "at decision 1, you could have chosen “For a twenty-minute walk" in flat
    assert "You matched the product to her walk home." in section
    code, out, _ = run(
        "play", "umbrella-stand", "--scenarios", str(folder), "--choices", "2,2,1", "--text"
    )
    assert "What an earlier cue" not in out


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
