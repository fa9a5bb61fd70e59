"""The results commands through click's CliRunner: boards, the CSV export, sessions, errors."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.cli.results import board_table, display_width
from game.store import BoardRow, SQLAlchemyResultsStore
from game.store.export import EXPORT_COLUMNS
from tests.store.factories import T0, make_record

DOCS = Path(__file__).parents[2] / "docs" / "scenario-format.md"
EXAMPLE = re.findall(
    r"<!-- complete scenario -->\n```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.S
)[0]
MODULES = """\
format: 1
modules:
  - id: first-week
    title: First week
    scenarios: [umbrella-stand]
"""


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default database and outbox go to a temp folder, never the real user's."""
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.delenv("RAPPORT_DB", raising=False)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'results.db'}"


@pytest.fixture
def store(db: str, tmp_path: Path) -> Iterator[SQLAlchemyResultsStore]:
    made = SQLAlchemyResultsStore(db, outbox_path=tmp_path / "outbox")
    yield made
    made.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "umbrella-stand.yaml").write_text(EXAMPLE, encoding="utf-8")
    (scenarios / "modules.yaml").write_text(MODULES, encoding="utf-8")
    return scenarios


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_leaderboard_json_is_the_documented_list(store: SQLAlchemyResultsStore, db: str) -> None:
    store.record(make_record("Ann", "loaner", percent=(84.6, 75.0, None), overall=79.8))
    store.record(make_record("Bob", "loaner", overall=50.0, seconds=30))
    code, out, err = run("leaderboard", "--scenario", "loaner", "--db", db, "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert rows[0] == {
        "rank": 1,
        "player": "Ann",
        "scenario": "loaner",
        "overall": 79.8,
        "empathy": 84.6,
        "anticipation": 75.0,
        "upsell": None,
        "seconds": 60.0,
        "played_at": "2024-05-01T09:00:00.000000Z",
        "untimed": False,
    }
    assert [list(row) for row in rows] == [
        [
            "rank",
            "player",
            "scenario",
            "overall",
            "empathy",
            "anticipation",
            "upsell",
            "seconds",
            "played_at",
            "untimed",
        ]
    ] * 2
    assert [row["player"] for row in rows] == ["Ann", "Bob"]


