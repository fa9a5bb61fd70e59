"""The team report: its facts from a real results database, the page, and the page in a browser."""

from __future__ import annotations

import html
import re
import struct
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.core.model import COMPETENCIES
from game.store import ResultRecord, ResultsStore, open_store
from game.store.recording import record_playthrough
from game.trainer.graph import TIMER_INDEX
from game.trainer.report import TeamReport, build_report, render_html
from tests.tools import chromium_path
from tests.trainer.support import LOANER, load, write

T0 = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
MADE = datetime(2025, 3, 4, 11, 0, tzinfo=UTC)
SCRIPT_NAME = "<script>alert('x')</script>"
PLAYS: list[tuple[str, list[int | str]]] = [
    ("Ann", [2, 1]),  # asks, then offers the test drive: the best play
    ("Ben", [1]),  # hands over the keys
    ("Ben", [2, 2]),  # later: asks, then lets the chance go
    ("Chloé", ["t"]),  # says nothing
    (SCRIPT_NAME, [1]),
]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'results.db'}"


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[ResultsStore]:
    opened = open_store(db_url, outbox_path=tmp_path / "outbox")
    scenario, analysis = load()
    for minute, (player, decisions) in enumerate(PLAYS):
        outcome = record_playthrough(
            opened,
            scenario,
            analysis.ranges,
            decisions,
            player=player,
            seconds=100.0 + minute,
            module=None,
            played_at=T0 + timedelta(minutes=minute),
            result_id=uuid.uuid4().hex,
        )
        assert outcome.stored, outcome.message
    yield opened
    opened.close()


@pytest.fixture
def records(store: ResultsStore) -> list[ResultRecord]:
    return store.results_for("loaner")


def team(
    records: list[ResultRecord], *, pass_percent: float = 60.0, session: str | None = None
) -> TeamReport:
    scenario, analysis = load()
    return build_report(
        scenario, analysis, records, pass_percent=pass_percent, session=session, generated_at=MADE
    )


# -- the facts -----------------------------------------------------------------------
def test_each_player_appears_once_with_their_best_play(records: list[ResultRecord]) -> None:
    report = team(records)
    assert report.plays == 5
    assert sorted(p.player for p in report.players) == sorted({"Ann", "Ben", "Chloé", SCRIPT_NAME})
    ben = next(p for p in report.players if p.player == "Ben")
    assert ben.plays == 2 and ben.best.ending == "nice_day"
    assert report.players[0].player == "Ann" and report.players[0].best.overall == 100.0


def test_weakest_competency_has_the_lowest_team_mean(records: list[ResultRecord]) -> None:
    report = team(records)
    bests = {p.player: p.best for p in report.players}
    means = {}
    for position, name in enumerate(COMPETENCIES):
        values = [b.percent[position] for b in bests.values() if b.percent[position] is not None]
        means[name] = round(sum(v for v in values if v is not None) / len(values), 1)
    assert report.means == tuple(means[name] for name in COMPETENCIES)
    assert report.weakest == min(means, key=lambda name: means[name])


def test_choices_are_counted_once_per_player(records: list[ResultRecord]) -> None:
    report = team(records)
    assert report.traffic == {
        ("arrive", 0): 2,  # Ben and the script
        ("arrive", 1): 2,  # Ann and Ben
        ("arrive", TIMER_INDEX): 1,  # Chloé
        ("picks", 0): 1,
        ("picks", 1): 1,
    }
    arrive = next(d for d in report.decisions if d.node == "arrive")
    assert [(c.index, c.players) for c in arrive.choices] == [(0, 2), (1, 2), (TIMER_INDEX, 1)]


def test_most_common_wrong_turn_is_the_most_taken_choice_that_was_not_best(
    records: list[ResultRecord],
) -> None:
    turn = team(records).wrong_turn
    assert turn is not None
    assert (turn.node, turn.players) == ("arrive", 2)
    assert turn.taken_text == "Here are your keys. They're all the same."
    assert turn.best_text == "Which of the cars out front would you like to drive today?"
    assert turn.feedback == "Sameness ignores what she loves."


