"""The diagnostics doc cannot rot: every code used is documented, and the reverse.

The format doc's examples are run by tests/test_docs.py.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIAGNOSTICS = ROOT / "docs" / "diagnostics.md"
FORMAT = ROOT / "docs" / "scenario-format.md"
CODE = re.compile(r"\bRP\d{3}\b")


def _documented() -> dict[str, str]:
    """Code -> its section in docs/diagnostics.md."""
    text = DIAGNOSTICS.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    return {section[:5]: section for section in sections if CODE.match(section)}


def _used() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "game").rglob("*.py"):
        found |= set(CODE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_code_used_in_the_game_is_documented() -> None:
    assert _used() - set(_documented()) == set()


def test_every_documented_code_is_used_in_the_game() -> None:
    assert set(_documented()) - _used() == set()


def test_each_code_says_what_it_means_shows_an_example_and_what_to_do() -> None:
    for code, section in _documented().items():
        for part in ("**Means:**", "**Example:**", "**Do:**"):
            assert part in section, f"{code} lacks {part}"


def test_codes_are_documented_once_and_in_order() -> None:
    text = DIAGNOSTICS.read_text(encoding="utf-8")
    headings = re.findall(r"^### (RP\d{3})", text, flags=re.MULTILINE)
    assert headings == sorted(set(headings))
