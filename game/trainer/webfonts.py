"""Fonts inside the team report: the bundled fallback fonts, cut down to the characters the page
shows, embedded as data so that names in any script render on a machine without such fonts.

The page makes no request of its own (its Content-Security-Policy allows fonts
from `data:` only), so each fallback the page needs (game.fonts: Noto Arabic,
Hebrew, Thai, Devanagari, CJK, emoji) is subset with fontTools to the
characters of the page that Inter lacks, as WOFF, with a unicode-range of
exactly those characters, and named first in the page's font stack: the
browser takes each of those characters from its font, and every other one
from the system's fonts. A page in Latin letters embeds nothing.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from game.fonts import FALLBACKS, FONTS_DIR, PRIMARY, Coverage, Fallback

SYSTEM_FONTS = (
    "system-ui",
    "-apple-system",
    '"Segoe UI"',
    "Roboto",
    '"Helvetica Neue"',
    "Arial",
)
EMOJI_PARTS = (0xFE0F, 0x20E3, 0x200D)  # selectors and joiners the emoji font needs with a base


@dataclass(frozen=True)
class EmbeddedFont:
    family: str
    woff: bytes  # the subset, as WOFF
    characters: frozenset[int]

    def rule(self) -> str:
        """The @font-face rule. Its unicode-range lets the browser pick this font for exactly
        these characters, without trying it (and drawing empty boxes) for others."""
        data = base64.b64encode(self.woff).decode("ascii")
        return (
            f'@font-face {{ font-family: "{self.family}"; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); '
            f"unicode-range: {unicode_range(self.characters)}; }}"
        )


def unicode_range(characters: frozenset[int]) -> str:
    """CSS unicode-range for a set of characters, e.g. "U+5F20-5F22, U+738B"."""
    spans: list[list[int]] = []
    for code in sorted(characters):
        if spans and code == spans[-1][1] + 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)


def needed(text: str, folder: Path = FONTS_DIR) -> dict[Fallback, frozenset[int]]:
    """For each fallback, the characters of `text` it should draw (none when Inter has them)."""
    coverage = Coverage.load(folder)
    primary = f"{PRIMARY}-Regular.otf"
    emoji = next((f for f in FALLBACKS if f.bitmap), None)
    codes = [ord(c) for c in text]
    chosen: dict[Fallback, set[int]] = {}
    for index, code in enumerate(codes):
        following = codes[index + 1] if index + 1 < len(codes) else None
        if (
            emoji is not None
            and coverage.has(emoji.file, code)
            and (code in EMOJI_PARTS or following in (0xFE0F, 0x20E3) or 0x1F3FB <= code <= 0x1F3FF)
        ):
            chosen.setdefault(emoji, set()).add(code)  # "❤️", "1️⃣", a skin tone
            continue
        if coverage.has(primary, code):
            continue
        fallback = next((f for f in FALLBACKS if coverage.has(f.file, code)), None)
        if fallback is not None:
            chosen.setdefault(fallback, set()).add(code)
    parts = set(EMOJI_PARTS)
    return {f: frozenset(c) for f, c in chosen.items() if not c <= parts}


def embedded_fonts(text: str, folder: Path = FONTS_DIR) -> list[EmbeddedFont]:
    """The fallback fonts `text` needs, each subset to its characters, in fallback order."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    fonts: list[EmbeddedFont] = []
    for fallback, characters in needed(text, folder).items():
        options = subset.Options()
        options.layout_features = ["*"]  # joining, conjuncts, skin tones, flags
        options.flavor = "woff"  # zlib: no extra module needed
        options.notdef_outline = True
        with TTFont(folder / fallback.file) as font:
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=characters)
            subsetter.subset(font)
            buffer = io.BytesIO()
            font.flavor = "woff"
            font.save(buffer)
        fonts.append(EmbeddedFont(fallback.family, buffer.getvalue(), characters))
    return fonts


def font_stack(fonts: list[EmbeddedFont]) -> str:
    """The CSS font-family list: the embedded fonts first (their unicode-range keeps them to
    their own characters), then the system's fonts. Listed after the system fonts, Chromium
    on Linux drew some Han characters as empty boxes: it asked the system for them first."""
    return ", ".join([*(f'"{f.family}"' for f in fonts), *SYSTEM_FONTS, "sans-serif"])
