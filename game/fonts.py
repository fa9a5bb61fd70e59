"""The bundled fonts: which file draws which characters, in order of preference.

Inter draws Latin, Greek and Cyrillic; subsets of Noto draw Arabic, Hebrew,
Thai, Devanagari, CJK and emoji (tools/subset_fonts.py makes them and the
coverage file `assets/fonts/coverage.json`, which lists every font's
characters as ranges, so nobody has to open a font file to know). The window
(game.ui.text) and the team report (game.trainer.webfonts) both choose fonts
here, so they cannot disagree. Standard library only.
"""

from __future__ import annotations

import bisect
import json
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

log = logging.getLogger("game")

FONTS_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
COVERAGE_FILE = "coverage.json"
PRIMARY = "Inter"  # the family every text is set in first


@dataclass(frozen=True)
class Fallback:
    """A font for the characters the primary family lacks."""

    file: str  # in assets/fonts/
    family: str  # the name the report gives it
    script: str | None = None  # ISO 15924 tag for HarfBuzz ("Arab"), None to let it guess
    rtl: bool = False  # its script is written right to left
    bitmap: bool = False  # colour pictures at one size (emoji): scaled to the text


FALLBACKS = (
    Fallback("NotoSansArabic-Regular.ttf", "Rapport Noto Arabic", "Arab", rtl=True),
    Fallback("NotoSansHebrew-Regular.ttf", "Rapport Noto Hebrew", "Hebr", rtl=True),
    Fallback("NotoSansThai-Regular.ttf", "Rapport Noto Thai", "Thai"),
    Fallback("NotoSansDevanagari-Regular.ttf", "Rapport Noto Devanagari", "Deva"),
    Fallback("NotoSansCJKsc-Subset.otf", "Rapport Noto CJK"),
    Fallback("NotoColorEmoji-Subset.ttf", "Rapport Noto Emoji", bitmap=True),
)


class Coverage:
    """The characters of each font file, read once from the coverage file."""

    def __init__(self, ranges: dict[str, list[tuple[int, int]]]) -> None:
        self._starts = {name: [r[0] for r in spans] for name, spans in ranges.items()}
        self._ends = {name: [r[1] for r in spans] for name, spans in ranges.items()}

    @classmethod
    def load(cls, folder: Path = FONTS_DIR) -> Coverage:
        """The coverage file in `folder`; empty (every text in the primary font) when unusable."""
        path = folder / COVERAGE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            ranges = {
                str(name): [(int(first), int(last)) for first, last in spans]
                for name, spans in data.items()
            }
        except (OSError, ValueError, TypeError, AttributeError) as error:
            log.warning(
                "the font coverage file %s cannot be read (%s); no fallback fonts", path, error
            )
            return cls({})
        return cls(ranges)

    def has(self, file: str, code: int) -> bool:
        """True when the font `file` has a glyph for the character `code`."""
        starts = self._starts.get(file)
        if not starts:
            return False
        index = bisect.bisect_right(starts, code) - 1
        return index >= 0 and code <= self._ends[file][index]

    def characters(self, file: str) -> frozenset[int]:
        """Every character of `file` (for quick membership tests of the primary font)."""
        return frozenset(
            code
            for first, last in zip(
                self._starts.get(file, ()), self._ends.get(file, ()), strict=True
            )
            for code in range(first, last + 1)
        )

    @cached_property
    def files(self) -> frozenset[str]:
        return frozenset(self._starts)
