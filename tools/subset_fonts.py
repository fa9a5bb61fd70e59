#!/usr/bin/env python3
"""Make the fallback fonts in assets/fonts/ from the full Noto fonts, and their coverage file.

Inter covers Latin, Greek and Cyrillic. For every other script a player may
write a name in, the window falls back, run by run, to a Noto font (SDL_ttf
does not fall back by itself). The full Noto files are large (a CJK face is
19 MB), so each is cut down here to the characters it is there for:

- CJK (Noto Sans CJK SC, regular): kana, CJK punctuation, full-width forms,
  the 2,350 Hangul syllables of KS X 1001 (Korea's everyday set, which covers
  practically every Korean name), and the Han characters of GB 2312 level 1
  (the 3,755 most used simplified Chinese characters), Big5 level 1 (the 5,401
  common traditional ones, for Taiwan and Hong Kong) and JIS X 0208 levels 1
  and 2 (Japanese, with most name kanji): 8,482 Han characters in all. Rare
  characters outside these sets are left out; the whole face would be 19 MB.
- Arabic, Hebrew, Thai, Devanagari (Noto Sans, regular): each script's own
  blocks, with every shaping rule kept (SDL_ttf shapes them with HarfBuzz).
- Emoji (Noto Color Emoji): every emoji of one code point, with skin tones,
  flags and keycaps, but not the sequences joined with U+200D (families,
  professions), and its pictures redrawn at half size (64 pixels a side is
  still sharper than the text it sits in).

The character sets are read from Python's own codecs, so the subset can be
made again anywhere. The sources are Debian's packages (fonts-noto-core,
fonts-noto-cjk, fonts-noto-color-emoji):

    apt-get download fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
    for deb in fonts-noto-*.deb; do dpkg-deb -x "$deb" noto; done
    python tools/subset_fonts.py --source noto

It also writes assets/fonts/coverage.json: every bundled font's characters as
ranges, so the window knows which font draws which character without reading
font files at start-up (a test checks the file against the fonts' own
character maps). `--coverage-only` rewrites just that file.

Needs fontTools and Pillow (both come with matplotlib, a dependency).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"
COVERAGE = "coverage.json"
EMOJI_SCALE = 0.5  # the emoji pictures are redrawn at this share of their size
EMOJI_COLOURS = 64  # colours in each redrawn emoji picture
ZWJ = 0x200D


def codec_set(codec: str, leads: Iterable[int], trails: Iterable[int]) -> set[int]:
    """The characters a double-byte codec gives for these lead and trail bytes."""
    found: set[int] = set()
    trail_bytes = list(trails)
    for lead in leads:
        for trail in trail_bytes:
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                found.add(ord(text))
    return found


def span(first: int, last: int) -> set[int]:
    return set(range(first, last + 1))


def cjk_characters() -> set[int]:
    euc = range(0xA1, 0xFF)
    gb2312_level1 = codec_set("gb2312", range(0xB0, 0xD8), euc)
    big5_level1 = codec_set("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    big5_level1 = {c for c in big5_level1 if 0x4E00 <= c <= 0x9FFF}
    jis_x0208 = codec_set("euc_jp", range(0xB0, 0xF5), euc)
    ks_x1001_hangul = codec_set("euc_kr", range(0xB0, 0xC9), euc)
    return (
        gb2312_level1
        | big5_level1
        | jis_x0208
        | ks_x1001_hangul
        | span(0x3000, 0x303F)  # CJK symbols and punctuation
        | span(0x3040, 0x30FF)  # hiragana and katakana
        | span(0x31F0, 0x31FF)  # katakana phonetic extensions
        | span(0x3130, 0x318F)  # Hangul compatibility jamo
        | span(0xFF01, 0xFFEE)  # full-width and half-width forms
    )


@dataclass(frozen=True)
class Face:
    """One fallback font: where it comes from, what it keeps, where it goes."""

    source: str  # file name in the source folder (found at any depth)
    out: str  # file name in assets/fonts/
    characters: set[int]
    index: int = 0  # the face inside a collection (.ttc)


SPACES = {0x0020, 0x00A0}  # kept in every script's face, so a run does not break at a space


def faces() -> list[Face]:
    return [
        Face(
            "NotoSansArabic-Regular.ttf",
            "NotoSansArabic-Regular.ttf",
            span(0x0600, 0x06FF)
            | span(0x0750, 0x077F)
            | span(0xFB50, 0xFDFF)
            | span(0xFE70, 0xFEFF)
            | span(0x200C, 0x200F)
            | SPACES,
        ),
        Face(
            "NotoSansHebrew-Regular.ttf",
            "NotoSansHebrew-Regular.ttf",
            span(0x0590, 0x05FF) | span(0xFB1D, 0xFB4F) | SPACES,
        ),
        Face("NotoSansThai-Regular.ttf", "NotoSansThai-Regular.ttf", span(0x0E00, 0x0E7F) | SPACES),
        Face(
            "NotoSansDevanagari-Regular.ttf",
            "NotoSansDevanagari-Regular.ttf",
            span(0x0900, 0x097F) | span(0xA8E0, 0xA8FF) | {0x200C, 0x200D, 0x25CC} | SPACES,
        ),
        Face("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Subset.otf", cjk_characters(), index=2),
    ]


def find(source: Path, name: str) -> Path:
    found = sorted(source.rglob(name))
    if not found:
        raise SystemExit(
            f"subset_fonts: {name} is not in {source}; unpack Debian's fonts-noto-core, "
            "fonts-noto-cjk and fonts-noto-color-emoji there (see this file's docstring)."
        )
    return found[0]


def subset_options() -> object:
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]  # every shaping rule: Arabic joining, Indic conjuncts…
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # FreeType's auto-hinter and browsers do without
    options.drop_tables += ["DSIG"]
    return options


def make_face(face: Face, source: Path, out: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(find(source, face.source), fontNumber=face.index)
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=face.characters & set(font.getBestCmap()))
    subsetter.subset(font)
    font.save(out / face.out)
    print(f"Wrote {out / face.out}")


def make_emoji(source: Path, out: Path) -> None:
    """Noto Color Emoji without joined sequences, its pictures at half size."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(find(source, "NotoColorEmoji.ttf"))
    keep = {c for c in font.getBestCmap() if c != ZWJ}
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    shrink_bitmaps(font, EMOJI_SCALE)
    font.save(out / "NotoColorEmoji-Subset.ttf")
    print(f"Wrote {out / 'NotoColorEmoji-Subset.ttf'}")


