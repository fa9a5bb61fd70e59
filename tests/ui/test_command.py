"""The window's one command line: `rapport window` and the `run.py` shim take the same options."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.ui.command import run, window_command

ROOT = Path(__file__).resolve().parents[2]


def options(help_text: str) -> set[str]:
    return set(re.findall(r"--[a-z-]+", help_text))


def test_rapport_window_and_run_py_offer_the_same_options() -> None:
    from_rapport = CliRunner().invoke(cli, ["window", "--help"])
    assert from_rapport.exit_code == 0
    from_run_py = subprocess.run(
        [sys.executable, "run.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert from_run_py.returncode == 0
    expected = {p.opts[-1] for p in window_command.params if p.opts[-1] != "--help"}
    assert expected <= options(from_rapport.stdout)
    assert options(from_rapport.stdout) == options(from_run_py.stdout)
    assert "Usage: run.py" in from_run_py.stdout


def test_a_mistake_is_a_usage_error_in_both() -> None:
    result = CliRunner().invoke(cli, ["window", "--size", "big"])
    assert result.exit_code == 2 and "--size expects WIDTHxHEIGHT" in result.stderr
    assert run(["--size", "big"]) == 2


def test_run_py_says_a_mistake_in_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--mode", "relaxed"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("run.py: ") and err.count("\n") == 1 and "--mode" in err


def test_the_windows_own_checks_keep_their_exit_status() -> None:
    result = CliRunner().invoke(
        cli, ["window", "--meeting", "--scenario", "loaner-counter", "--module", "basics"]
    )
    assert result.exit_code == 2 and "not both" in result.stderr
