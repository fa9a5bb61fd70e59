"""Programs outside Python that some tests need, and what to do when one is missing.

`make test` installs them (scripts/install-system-deps.sh) and starts a
throwaway PostgreSQL server. Where that cannot be done (no root, another
system), a test that needs a missing program is skipped with a reason that
names the program and the command that installs it, and the run ends with a
summary of them (tests/conftest.py). In CI (`CI=true`) a missing program is a
failure instead: CI must prove the whole suite.

Use the `needs` marker (`@pytest.mark.needs("graphviz")`) on a test, or call
`require("graphviz")` in a fixture.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

POSTGRES_ENV = "RAPPORT_TEST_POSTGRES_URL"  # the test server's URL (scripts/test-postgres.sh)
RALPH_VENV_ENV = "RALPH_VENV"  # where scripts/ralph-venv.sh made Ralph's venv, if not .venv-ralph
ROOT = Path(__file__).resolve().parents[1]
SKIP_PREFIX = "needs "  # every missing-program skip reason starts so (the summary finds them)


@dataclass(frozen=True)
class Tool:
    name: str  # as a person knows it
    found: Callable[[], bool]
    install: str  # the command that installs it on Debian or Ubuntu
    missing: str = "is not installed"

    def reason(self) -> str:
        return f"{SKIP_PREFIX}{self.name}, which {self.missing}: install it with `{self.install}`"


def chromium_path() -> str | None:
    """Debian's Chromium (or Ubuntu's chromium-browser), if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def ralph_python() -> Path | None:
    """The Python of Ralph's own virtual environment (scripts/ralph-venv.sh), if made."""
    venv = Path(os.environ.get(RALPH_VENV_ENV) or ROOT / ".venv-ralph")
    python = venv / "bin" / "python"
    return python if python.is_file() and (venv / ".rapport-pins").is_file() else None


TOOLS: dict[str, Tool] = {
    "graphviz": Tool(
        "Graphviz (the `dot` program)",
        lambda: shutil.which("dot") is not None,
        "sudo apt-get install graphviz",
    ),
    "chromium": Tool(
        "Chromium",
        lambda: chromium_path() is not None,
        "sudo apt-get install chromium",
    ),
    "espeak-ng": Tool(
        "espeak-ng (speech for reading aloud)",
        lambda: shutil.which("espeak-ng") is not None,
        "sudo apt-get install espeak-ng",
    ),
    "xvfb": Tool(
        "Xvfb and xprop (a virtual X server and its window inspector)",
        lambda: shutil.which("Xvfb") is not None and shutil.which("xprop") is not None,
        "sudo apt-get install xvfb x11-utils",
    ),
    "postgresql": Tool(
        "a PostgreSQL server",
        lambda: bool(os.environ.get(POSTGRES_ENV)),
        "sudo apt-get install postgresql",
        f"was not found (`make test` starts one when it is installed; or set {POSTGRES_ENV})",
    ),
    "ralph": Tool(
        "Ralph, a Learning Record Store",
        lambda: ralph_python() is not None,
        "scripts/ralph-venv.sh",
        "is not installed in its own virtual environment (.venv-ralph)",
    ),
}


def strict() -> bool:
    """In CI a missing program fails the test: every test must run there."""
    return os.environ.get("CI", "").lower() == "true"


def require(key: str) -> None:
    """Skip (fail, in CI) the running test when the program `key` of TOOLS is missing."""
    tool = TOOLS[key]
    if tool.found():
        return
    if strict():
        pytest.fail(f"CI: {tool.reason()}", pytrace=False)
    pytest.skip(tool.reason())