def test_leaderboard_reads_the_database_from_the_environment(
    store: SQLAlchemyResultsStore, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(make_record("Ann"))
    monkeypatch.setenv("RAPPORT_DB", db)
    code, out, _ = run("leaderboard", "--json")
    assert code == 0 and [r["player"] for r in json.loads(out)] == ["Ann"]


def test_leaderboard_text_is_an_aligned_table(store: SQLAlchemyResultsStore, db: str) -> None:
    store.record(make_record("Zoë 🎉", overall=91.0, seconds=75))
    store.record(make_record("李小龍", overall=80.5))
    store.record(make_record("Robert'); DROP TABLE results;--", overall=12.0))
    code, out, _ = run("leaderboard", "--db", db)
    assert code == 0
    lines = out.rstrip("\n").splitlines()
    assert lines[0].split() == [
        "#",
        "Player",
        "Scenario",
        "Overall",
        "Empathy",
        "Anticipation",
        "Upsell",
        "Time",
        "Played",
    ]
    assert "Robert'); DROP TABLE results;--" in out
    assert "1:15" in lines[1]
    # Every column starts at the same screen column on every line.
    overall_end = display_width(lines[0][: lines[0].index("Overall") + len("Overall")])
    for line in lines[1:]:
        number = re.search(r"\d+\.\d", line)
        assert number is not None
        assert display_width(line[: number.end()]) == overall_end


def test_an_untimed_best_says_untimed_in_the_json_and_beside_its_time(
    store: SQLAlchemyResultsStore, db: str
) -> None:
    store.record(make_record("Ann", "loaner", overall=90.0, seconds=75, untimed=True))
    store.record(make_record("Bob", "loaner", overall=50.0, seconds=30))
    code, out, _ = run("leaderboard", "--scenario", "loaner", "--db", db, "--json")
    assert code == 0 and [r["untimed"] for r in json.loads(out)] == [True, False]
    code, out, _ = run("leaderboard", "--scenario", "loaner", "--db", db)
    ann, bob = out.rstrip("\n").splitlines()[1:]
    assert "1:15 untimed" in ann and "untimed" not in bob


def test_board_table_marks_unassessed_competencies() -> None:
    row = BoardRow(1, "Ann", "loaner", 50.0, 50.0, None, None, 5.0, "2024-05-01T09:00:00Z")
    assert " - " in board_table([row]).splitlines()[1]


def test_empty_board_says_so(db: str) -> None:
    code, out, _ = run("leaderboard", "--db", db)
    assert (code, out) == (0, "No results yet.\n")
    assert run("leaderboard", "--db", db, "--json")[:2] == (0, "[]\n")


def test_leaderboard_by_competency_and_limit(store: SQLAlchemyResultsStore, db: str) -> None:
    store.record(make_record("Kind", percent=(100.0, 0.0, 0.0), overall=33.3))
    store.record(make_record("Seller", percent=(0.0, 0.0, 100.0), overall=33.3, seconds=1))
    code, out, _ = run(
        "leaderboard", "--competency", "empathy", "--limit", "1", "--db", db, "--json"
    )
    assert code == 0 and [r["player"] for r in json.loads(out)] == ["Kind"]


def test_module_board_uses_the_scenario_folder(
    store: SQLAlchemyResultsStore, db: str, folder: Path
) -> None:
    store.record(make_record("Ann", "umbrella-stand", overall=70.0))
    store.record(make_record("Bob", "other", overall=99.0))
    code, out, err = run(
        "leaderboard", "--module", "first-week", "--scenarios", str(folder), "--db", db, "--json"
    )
    assert (code, err) == (0, "")
    assert [(r["player"], r["scenario"]) for r in json.loads(out)] == [("Ann", "first-week")]


def test_unknown_module_exits_1_with_a_suggestion(db: str, folder: Path) -> None:
    code, out, err = run(
        "leaderboard", "--module", "first-weak", "--scenarios", str(folder), "--db", db
    )
    assert (code, out) == (1, "")
    assert "no module 'first-weak'" in err and "did you mean `first-week`" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_scenario_and_module_together_is_a_usage_error(db: str) -> None:
    code, _, err = run("leaderboard", "--scenario", "a", "--module", "b", "--db", db)
    assert code == 2 and "not both" in err


@pytest.mark.parametrize(
    "args",
    [["--competency", "charm"], ["--limit", "0"], ["--limit", "many"], ["--unknown"]],
)
def test_wrong_options_exit_2(db: str, args: list[str]) -> None:
    assert run("leaderboard", "--db", db, *args)[0] == 2


@pytest.mark.parametrize(
    "url", ["mysql://u:hunter2@h/db", "nonsense", "sqlite:////no/such/folder/x.db"]
)
def test_a_bad_database_url_exits_1_with_one_sentence(url: str) -> None:
    code, out, err = run("leaderboard", "--db", url)
    assert (code, out) == (1, "")
    assert err.startswith("Error: ") and len(err.strip().splitlines()) == 1
    assert "hunter2" not in err and "Traceback" not in err


def test_a_damaged_database_exits_1_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(b"not a database at all\n" * 100)
    code, _, err = run("leaderboard", "--db", f"sqlite:///{path}")
    assert code == 1 and "damaged" in err and "Traceback" not in err
    assert path.read_bytes() == b"not a database at all\n" * 100


def test_export_writes_every_column_and_one_row_per_result(
    store: SQLAlchemyResultsStore, db: str, tmp_path: Path
) -> None:
    first = make_record("Zoë 🎉", percent=(84.6, 75.0, None), overall=79.8, minute=1)
    second = make_record('=HYPERLINK("http://x")', overall=10.0, minute=2, session="Mon")
    store.record(first)
    store.record(second)
    target = tmp_path / "results.csv"
    code, out, err = run("results", "export", "--csv", str(target), "--db", db)
    assert (code, err) == (0, "")
    assert "Exported 2 results" in out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [r["id"] for r in rows] == [first.id, second.id]
    assert rows[0]["player"] == "Zoë 🎉"
    assert rows[0]["upsell"] == "" and rows[0]["empathy"] == "84.6"
    assert json.loads(rows[0]["decisions"]) == [2, 1, "t"]
    assert json.loads(rows[0]["path"]) == ["opening", "middle", "happy_end"]
    assert rows[0]["played_at"] == "2024-05-01T09:01:00.000000Z"
    assert rows[1]["player"] == '\'=HYPERLINK("http://x")'  # text, never a formula
    assert rows[1]["session"] == "Mon"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_to_standard_output(store: SQLAlchemyResultsStore, db: str) -> None:
    store.record(make_record())
    code, out, err = run("results", "export", "--csv", "-", "--db", db)
    assert code == 0 and "Exported 1 result." in err
    assert len(list(csv.reader(io.StringIO(out)))) == 2


def test_export_needs_a_file(db: str) -> None:
    assert run("results", "export", "--db", db)[0] == 2
    code, _, err = run("results", "export", "--csv", "-", "--xapi", "-", "--db", db)
    assert code == 2 and "only one of --csv and --xapi" in err


def test_export_into_a_missing_folder_exits_1(db: str, tmp_path: Path) -> None:
    code, _, err = run("results", "export", "--csv", str(tmp_path / "no" / "x.csv"), "--db", db)
    assert code == 1 and "does not exist" in err


def test_sessions_start_and_end_and_make_a_board(store: SQLAlchemyResultsStore, db: str) -> None:
    code, out, _ = run("session", "start", "Monday meeting", "--db", db)
    assert code == 0 and "Session 'Monday meeting' started" in out
    code, _, err = run("session", "start", "Monday meeting", "--db", db)
    assert code == 1 and "already exists" in err
    store.record(make_record("Ann", session="Monday meeting"))
    code, out, _ = run("leaderboard", "--session", "Monday meeting", "--db", db, "--json")
    assert code == 0 and [r["player"] for r in json.loads(out)] == ["Ann"]
    code, out, _ = run("session", "end", "Monday meeting", "--db", db)
    assert code == 0 and "ended" in out and "1 result." in out
    code, _, err = run("session", "end", "Monday meeting", "--db", db)
    assert code == 1 and "already ended" in err


def test_session_errors_exit_1(db: str) -> None:
    code, _, err = run("session", "end", "Nobody started this", "--db", db)
    assert code == 1 and "no session named" in err
    code, _, err = run("leaderboard", "--session", "Ghost", "--db", db)
    assert code == 1 and "no session named 'Ghost'" in err
    code, _, err = run("session", "start", "\u202eevil", "--db", db)
    assert code == 1 and "text-direction override" in err


def test_the_commands_are_registered_under_rapport() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("leaderboard", "results", "session"):
        assert re.search(rf"^\s+{command}\b", out, flags=re.M)


# -- the database URL ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "command", [["leaderboard"], ["session", "list"], ["results", "export", "--csv", "-"]]
)
@pytest.mark.parametrize("url", ["", "   "])
def test_an_empty_database_url_is_an_error_not_the_default(
    command: list[str], url: str, private_data_folder: Path
) -> None:
    code, out, err = run(*command, "--db", url)
    assert (code, out) == (1, "")
    assert "the database URL is empty" in err and len(err.strip().splitlines()) == 1
    assert not (private_data_folder / "rapport" / "results.db").exists()


