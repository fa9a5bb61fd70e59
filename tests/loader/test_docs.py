"""The diagnostics doc and the table of codes cannot drift apart.

Every code in the table (game/loader/diagnostics.py) has a section in
docs/diagnostics.md under the same title, marked "(warning)" exactly when the
table says so, with an example that fits the table's message template; every
documented code is in the table, and so is every code the game names.
The format doc's examples are run by tests/test_docs.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.loader.diagnostics import CODES

ROOT = Path(__file__).resolve().parents[2]
DIAGNOSTICS = ROOT / "docs" / "diagnostics.md"
CODE = re.compile(r"\bRP\d{3}\b")
HEADING = re.compile(r"^### (RP\d{3}) — (.+?)( \(warning\))?$", re.MULTILINE)
EXAMPLE = re.compile(r"\*\*Example:\*\* (`+) ?(.*?) ?\1$", re.MULTILINE)


def _sections() -> dict[str, str]:
    """Code -> its section in docs/diagnostics.md, from its heading on."""
    text = DIAGNOSTICS.read_text(encoding="utf-8")
    sections = re.split(r"^(?=### )", text, flags=re.MULTILINE)[1:]
    return {section[4:9]: section for section in sections if CODE.match(section[4:])}


def test_every_code_in_the_table_is_documented_and_the_reverse() -> None:
    assert set(_sections()) == set(CODES)


def test_every_code_the_game_names_is_in_the_table() -> None:
    named: set[str] = set()
    for path in (ROOT / "game").rglob("*.py"):
        named |= set(CODE.findall(path.read_text(encoding="utf-8")))
    assert named - set(CODES) == set()


@pytest.mark.parametrize("number", sorted(CODES))
def test_heading_gives_the_tables_title_and_severity(number: str) -> None:
    heading = HEADING.match(_sections()[number])
    assert heading is not None, f"{number}: the heading should read `### {number} — title`"
    row = CODES[number]
    assert heading.group(2) == row.title
    assert bool(heading.group(3)) == (row.severity == "warning")


@pytest.mark.parametrize("number", sorted(CODES))
def test_section_says_what_it_means_shows_an_example_and_what_to_do(number: str) -> None:
    section = _sections()[number]
    for part in ("**Means:**", "**Example:**", "**Do:**"):
        assert part in section, f"{number} lacks {part}"


@pytest.mark.parametrize("number", sorted(CODES))
def test_example_fits_the_tables_message_template(number: str) -> None:
    example = EXAMPLE.search(_sections()[number])
    assert example is not None, f"{number}: write the example as `message`"
    assert CODES[number].fits(example.group(2)), (
        f"{number}: the example does not fit the template {CODES[number].template!r}"
    )


def test_codes_are_documented_once_and_in_order() -> None:
    text = DIAGNOSTICS.read_text(encoding="utf-8")
    headings = re.findall(r"^### (RP\d{3})", text, flags=re.MULTILINE)
    assert headings == sorted(set(headings))


def test_a_template_tells_its_own_messages_from_others() -> None:
    row = CODES["RP301"]
    message = "`start` names `arive`, which is not a node; check the spelling or add the node"
    assert row.fits(message)
    assert not row.fits("the file is empty; a scenario needs at least `format`")
