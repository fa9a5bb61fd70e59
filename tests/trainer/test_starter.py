"""`rapport new`: a starter that validates strictly, plays, and teaches the format."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.core.decisions import play_decisions
from game.loader import load_scenario
from game.trainer.starter import StarterError, check_id, suggest_id, write_starter


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_new_writes_a_starter_that_validates_with_strict(tmp_path: Path) -> None:
    code, out, _ = run("new", "gift-shop", "-o", str(tmp_path))
    assert code == 0
    path = tmp_path / "gift-shop.yaml"
    assert path.is_file()
    assert f"Wrote {path}" in out
    code, out, _ = run("validate", "--strict", str(path))
    assert (code, out.strip()) == (0, "All good: no errors, no warnings.")


def test_starter_has_every_piece_a_trainer_grows_from(tmp_path: Path) -> None:
    path = write_starter("gift-shop", tmp_path)
    report = load_scenario(path)
    assert report.diagnostics == []
    scenario, analysis = report.scenario, report.analysis
    assert scenario is not None and analysis is not None
    assert scenario.id == "gift-shop" and scenario.source is not None
    choices = [c for node in scenario.nodes.values() for c in node.choices]
    assert any(c.condition is not None for c in choices)
    assert all(c.feedback for c in choices)
    assert any(node.timer is not None for node in scenario.nodes.values())
    outcomes = sorted(outcome for outcome, reachable in analysis.endings.values() if reachable)
    assert outcomes == ["failure", "partial", "success"]
    assert analysis.ranges is not None and all(r.assessed for r in analysis.ranges)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert sum(1 for line in text.splitlines() if line.strip().startswith("#")) >= 6


def test_starter_plays_to_its_best_ending(tmp_path: Path) -> None:
    run("new", "gift-shop", "-o", str(tmp_path))
    report = load_scenario(tmp_path / "gift-shop.yaml")
    assert report.scenario is not None and report.analysis is not None
    best = report.analysis.best
    assert best is not None
    choices = ",".join(str(d) for d in best)
    code, out, _ = run("play", str(tmp_path / "gift-shop.yaml"), "--choices", choices, "--text")
    assert code == 0
    assert "(success)" in out
    ending = play_decisions(report.scenario, list(best), to_ending=False).ending
    assert ending is not None and ending.outcome == "success"


@pytest.mark.needs("graphviz")
def test_new_prints_three_next_commands_that_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("new", "gift-shop")
    assert code == 0
    commands = [line.strip() for line in out.splitlines() if line.startswith("  rapport ")]
    assert [c.split()[1] for c in commands] == ["validate", "play", "graph"]
    for command in commands:
        args = shlex.split(command)[1:]
        if args[0] == "play":
            args += ["--choices", "2,1"]  # the listed command is interactive
        code, _, err = run(*args)
        assert code == 0, err
    assert (tmp_path / "gift-shop.svg").is_file()


@pytest.mark.parametrize("bad", ["Gift Shop", "-gift", "gift_shop", "", "é", "a" * 65])
def test_new_refuses_an_invalid_id_in_one_sentence(tmp_path: Path, bad: str) -> None:
    code, out, err = run("new", "-o", str(tmp_path), "--", bad)
    assert code == 1
    assert out == ""
    message = err.strip()
    assert message.startswith("Error: ") and "\n" not in message
    assert "Traceback" not in err
    assert re.search(r"for example `[a-z0-9][a-z0-9-]*`", message)
    assert list(tmp_path.iterdir()) == []


def test_new_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "gift-shop.yaml"
    path.write_text("mine\n", encoding="utf-8")
    code, _, err = run("new", "gift-shop", "-o", str(tmp_path))
    assert code == 1
    assert "already exists" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == "mine\n"


def test_new_refuses_a_missing_folder_as_report_graph_and_export_do(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    code, out, err = run("new", "x1", "-o", str(folder))
    assert code == 1 and out == ""
    assert err.strip() == (
        f"Error: the folder {folder} does not exist; create it or choose another -o"
    )
    assert not (tmp_path / "a").exists()
    # The other commands that write a file say it the same way.
    for command in (
        ["graph", "x1", "-o", str(folder / "x1.svg")],
        ["report", "--scenario", "x1", "-o", str(folder / "r.html")],
        ["results", "export", "--csv", str(folder / "r.csv")],
    ):
        code, _, other = (
            run(*command, "--scenarios", str(tmp_path))
            if command[0] != "results"
            else run(*command)
        )
        assert code == 1 and f"the folder {folder} does not exist; create it" in other, command
    folder.mkdir(parents=True)
    code, _, _ = run("new", "x1", "-o", str(folder))
    assert code == 0 and (folder / "x1.yaml").is_file()


def test_new_refuses_a_file_given_as_the_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    code, _, err = run("new", "x1", "-o", str(tmp_path / "notes.txt"))
    assert code == 1 and "is a file, not a folder" in err


def test_new_without_an_id_is_a_usage_error() -> None:
    code, _, _ = run("new")
    assert code == 2


def test_suggested_ids_are_valid() -> None:
    assert suggest_id("My Shop!") == "my-shop"
    assert suggest_id("***") == "my-scenario"
    for text in ("My Shop!", "***", "x" * 100, "Ünïcode café"):
        assert check_id(suggest_id(text)) == suggest_id(text)
    with pytest.raises(StarterError):
        check_id("My Shop")
