"""docs/window.md stays true: its pictures exist, its example runs, its settings are real."""

from __future__ import annotations

import re
from pathlib import Path

from game.core.decisions import parse_decisions
from game.core.modes import Mode
from game.settings import TEXT_SIZE_LABELS, TEXT_SPEED_LABELS, TIMER_LABELS
from game.ui.launch import check_autoplay
from game.ui.options import Options

DOC = Path(__file__).resolve().parents[2] / "docs" / "window.md"
TEXT = DOC.read_text(encoding="utf-8")


def test_every_picture_in_the_guide_exists() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", TEXT)
    assert len(pictures) >= 6
    for picture in pictures:
        assert (DOC.parent / picture).is_file(), picture


def test_the_autoplay_example_in_the_guide_plays_to_an_ending() -> None:
    match = re.search(r"--scenario (\S+) --player \S+ --autoplay (\S+)", TEXT)
    assert match is not None
    options = Options(
        scenario=match.group(1), player="Ana", autoplay=parse_decisions(match.group(2))
    )
    _, problem = check_autoplay(options)
    assert problem is None


def test_the_settings_table_lists_the_real_choices() -> None:
    mode_labels = {mode.value: mode.label for mode in Mode}
    for labels in (TEXT_SIZE_LABELS, TEXT_SPEED_LABELS, TIMER_LABELS, mode_labels):
        row = next(line for line in TEXT.splitlines() if all(v in line for v in labels.values()))
        assert row.startswith("|")