def test_an_empty_rapport_db_variable_counts_as_unset(
    monkeypatch: pytest.MonkeyPatch, private_data_folder: Path
) -> None:
    monkeypatch.setenv("RAPPORT_DB", "")
    code, out, _ = run("leaderboard")
    assert (code, out) == (0, "No results yet.\n")
    assert (private_data_folder / "rapport" / "results.db").exists()


# -- how much of the board is shown ------------------------------------------------------
def test_a_board_longer_than_the_limit_says_only_the_top_is_shown(
    store: SQLAlchemyResultsStore, db: str
) -> None:
    for n in range(12):
        store.record(make_record(f"P{n:02d}", overall=float(n)))
    code, out, _ = run("leaderboard", "--db", db)
    lines = out.rstrip("\n").splitlines()
    assert code == 0 and len(lines) == 1 + 10 + 1
    assert lines[-1] == "Showing the top 10 players only; `--limit 50` shows more."
    code, out, _ = run("leaderboard", "--db", db, "--limit", "50")
    assert code == 0 and "Showing the top" not in out and len(out.splitlines()) == 13


def test_a_board_that_fits_has_no_note_and_json_stays_a_plain_list(
    store: SQLAlchemyResultsStore, db: str
) -> None:
    for n in range(10):
        store.record(make_record(f"P{n:02d}", overall=float(n)))
    code, out, _ = run("leaderboard", "--db", db)
    assert code == 0 and "Showing the top" not in out
    store.record(make_record("P99", overall=99.0))
    code, out, _ = run("leaderboard", "--db", db, "--json")
    assert code == 0 and len(json.loads(out)) == 10