def test_not_passed_uses_the_pass_mark(records: list[ResultRecord]) -> None:
    default = team(records)
    assert default.pass_percent == 60.0
    assert {p.player for p in default.not_passed} == {
        p.player for p in default.players if (p.best.overall or 0) < 60
    }
    assert "Ann" not in {p.player for p in default.not_passed}
    strict = team(records, pass_percent=100.0)
    assert {p.player for p in strict.not_passed} == {"Ben", "Chloé", SCRIPT_NAME}


def test_plays_that_no_longer_fit_the_scenario_are_left_out_of_the_choice_counts(
    records: list[ResultRecord],
) -> None:
    stale = replace(records[0], id=uuid.uuid4().hex, player="Dan", decisions=(5,))
    report = team([*records, stale])
    assert report.unmatched_plays == 1
    assert "Dan" in {p.player for p in report.players}
    assert "earlier version of the scenario" in render_html(report, load()[1], with_graph=False)


# -- the page --------------------------------------------------------------------------
@pytest.fixture
def page(records: list[ResultRecord]) -> str:
    return render_html(team(records, session="Tuesday team"), load()[1])


def test_page_is_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"<(?:script|link|iframe|img)\b", page, flags=re.I)
    assert "@import" not in page
    assert not re.search(r"url\((?!#|data:)", page)  # only references inside the page
    assert "default-src 'none'" in page


def test_page_escapes_player_names(page: str) -> None:
    assert SCRIPT_NAME not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.needs("graphviz")
def test_page_has_the_table_the_charts_and_the_choice_map(page: str) -> None:
    assert page.count("<svg") == 3
    assert 'aria-label="overall-chart"' in page and 'aria-label="competency-chart"' in page
    assert 'aria-label="Choice map"' in page
    charts = page.split('aria-label="overall-chart"')[1].split("</svg>")[0]
    assert re.search(r"<text[^>]*>[^<]*Ann", charts)  # text stays text, not glyph paths
    assert "<td>Ann</td>" in page and "<td>Chloé</td>" in page
    assert "2 players" in page.split('aria-label="Choice map"')[1]
    assert "session Tuesday team" in page


def test_page_names_the_weakest_competency_the_wrong_turn_and_who_has_not_passed(
    records: list[ResultRecord], page: str
) -> None:
    report = team(records)
    assert report.weakest is not None
    cards = page.split('aria-label="Summary"')[1].split("</section>")[0]
    assert report.weakest.capitalize() in cards
    assert "The most common wrong turn" in page
    assert "2 players chose" in page and "Here are your keys." in page
    missing = html.unescape(page.split("<h2>Not passed yet</h2>")[1].split("</section>")[0])
    assert report.not_passed
    for line in report.not_passed:
        assert f"<strong>{line.player}</strong>" in missing


