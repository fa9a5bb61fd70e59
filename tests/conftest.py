"""Suite-wide hooks: tests that need a program outside Python, and the summary of them; a
scenario cache of its own for every test, so that no test reads what another one left; and no
Learning Record Store from the environment the suite runs in."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from game.lrs.config import ENVIRONMENT as LRS_ENVIRONMENT
from tests.tools import TOOLS, require, strict


def pytest_configure(config: pytest.Config) -> None:
    names = ", ".join(sorted(TOOLS))
    config.addinivalue_line(
        "markers", f"needs(program): the test needs a program outside Python (one of {names})"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("needs"):
        for key in marker.args:
            require(key)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """After the run: why tests were skipped, how many each reason cost, and what to do."""
    reasons: Counter[str] = Counter()
    skipped = terminalreporter.stats.get("skipped", [])
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    if not reasons:
        return
    terminalreporter.section("skipped tests", sep="-")
    for reason, count in reasons.most_common():
        tests = "test" if count == 1 else "tests"
        terminalreporter.write_line(f"{count} {tests}: {reason}")
    if strict():
        terminalreporter.write_line(
            f"CI: {len(skipped)} skipped; every test must run in CI", red=True
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test fails the run (it would otherwise hide what was not checked)."""
    if not strict() or exitstatus != 0 or hasattr(session.config, "workerinput"):
        return  # (xdist workers report to the controller, which decides)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def private_scenario_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The loader's reload cache in a fresh folder (beside, not in, the test's tmp_path)."""
    folder = tmp_path_factory.mktemp("scenario-cache")
    monkeypatch.setenv("RAPPORT_CACHE", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_lrs_from_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """Statements go only where a test sends them, never to an LRS set in the caller's shell."""
    for variable in LRS_ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)