def shrink_bitmaps(font: object, scale: float) -> None:
    """Redraw every colour bitmap (CBDT, PNG) at `scale` of its size, and scale the strike to
    match, so that FreeType sees a smaller font of the same shapes."""
    from PIL import Image

    for strike in font["CBDT"].strikeData:  # type: ignore[index]
        for glyph in strike.values():
            image = Image.open(io.BytesIO(glyph.imageData))
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            buffer = io.BytesIO()
            small = image.convert("RGBA").resize(size, Image.Resampling.LANCZOS)
            # Flat emoji art keeps its look in 64 colours, at a third of the room of true colour.
            small = small.quantize(EMOJI_COLOURS, method=Image.Quantize.FASTOCTREE)
            small.save(buffer, format="PNG", optimize=True)
            glyph.imageData = buffer.getvalue()
            metrics = glyph.metrics
            metrics.width, metrics.height = size
            for name in ("BearingX", "BearingY", "Advance"):
                setattr(metrics, name, round(getattr(metrics, name) * scale))
    for strike in font["CBLC"].strikes:  # type: ignore[index]
        table = strike.bitmapSizeTable
        table.ppemX = round(table.ppemX * scale)
        table.ppemY = round(table.ppemY * scale)
        for line in (table.hori, table.vert):
            for name in ("ascender", "descender", "widthMax"):
                setattr(line, name, round(getattr(line, name) * scale))


def ranges(characters: Iterable[int]) -> list[list[int]]:
    """Sorted characters as [first, last] ranges."""
    found: list[list[int]] = []
    for code in sorted(characters):
        if found and code == found[-1][1] + 1:
            found[-1][1] = code
        else:
            found.append([code, code])
    return found


def write_coverage(out: Path) -> None:
    """Every font file in `out` with the characters its character map covers, as ranges."""
    from fontTools.ttLib import TTFont

    coverage = {}
    for path in sorted(out.iterdir()):
        if path.suffix.lower() in (".otf", ".ttf"):
            coverage[path.name] = ranges(TTFont(path, lazy=True).getBestCmap())
    text = json.dumps(coverage, separators=(",", ":"), sort_keys=True)
    (out / COVERAGE).write_text(text + "\n", encoding="utf-8")
    print(f"Wrote {out / COVERAGE}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="a folder holding the full Noto fonts")
    parser.add_argument("--out", type=Path, default=FONTS, help="where to write (assets/fonts)")
    parser.add_argument(
        "--coverage-only", action="store_true", help="only rewrite the coverage file"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.coverage_only:
        if args.source is None:
            parser.error("--source DIR is needed (or --coverage-only)")
        for face in faces():
            make_face(face, args.source, args.out)
        make_emoji(args.source, args.out)
    write_coverage(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