def test_page_falls_back_to_a_table_without_graphviz(
    records: list[ResultRecord], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    page = render_html(team(records), load()[1])
    assert "Choice map" not in page and "Install Graphviz" in page
    assert '<table class="choices">' in page
    assert "Which of the cars out front" in page


def test_page_without_results_is_a_friendly_empty_state() -> None:
    page = render_html(team([], session="Monday"), load()[1])
    assert "No results yet in session Monday" in page
    assert "rapport play loaner --player NAME" in page
    assert "<svg" not in page


@pytest.mark.needs("graphviz")
def test_every_choice_a_player_can_see_is_in_the_table(page: str) -> None:
    scenario, _ = load()
    table = page.split("<details>")[1]
    for node in scenario.nodes.values():
        for choice in node.choices:
            assert choice.text.replace("'", "&#x27;") in table


# -- names in every script -----------------------------------------------------------
WORLD_NAMES = (
    "美咲",
    "王小明",
    "陳志明",
    "김민준",
    "สมชาย",
    "محمد علي",
    "דוד כהן",
    "अर्जुन",
    "Ana 👍🏽",
)


@pytest.fixture
def world_page(records: list[ResultRecord]) -> str:
    named = [
        replace(record, id=uuid.uuid4().hex, player=name)
        for record, name in zip(records * 3, WORLD_NAMES, strict=False)
    ]
    return render_html(team(named, session="東京 team"), load()[1], with_graph=False)


def embedded_cmaps(page: str) -> dict[str, frozenset[int]]:
    """The character maps of the fonts embedded in the page, read back from their data."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    found = {}
    for family, data in re.findall(
        r'font-family: "([^"]+)"; src: url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)', page
    ):
        with TTFont(io.BytesIO(base64.b64decode(data))) as font:
            found[family] = frozenset(font.getBestCmap())
    return found


def test_names_in_every_script_have_their_glyphs_in_the_page(world_page: str) -> None:
    from game.fonts import FONTS_DIR, Coverage

    cmaps = embedded_cmaps(world_page)
    assert set(cmaps) == {
        "Rapport Noto CJK",
        "Rapport Noto Thai",
        "Rapport Noto Arabic",
        "Rapport Noto Hebrew",
        "Rapport Noto Devanagari",
        "Rapport Noto Emoji",
    }
    inter = Coverage.load(FONTS_DIR).characters("Inter-Regular.otf")
    every = frozenset().union(*cmaps.values())
    for name in [*WORLD_NAMES, "東京"]:
        assert html.escape(name, quote=False) in world_page
        missing = [c for c in name if ord(c) not in inter and ord(c) not in every]
        assert not missing, (name, missing)
    assert "font-src data:" in world_page
    stack = re.search(r"body, svg text \{ font-family: ([^}]*) !important; \}", world_page)
    assert stack is not None and '"Rapport Noto CJK"' in stack.group(1)


def test_a_page_in_latin_letters_embeds_no_font(page: str) -> None:
    assert "@font-face" not in page
    assert "Rapport Noto" not in page


def test_a_page_embeds_only_the_fonts_it_needs_cut_to_its_characters(
    records: list[ResultRecord],
) -> None:
    names = ("محمد علي", "فاطمة")
    named = [
        replace(record, id=uuid.uuid4().hex, player=name)
        for record, name in zip(records, names, strict=False)
    ]
    page = render_html(team(named), load()[1], with_graph=False)
    cmaps = embedded_cmaps(page)
    assert set(cmaps) == {"Rapport Noto Arabic"}
    letters = {ord(c) for name in names for c in name if not c.isspace()}
    assert cmaps["Rapport Noto Arabic"] == letters  # every letter shown, no other
    ranges = re.search(
        r'"Rapport Noto Arabic"; src: url\([^)]*\) [^;]*; unicode-range: ([^;]*);', page
    )
    assert ranges is not None
    spans = [
        (int(a, 16), int(b or a, 16))
        for a, b in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", ranges.group(1))
    ]
    assert {c for a, b in spans for c in range(a, b + 1)} == letters
    woff = re.search(r"data:font/woff;base64,([A-Za-z0-9+/=]+)", page)
    assert woff is not None and len(woff.group(1)) < 20_000  # a cut, not the whole font


def test_chart_labels_are_measured_with_the_letters_of_their_script(
    records: list[ResultRecord],
) -> None:
    import warnings

    from game.trainer.report import overall_chart

    named = [
        replace(record, id=uuid.uuid4().hex, player=name)
        for record, name in zip(records * 3, WORLD_NAMES, strict=False)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of each glyph its fonts lack
        svg = overall_chart(team(named))
    for name in WORLD_NAMES:
        assert f">{html.escape(name, quote=False)}<" in svg


# -- in a real browser ---------------------------------------------------------------
def chromium() -> str:
    found = chromium_path()
    assert found, "the needs marker guarantees Chromium"
    return found


def screenshot(html_path: Path, png: Path, profile: Path) -> None:
    subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1280,2000",
            html_path.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.needs("chromium")
def test_report_renders_in_a_real_browser(page: str, tmp_path: Path) -> None:
    html_path = tmp_path / "report.html"
    html_path.write_text(page, encoding="utf-8")
    png = tmp_path / "report.png"
    screenshot(html_path, png, tmp_path / "profile")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a blank page of this size compresses to a few kilobytes

    from matplotlib.image import imread

    pixels = imread(str(png))
    colours = {tuple(p) for p in pixels[::16, ::16, :3].reshape(-1, 3).round(2).tolist()}
    assert len(colours) > 40  # text, charts and the header, not one flat colour


@pytest.mark.needs("chromium")
def test_a_browser_draws_names_in_every_script_with_the_embedded_fonts(
    world_page: str, tmp_path: Path
) -> None:
    html_path = tmp_path / "world.html"
    html_path.write_text(world_page, encoding="utf-8")
    pdf = tmp_path / "world.pdf"
    subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html_path.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    # A PDF names each font the browser drew with ("ABCDEF+NotoSansThai-Regular").
    drawn_with = set(re.findall(rb"/FontName /[A-Z]{6}\+([A-Za-z0-9-]+)", pdf.read_bytes()))
    # The page puts its embedded fonts first, before any the system has.
    for face in (
        b"NotoSansCJKsc",
        b"NotoSansArabic",
        b"NotoSansHebrew",
        b"NotoSansThai",
        b"NotoSansDevanagari",
        b"NotoColorEmoji",
    ):
        assert any(name.startswith(face) for name in drawn_with), (face, drawn_with)


# -- the command -------------------------------------------------------------------------
def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_report_command_writes_the_page(store: ResultsStore, db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write(folder)
    out_path = tmp_path / "report.html"
    code, out, err = run(
        "report",
        "--scenario",
        "loaner",
        "--scenarios",
        str(folder),
        "--db",
        db_url,
        "-o",
        str(out_path),
    )
    assert code == 0, err
    assert out.strip() == f"Wrote {out_path}: 4 players, 5 plays."
    page = out_path.read_text(encoding="utf-8")
    assert "The Loaner Desk" in page and "pass mark 60% overall" in page


def test_report_uses_the_pass_mark_of_the_module(
    store: ResultsStore, db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write(folder)
    (folder / "modules.yaml").write_text(
        "format: 1\nmodules:\n  - id: cars\n    title: Cars\n    scenarios: [loaner]\n"
        "    pass_percent: 90\n",
        encoding="utf-8",
    )
    out_path = tmp_path / "report.html"
    code, _, err = run(
        "report",
        "--scenario",
        "loaner",
        "--scenarios",
        str(folder),
        "--db",
        db_url,
        "-o",
        str(out_path),
    )
    assert code == 0, err
    assert "pass mark 90% overall" in out_path.read_text(encoding="utf-8")


def test_report_of_a_session(store: ResultsStore, db_url: str, tmp_path: Path) -> None:
    store.start_session("Late", T0 + timedelta(minutes=3, seconds=30))
    path = write(tmp_path)
    out_path = tmp_path / "late.html"
    code, out, _ = run(
        "report", "--scenario", str(path), "--session", "Late", "--db", db_url, "-o", str(out_path)
    )
    assert code == 0
    assert "1 player, 1 play" in out  # only the last play falls in the session


def test_report_of_an_unknown_session_exits_1_in_one_sentence(
    store: ResultsStore, db_url: str, tmp_path: Path
) -> None:
    code, _, err = run(
        "report",
        "--scenario",
        str(write(tmp_path)),
        "--session",
        "Nope",
        "--db",
        db_url,
        "-o",
        str(tmp_path / "r.html"),
    )
    assert code == 1
    assert err.strip().startswith("Error: there is no session named 'Nope'")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def test_report_with_nobody_played_says_so(db_url: str, tmp_path: Path) -> None:
    out_path = tmp_path / "r.html"
    code, out, _ = run(
        "report", "--scenario", str(write(tmp_path)), "--db", db_url, "-o", str(out_path)
    )
    assert code == 0 and "nobody has played loaner yet" in out
    assert "No results yet" in out_path.read_text(encoding="utf-8")


def test_report_needs_an_output_file(tmp_path: Path) -> None:
    code, _, _ = run("report", "--scenario", str(write(tmp_path)))
    assert code == 2


def test_report_with_a_bad_database_url_exits_1(tmp_path: Path) -> None:
    code, _, err = run(
        "report",
        "--scenario",
        str(write(tmp_path)),
        "--db",
        "nosuch://x",
        "-o",
        str(tmp_path / "r.html"),
    )
    assert code == 1 and "Traceback" not in err


def test_report_of_a_broken_scenario_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, LOANER.replace("start: arrive", "start: nowhere"))
    code, _, err = run("report", "--scenario", str(path), "-o", str(tmp_path / "r.html"))
    assert code == 1 and "nowhere" in err


def test_the_map_is_left_out_with_a_reason_when_graphviz_runs_out_of_time(
    store: ResultsStore, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.trainer import report as report_module
    from tests.trainer.test_graph import slow_dot

    monkeypatch.setattr(report_module, "TIME_LIMIT_S", 0.5)
    folder = tmp_path / "scenarios"
    folder.mkdir()
    write(folder)
    monkeypatch.setenv("PATH", slow_dot(tmp_path))
    out_path = tmp_path / "report.html"
    args = ["--scenario", "loaner", "--scenarios", str(folder), "--db", db_url]
    code, out, err = run("report", *args, "-o", str(out_path))
    assert code == 0, err
    assert out.strip() == f"Wrote {out_path}: 4 players, 5 plays."
    assert err.strip() == (
        "Note: The choice map was left out: Graphviz did not finish drawing the 6 nodes "
        "within 0.5 s. The table below has the same counts."
    )
    page = out_path.read_text(encoding="utf-8")
    assert "The choice map was left out" in page and "Choice map" not in page
    assert '<table class="choices">' in page


def test_most_missed_opportunity_names_the_cue_most_players_passed_over(tmp_path: Path) -> None:
    from game.loader import DEFAULT_SCENARIOS_DIR, load_scenario

    loaded = load_scenario(DEFAULT_SCENARIOS_DIR / "loaner-counter.yaml")
    scenario, analysis = loaded.scenario, loaded.analysis
    assert scenario is not None and analysis is not None and analysis.ranges is not None
    opened = open_store(f"sqlite:///{tmp_path / 'r.db'}", outbox_path=tmp_path / "outbox")
    plays: list[tuple[str, list[int | str]]] = [
        ("Ann", [4, 4, 1, 3, 1, 3]),  # asks about the coupe: nothing missed
        ("Ben", [4, 1, 1, 2, 1, 3]),  # "the next key on the board", then asks why
        ("Chloé", [4, 1, 1, 2, 1, 2]),  # the same, then the protection package
    ]
    for minute, (player, decisions) in enumerate(plays):
        outcome = record_playthrough(
            opened,
            scenario,
            analysis.ranges,
            decisions,
            player=player,
            seconds=60.0,
            module=None,
            played_at=T0 + timedelta(minutes=minute),
            result_id=uuid.uuid4().hex,
        )
        assert outcome.stored, outcome.message
    report = build_report(
        scenario, analysis, opened.results_for("loaner-counter"), generated_at=MADE
    )
    opened.close()
    missed = report.missed
    assert missed is not None
    assert (missed.node, missed.players) == ("asks_black", 2)
    assert missed.text.startswith("With your lease ending, take the new model today.")
    assert missed.unlock_node == "dana_arrives"
    assert "black coupe" in missed.unlock_text
    page = render_html(report, analysis, with_graph=False)
    section = html.unescape(page.split("<h2>The most missed opportunity</h2>")[1])
    section = section.split("</section>")[0]
    assert "2 players never saw this choice" in section
    assert "Is that your black coupe" in section and "With your lease ending" in section


def test_page_says_when_no_cue_was_missed(records: list[ResultRecord]) -> None:
    report = team(records)
    assert report.missed is None
    page = render_html(report, load()[1], with_graph=False)
    assert "None: no player missed a cue that would have opened a better choice." in page
