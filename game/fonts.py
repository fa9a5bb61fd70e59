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
import re
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from game.logs import Log

log = Log("game")

FONTS_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
COVERAGE_FILE = "coverage.json"
PRIMARY = "Inter"  # the family every text is set in first


class Fallback(NamedTuple):
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
    """The characters of each font file, read from the coverage file.

    The file as tools/subset_fonts.py writes it (compact JSON) is only scanned
    for its fonts' names when loaded; each font's ranges are read when first
    asked for. The window's first frame needs the primary font's alone, and
    most of the file is the CJK subset's.
    """

    def __init__(self, ranges: dict[str, list[tuple[int, int]]]) -> None:
        self._spans = {name: _starts_and_ends(spans) for name, spans in ranges.items()}
        self._text = ""  # the coverage file, while some font's ranges are not read yet
        self._unread: dict[str, tuple[int, int]] = {}  # a font's ranges in `_text`
        self._path: Path | None = None

    @classmethod
    def load(cls, folder: Path = FONTS_DIR) -> Coverage:
        """The coverage file in `folder`; empty (every text in the primary font) when unusable."""
        path = folder / COVERAGE_FILE
        try:
            text = path.read_text(encoding="utf-8")
            unread = _compact_entries(text)
            if unread is None:  # written some other way: read it all now
                import json

                data = json.loads(text)
                return cls({str(name): _ranges(spans) for name, spans in data.items()})
        except (OSError, ValueError, TypeError, AttributeError) as error:
            log.warning(
                "the font coverage file %s cannot be read (%s); no fallback fonts", path, error
            )
            return cls({})
        coverage = cls({})
        coverage._text, coverage._unread, coverage._path = text, unread, path
        return coverage

    def _starts_ends(self, file: str) -> tuple[list[int], list[int]] | None:
        spans = self._spans.get(file)
        if spans is None and file in self._unread:
            first, last = self._unread.pop(file)
            try:
                spans = _starts_and_ends(_ranges(_compact_ranges(self._text[first:last])))
            except (ValueError, TypeError) as error:
                log.warning(
                    "the font coverage file %s cannot be read for %s (%s); that font is not used",
                    self._path,
                    file,
                    error,
                )
                spans = ([], [])
            self._spans[file] = spans
            if not self._unread:
                self._text = ""
        return spans

    def has(self, file: str, code: int) -> bool:
        """True when the font `file` has a glyph for the character `code`."""
        spans = self._starts_ends(file)
        if not spans or not spans[0]:
            return False
        starts, ends = spans
        index = bisect.bisect_right(starts, code) - 1
        return index >= 0 and code <= ends[index]

    def characters(self, file: str) -> frozenset[int]:
        """Every character of `file` (for quick membership tests of the primary font)."""
        starts, ends = self._starts_ends(file) or ([], [])
        return frozenset(chain.from_iterable(map(range, starts, [last + 1 for last in ends])))

    @cached_property
    def files(self) -> frozenset[str]:
        return frozenset(self._spans) | frozenset(self._unread)


# Where a font's entry starts, as tools/subset_fonts.py writes the file: {"name":[[first,last],...
_ENTRY = re.compile(r'"([^"\\]*)":\[')
# A font's ranges as that tool writes them: [[first,last],...] (checked when they are read).
_COMPACT_RANGES = re.compile(r"\[(?:\[[0-9,]*\](?:,\[[0-9,]*\])*)?\]")
_RANGE = re.compile(r"\[([0-9,]*)\]")  # one range's numbers, inside a font's ranges


def _compact_entries(text: str) -> dict[str, tuple[int, int]] | None:
    """Where each font's ranges are in a compact coverage file, found from the fonts' names
    alone (a font's ranges are checked when it is read); None when the file is not written
    that way."""
    body = text.rstrip()
    if not (body.startswith('{"') and body.endswith("]}")):
        return None
    starts = list(_ENTRY.finditer(body))
    if not starts or starts[0].start() != 1:
        return None
    entries: dict[str, tuple[int, int]] = {}
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() - 1 if following is not None else len(body) - 1
        if match.group(1) in entries or body[end] not in ",}":
            return None
        entries[match.group(1)] = (match.end() - 1, end)
    return entries


def _compact_ranges(text: str) -> list[list[int]]:
    """One font's ranges from a compact coverage file; ValueError unless written as the tool
    writes them (read without the json module, which the first frame does not need)."""
    if _COMPACT_RANGES.fullmatch(text) is None:
        raise ValueError(f"not a list of ranges: {text[:40]!r}")
    return [[int(n) for n in pair.split(",")] for pair in _RANGE.findall(text, 1, len(text) - 1)]


def _ranges(spans: Any) -> list[tuple[int, int]]:
    """A font's ranges as read from JSON: pairs of whole numbers."""
    return [(int(first), int(last)) for first, last in spans]


def _starts_and_ends(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    return [r[0] for r in spans], [r[1] for r in spans]