# -- sessions --------------------------------------------------------------------------
def test_session_list_shows_sessions_newest_first_with_result_counts(
    store: SQLAlchemyResultsStore, db: str
) -> None:
    store.start_session("Monday meeting", T0)
    store.record(make_record("Ann", minute=5))
    store.record(make_record("Bob", minute=6))
    store.end_session("Monday meeting", T0 + timedelta(hours=1))
    store.start_session("Tuesday 🎉", T0 + timedelta(days=1))
    code, out, err = run("session", "list", "--db", db)
    assert (code, err) == (0, "")
    lines = out.rstrip("\n").splitlines()
    assert lines[0].split() == ["Session", "Started", "(UTC)", "Ended", "(UTC)", "Results"]
    assert lines[1].startswith("Tuesday 🎉") and "still open" in lines[1]
    assert lines[1].rstrip().endswith(" 0")
    assert lines[2].startswith("Monday meeting") and "2024-05-01 09:00" in lines[2]
    assert lines[2].rstrip().endswith(" 2")
    code, out, _ = run("session", "list", "--db", db, "--json")
    assert json.loads(out) == [
        {
            "name": "Tuesday 🎉",
            "started_at": "2024-05-02T09:00:00Z",
            "ended_at": None,
            "results": 0,
        },
        {
            "name": "Monday meeting",
            "started_at": "2024-05-01T09:00:00Z",
            "ended_at": "2024-05-01T10:00:00Z",
            "results": 2,
        },
    ]


def test_session_list_of_a_new_database_says_how_to_start_one(db: str) -> None:
    code, out, _ = run("session", "list", "--db", db)
    assert code == 0 and out.startswith("No sessions yet; start one with")


@pytest.mark.parametrize(
    "command",
    [
        ["leaderboard", "--session", "Monday meting"],
        ["session", "end", "Monday meting"],
    ],
)
def test_a_mistyped_session_name_suggests_the_closest_one(
    store: SQLAlchemyResultsStore, db: str, command: list[str]
) -> None:
    store.start_session("Monday meeting", T0)
    code, out, err = run(*command, "--db", db)
    assert (code, out) == (1, "")
    assert "no session named 'Monday meting' (did you mean `Monday meeting`?)" in err
    assert "session start" not in err and len(err.strip().splitlines()) == 1


def test_the_report_suggests_the_closest_session_too(
    store: SQLAlchemyResultsStore, db: str, folder: Path, tmp_path: Path
) -> None:
    store.start_session("Monday meeting", T0)
    code, _, err = run(
        "report",
        "--scenario",
        "umbrella-stand",
        "--session",
        "Monday meting",
        "--scenarios",
        str(folder),
        "--db",
        db,
        "-o",
        str(tmp_path / "report.html"),
    )
    assert code == 1 and "did you mean `Monday meeting`?" in err


# -- the export keeps the meeting ---------------------------------------------------------
def test_an_export_names_the_session_and_module_of_every_result(
    db: str, folder: Path, tmp_path: Path
) -> None:
    """Results played through `rapport play` during a session, exported row by row."""
    assert run("session", "start", "Monday meeting", "--db", db)[0] == 0
    plays = [("Ann", "2,2,1"), ("Bob", "1,1,1"), ("Ann", "1,1,1")]
    for player, choice in plays:
        code, _, err = run(
            "play",
            "umbrella-stand",
            "--scenarios",
            str(folder),
            "--choices",
            choice,
            "--player",
            player,
            "--db",
            db,
        )
        assert code == 0, err
    code, out, _ = run("session", "end", "Monday meeting", "--db", db)
    assert code == 0 and "with 3 results" in out
    # A result played after the meeting, and one recorded under another session's name.
    assert (
        run(
            "play",
            "umbrella-stand",
            "--scenarios",
            str(folder),
            "--choices",
            "1,1,1",
            "--player",
            "Cy",
            "--db",
            db,
        )[0]
        == 0
    )
    target = tmp_path / "export.csv"
    code, out, err = run(
        "results", "export", "--csv", str(target), "--db", db, "--scenarios", str(folder)
    )
    assert (code, err) == (0, "") and "Exported 4 results" in out
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(r["player"], r["session"], r["module"]) for r in rows] == [
        ("Ann", "Monday meeting", "first-week"),
        ("Bob", "Monday meeting", "first-week"),
        ("Ann", "Monday meeting", "first-week"),
        ("Cy", "", "first-week"),
    ]
    choices = ["2,2,1", "1,1,1", "1,1,1", "1,1,1"]
    for row, played in zip(rows, choices, strict=True):
        code, out, _ = run(
            "play", "umbrella-stand", "--scenarios", str(folder), "--choices", played, "--json"
        )
        expected = json.loads(out)
        assert row["scenario"] == "umbrella-stand"
        assert json.loads(row["decisions"]) == [int(c) for c in played.split(",")]
        assert (row["ending"], row["outcome"]) == (expected["ending"], expected["outcome"])
        assert float(row["overall"]) == expected["overall"]
        assert json.loads(row["path"]) == expected["path"]
        assert row["content_hash"] and row["played_at"].endswith("Z")


