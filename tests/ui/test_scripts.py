"""Names in every script render without a missing glyph: each run of a line is drawn by a font
whose own character map (read with fontTools, not the coverage file) has every character."""

from __future__ import annotations

import functools
import json
import unicodedata
from pathlib import Path

import pygame
import pytest
from fontTools.ttLib import TTFont

from game.fonts import FALLBACKS, FONTS_DIR, Coverage
from game.ui.runs import bidi_levels, faces_of, split
from game.ui.text import Fonts, TextFont

NAMES = (
    "美咲 Misaki",  # Japanese
    "佐藤 健太",
    "さくら",
    "王小明",  # Chinese, simplified
    "陳志明",  # Chinese, traditional
    "김민준",  # Korean
    "이서연",
    "สมชาย ใจดี",  # Thai
    "محمد علي",  # Arabic
    "فاطمة الزهراء",
    "דוד כהן",  # Hebrew
    "אביגיל",
    "अर्जुन शर्मा",  # Devanagari
    "प्रिया",
    "Ana 👍🏽",  # emoji with a skin tone
    "Zoë 🇧🇷",  # a flag
    "Lena ❤️",  # emoji presentation
    "Raj 1️⃣",  # a keycap
    "Ολυμπία",  # Greek and Cyrillic stay in Inter
    "Анастасия",
    "Nguyễn Thị Hương",
)
INVISIBLE = ("Cf", "Mn")  # joiners, selectors and marks may ride in a run with no glyph


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    pygame.font.init()
    return Fonts(FONTS_DIR)


@functools.cache
def cmap(name: str) -> frozenset[int]:
    with TTFont(FONTS_DIR / name, lazy=True) as font:
        return frozenset(font.getBestCmap())


def face_file(fonts: Fonts, face: int) -> str:
    return "Inter-Regular.otf" if face == 0 else fonts.fallbacks[face - 1].file


@pytest.mark.parametrize("weight", ["regular", "bold", "italic", "semibold"])
@pytest.mark.parametrize("name", NAMES)
def test_every_character_of_a_name_is_drawn_by_a_font_that_has_it(
    fonts: Fonts, name: str, weight: str
) -> None:
    font = fonts.get(weight, 28)
    runs = font.runs(name) if not font.simple(name) else None
    if runs is None:  # the primary font alone: it has every character
        assert all(ord(c) in cmap("Inter-Regular.otf") for c in name)
    else:
        assert sorted("".join(r.text for r in runs)) == sorted(name)
        for run in runs:
            chars = cmap(face_file(fonts, run.face))
            missing = [
                f"U+{ord(c):04X}"
                for c in run.text
                if ord(c) not in chars and unicodedata.category(c) not in INVISIBLE
            ]
            assert not missing, f"{name!r}: {missing} not in {face_file(fonts, run.face)}"
    surface = font.render(name, True, (0, 0, 0))
    drawn = pygame.mask.from_surface(surface).count()
    assert drawn > 20 * len(name.replace(" ", ""))  # ink for every character, not empty boxes


def test_names_in_other_scripts_use_their_noto_font(fonts: Fonts) -> None:
    font = fonts.get("regular", 24)
    expected = {
        "王小明": "NotoSansCJKsc-Subset.otf",
        "김민준": "NotoSansCJKsc-Subset.otf",
        "สมชาย": "NotoSansThai-Regular.ttf",
        "محمد": "NotoSansArabic-Regular.ttf",
        "דוד": "NotoSansHebrew-Regular.ttf",
        "प्रिया": "NotoSansDevanagari-Regular.ttf",
        "👍🏽": "NotoColorEmoji-Subset.ttf",
    }
    for text, file in expected.items():
        runs = font.runs(text)
        assert [face_file(fonts, r.face) for r in runs] == [file], text


def test_the_tofu_box_is_not_what_a_fallback_draws(fonts: Fonts) -> None:
    """The primary font alone would draw the same box for every CJK character; the run split
    draws them differently."""
    inter = fonts.get("regular", 28).primary
    boxes = {pygame.image.tobytes(inter.render(c, True, (0, 0, 0)), "RGBA") for c in "王小明"}
    assert len(boxes) == 1  # Inter has none of them: one and the same empty box
    font = fonts.get("regular", 28)
    drawn = {pygame.image.tobytes(font.render(c, True, (0, 0, 0)), "RGBA") for c in "王小明"}
    assert len(drawn) == 3


def test_arabic_is_shaped_right_to_left_and_numbers_read_left_to_right() -> None:
    text = "Omar: مرحبا بك 12!"
    levels = bidi_levels(text)
    assert levels[:6] == [0] * 6  # "Omar: "
    assert set(levels[6:15]) == {1}  # the Arabic words and the spaces between
    assert levels[15:17] == [2, 2]  # the number inside right-to-left text
    assert levels[17] == 0  # the final "!" follows the paragraph, left to right
    faces = [0] * len(text)
    runs = split(text, faces)
    assert [r.text for r in runs] == ["Omar: ", "12", "مرحبا بك ", "!"]
    assert [r.rtl for r in runs] == [False, False, True, False]


