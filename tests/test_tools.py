"""A test that needs a missing program is skipped with the install command; in CI it fails."""

from __future__ import annotations

import pytest

from tests import tools

ABSENT = tools.Tool("Frobnicator", lambda: False, "sudo apt-get install frobnicator")


def test_a_missing_program_skips_with_its_name_and_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(tools.TOOLS, "frob", ABSENT)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        tools.require("frob")
    assert "Frobnicator" in str(skipped.value)
    assert "`sudo apt-get install frobnicator`" in str(skipped.value)


def test_in_ci_a_missing_program_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(tools.TOOLS, "frob", ABSENT)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Frobnicator"):
        tools.require("frob")


def test_a_program_that_is_there_lets_the_test_run(monkeypatch: pytest.MonkeyPatch) -> None:
    present = tools.Tool("Here", lambda: True, "nothing")
    monkeypatch.setitem(tools.TOOLS, "here", present)
    tools.require("here")  # no skip, no failure