# -- the xAPI export ------------------------------------------------------------------------
def play_in_terminal(folder: Path, db: str, player: str, choices: str) -> None:
    code, _, err = run(
        "play",
        "umbrella-stand",
        "--scenarios",
        str(folder),
        "--choices",
        choices,
        "--player",
        player,
        "--db",
        db,
    )
    assert code == 0, err


def read_jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_the_xapi_export_is_the_statements_live_delivery_queued(
    db: str, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Played with an LRS set but down: the export holds exactly what waits to be sent."""
    from game.lrs.delivery import open_outbox
    from game.lrs.validation import problems
    from tests.lrs.lrs_server import free_port

    endpoint = f"http://127.0.0.1:{free_port()}/xapi/"
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAPPORT_LRS", endpoint)
    play_in_terminal(folder, db, "Ann", "2,2,1")
    play_in_terminal(folder, db, "Bob", "1,1,1")
    queued = [s for q in open_outbox(endpoint).pending.entries() for s in q.item.statements]
    target = tmp_path / "statements.jsonl"
    code, out, err = run(
        "results", "export", "--xapi", str(target), "--db", db, "--scenarios", str(folder)
    )
    assert (code, err) == (0, "")
    exported = read_jsonl(target.read_text(encoding="utf-8"))
    assert f"Exported {len(exported)} statements from 2 results to {target}." in out
    assert sorted(exported, key=lambda s: str(s["id"])) == sorted(
        queued, key=lambda s: str(s["id"])
    )
    assert all(problems(s) == [] for s in exported)
    verbs = [str(s["verb"]["id"]).rsplit("/", 1)[1] for s in exported]  # type: ignore[index]
    # One scenario in its module: a decision each, the ending, the scenario's and the
    # module's verdict (each player has now played every scenario of the module).
    assert verbs == ["answered"] * 3 + ["completed", "passed", "passed"] + (
        ["answered"] * 3 + ["completed", "failed", "failed"]
    )


def test_the_xapi_export_leaves_out_results_of_an_edited_scenario_and_says_which(
    store: SQLAlchemyResultsStore, db: str, folder: Path, tmp_path: Path
) -> None:
    play_in_terminal(folder, db, "Ann", "2,2,1")
    scenario = folder / "umbrella-stand.yaml"
    scenario.write_text(EXAMPLE.replace("Umbrella", "Brolly", 1), encoding="utf-8")
    play_in_terminal(folder, db, "Bob", "1,1,1")
    [old, new] = list(store.all_results())
    code, out, err = run("results", "export", "--xapi", "-", "--db", db, "--scenarios", str(folder))
    assert code == 0, err
    exported = read_jsonl(out)
    registrations = {s["context"].get("registration") for s in exported}  # type: ignore[attr-defined]
    assert registrations - {None} == {str(uuid.UUID(new.id))}  # a module verdict has none
    assert f"Exported {len(exported)} statements from 1 result." in err
    assert "Left out 1 result that cannot be described decision by decision" in err
    assert f"result {old.id} (umbrella-stand): scenario 'umbrella-stand' has changed" in err
    assert "rapport results export --csv" in err


def test_the_xapi_export_names_players_as_the_lrs_settings_say(
    db: str, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    play_in_terminal(folder, db, "Ann", "2,2,1")
    monkeypatch.setenv("RAPPORT_LRS_IDENTITY", "pseudonym")
    monkeypatch.setenv("RAPPORT_LRS_PSEUDONYM_KEY", "a-key-of-at-least-16-characters")
    code, out, err = run("results", "export", "--xapi", "-", "--db", db, "--scenarios", str(folder))
    assert code == 0, err
    actors = {json.dumps(s["actor"]) for s in read_jsonl(out)}
    assert len(actors) == 1 and "Ann" not in actors.pop()
    monkeypatch.setenv("RAPPORT_LRS_PSEUDONYM_KEY", "short")
    code, _, err = run("results", "export", "--xapi", "-", "--db", db, "--scenarios", str(folder))
    assert code == 1 and err.startswith("Error: --xapi:") and "short" not in err