def test_hebrew_between_latin_keeps_its_place() -> None:
    runs = split("Team דוד כהן wins", [0] * 17)
    assert [r.text for r in runs] == ["Team ", "דוד כהן", " wins"]
    assert [r.rtl for r in runs] == [False, True, False]


def test_a_skin_tone_and_a_keycap_stay_with_their_emoji(fonts: Fonts) -> None:
    count = len(fonts.fallbacks) + 1
    faces = faces_of("Ana 👍🏽 1️⃣", fonts.has, count, fonts.emoji_face)
    emoji = fonts.emoji_face
    assert faces[4:6] == [emoji, emoji]  # 👍 and its skin tone
    assert faces[7:10] == [emoji, emoji, emoji]  # 1, VS16, keycap
    assert faces[6] == 0  # the space between stays in Inter (the emoji font's is wide)


def test_text_font_measures_what_it_draws(fonts: Fonts) -> None:
    font: TextFont = fonts.get("regular", 30)
    for name in NAMES:
        assert abs(font.size(name)[0] - font.render(name, True, (0, 0, 0)).get_width()) <= 1


def test_coverage_file_matches_every_fonts_character_map() -> None:
    coverage = Coverage.load(FONTS_DIR)
    fonts = sorted(p.name for p in FONTS_DIR.iterdir() if p.suffix in (".otf", ".ttf"))
    assert sorted(coverage.files) == fonts
    for name in fonts:
        assert coverage.characters(name) == cmap(name), name


def test_a_coverage_file_written_another_way_is_read_the_same(tmp_path: Path) -> None:
    shipped = Coverage.load(FONTS_DIR)
    data = json.loads((FONTS_DIR / "coverage.json").read_text(encoding="utf-8"))
    (tmp_path / "coverage.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    pretty = Coverage.load(tmp_path)
    assert pretty.files == shipped.files == frozenset(data)
    for name, spans in data.items():
        expected = frozenset(c for first, last in spans for c in range(first, last + 1))
        assert shipped.characters(name) == pretty.characters(name) == expected, name
        assert shipped.has(name, spans[-1][1]) and not shipped.has(name, spans[-1][1] + 1)


def test_a_damaged_font_entry_costs_that_font_only_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "coverage.json").write_text(
        '{"A.otf":[[32,126],[160,255]],"B.ttf":[[1,2,3]],"C.ttf":[],"D.ttf":[[1,2],[3.5,true]]}',
        encoding="utf-8",
    )
    coverage = Coverage.load(tmp_path)
    assert coverage.files == {"A.otf", "B.ttf", "C.ttf", "D.ttf"}
    assert coverage.has("A.otf", 65) and coverage.has("A.otf", 255)
    assert not coverage.has("A.otf", 127) and not coverage.has("C.ttf", 65)
    assert not caplog.records  # nothing read yet of the damaged one
    assert not coverage.has("B.ttf", 1) and coverage.characters("B.ttf") == frozenset()
    assert "B.ttf" in caplog.text and "cannot be read" in caplog.text
    assert coverage.characters("D.ttf") == frozenset() and "D.ttf" in caplog.text
    (tmp_path / "coverage.json").write_text('{"A.otf":[[32,126]]', encoding="utf-8")
    assert Coverage.load(tmp_path).files == frozenset()  # not JSON at all: no fallbacks


def test_every_fallback_is_shipped_with_its_licence() -> None:
    licence = (FONTS_DIR / "OFL-Noto.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    for fallback in FALLBACKS:
        assert (FONTS_DIR / fallback.file).is_file()
        assert fallback.file in licence


def test_the_cjk_subset_keeps_the_everyday_sets() -> None:
    chars = cmap("NotoSansCJKsc-Subset.otf")
    hiragana = range(0x3041, 0x3097)
    assert all(c in chars for c in hiragana)
    for text in ("東京都渋谷区", "北京市朝阳区", "臺北市信義區", "서울특별시", "高橋", "劉德華"):
        assert all(ord(c) in chars for c in text), text


def test_a_missing_coverage_file_leaves_text_in_the_primary_font(tmp_path: Path) -> None:
    for file in FONTS_DIR.glob("Inter-*.otf"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    pygame.font.init()
    fonts = Fonts(tmp_path)
    assert fonts.fallbacks == []
    assert fonts.get("regular", 20).render("王小明", True, (0, 0, 0)).get_width() > 0


@pytest.mark.parametrize("name", ["محمد علي", "王小明", "สมชาย", "अर्जुन", "Ana 👍🏽"])
def test_a_name_in_another_script_keeps_the_baseline_of_latin_letters(
    fonts: Fonts, name: str
) -> None:
    font = fonts.get("bold", 40)
    alone = font.render("Hx", True, (0, 0, 0))
    mixed = font.render(f"Hx {name}", True, (0, 0, 0))
    width = alone.get_width()
    latin_in_mixed = mixed.subsurface((0, 0, width, mixed.get_height())).get_bounding_rect()
    assert latin_in_mixed.top == alone.get_bounding_rect().top  # drawn at the same height
    assert mixed.get_height() >= alone.get_height()
