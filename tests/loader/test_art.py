"""Pictures a scenario names are checked like everything else: the trainer's art folder, then
the shipped assets; missing ones get a warning with a did-you-mean, unsafe ones are refused."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest

from game import pictures
from game.loader import load_library, load_scenario, load_scenario_text, validate_paths
from game.loader.art import Pictures

from .support import NAME, VALID, line_of

SHIPPED = pictures.SHIPPED_DIR


def png(width: int, height: int) -> bytes:
    """A real PNG of one colour (what an image editor would save)."""
    row = b"\0" + b"\x80\x40\x20" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        pictures._PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )


def scenario_in(folder: Path, text: str = VALID) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAME
    path.write_text(text, encoding="utf-8")
    return path


def art(folder: Path) -> Path:
    return pictures.art_folder(folder)


def found(path: Path) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.severity) for d in load_scenario(path).diagnostics]


def message(path: Path) -> str:
    diagnostics = load_scenario(path).diagnostics
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0].message


# -- shipped pictures --------------------------------------------------------------


def test_shipped_pictures_need_no_art_folder(tmp_path: Path) -> None:
    assert found(scenario_in(tmp_path)) == []


def test_a_misspelt_setting_is_a_warning_with_a_did_you_mean(tmp_path: Path) -> None:
    text = VALID.replace("setting: dealership", "setting: dealershp")
    path = scenario_in(tmp_path, text)
    assert found(path) == [("RP320", line_of(text, "setting:"), "warning")]
    assert "(did you mean `dealership`?)" in message(path)
    assert "art/settings/dealershp.svg (or .png)" in message(path)
    assert load_scenario(path).scenario is not None  # a warning: still played


def test_a_misspelt_portrait_is_a_warning_with_a_did_you_mean(tmp_path: Path) -> None:
    text = VALID.replace("portrait: dana", "portrait: dnaa")
    path = scenario_in(tmp_path, text)
    assert found(path) == [("RP321", line_of(text, "portrait:"), "warning")]
    assert "(did you mean `dana`?)" in message(path)
    assert "cast member `customer`" in message(path)


def test_warnings_about_pictures_fail_a_strict_validation(tmp_path: Path) -> None:
    path = scenario_in(tmp_path, VALID.replace("setting: dealership", "setting: dealershp"))
    strict = validate_paths([path], strict=True)
    assert [(d.code, d.severity) for d in strict] == [("RP320", "error")]


def test_text_without_a_folder_has_no_pictures_to_check() -> None:
    report = load_scenario_text(VALID.replace("setting: dealership", "setting: x"), NAME)
    assert report.diagnostics == []


def test_text_checked_against_a_folder_gets_the_same_warnings(tmp_path: Path) -> None:
    text = VALID.replace("setting: dealership", "setting: x")
    report = load_scenario_text(text, NAME, pictures=Pictures.for_folder(tmp_path))
    assert [d.code for d in report.diagnostics] == ["RP320"]


# -- the trainer's own pictures ------------------------------------------------------


def test_a_trainers_own_setting_and_portrait_are_found_in_svg_and_png(tmp_path: Path) -> None:
    text = VALID.replace("setting: dealership", "setting: flower-stall").replace(
        "portrait: dana", "portrait: kim"
    )
    path = scenario_in(tmp_path, text)
    assert {d.code for d in load_scenario(path).diagnostics} == {"RP320", "RP321"}
    (art(tmp_path) / "settings").mkdir(parents=True)
    (art(tmp_path) / "settings" / "flower-stall.png").write_bytes(png(64, 36))
    portraits = art(tmp_path) / "portraits" / "kim"
    portraits.mkdir(parents=True)
    shutil.copy(SHIPPED / "portraits/dana/neutral.svg", portraits / "neutral.svg")
    (portraits / "pleased.png").write_bytes(png(40, 50))
    assert found(path) == []


def test_a_mood_the_portrait_lacks_is_named_with_the_moods_it_has(tmp_path: Path) -> None:
    text = VALID.replace("portrait: dana", "portrait: kim")
    path = scenario_in(tmp_path, text)
    portraits = art(tmp_path) / "portraits" / "kim"
    portraits.mkdir(parents=True)
    shutil.copy(SHIPPED / "portraits/dana/neutral.svg", portraits / "neutral.svg")
    assert found(path) == [("RP322", line_of(text, "mood: pleased"), "warning")]
    assert message(path) == (
        "node `picks` shows `customer` pleased, but the portrait `kim` has no picture for "
        "that mood, so the window shows the neutral one; add art/portraits/kim/pleased.svg "
        "(or .png), or use a mood it has: `neutral`"
    )


def test_a_portrait_without_a_neutral_picture_is_told_so(tmp_path: Path) -> None:
    text = VALID.replace("portrait: dana", "portrait: kim")
    path = scenario_in(tmp_path, text)
    portraits = art(tmp_path) / "portraits" / "kim"
    portraits.mkdir(parents=True)
    shutil.copy(SHIPPED / "portraits/dana/pleased.svg", portraits / "pleased.svg")
    # `neutral` is written on node `arrive`, and is what shows when a node gives no mood.
    assert [(c, line) for c, line, _ in found(path)] == [
        ("RP322", line_of(text, "portrait: kim")),
        ("RP322", line_of(text, "mood: neutral")),
    ]


def test_the_trainers_picture_comes_before_a_shipped_one_of_the_same_name(tmp_path: Path) -> None:
    (art(tmp_path) / "settings").mkdir(parents=True)
    own = art(tmp_path) / "settings" / "dealership.png"
    own.write_bytes(png(16, 9))
    result = pictures.find_picture(pictures.roots_for(tmp_path), "settings", "dealership")
    assert isinstance(result, pictures.Found) and result.path == own.resolve()
    assert found(scenario_in(tmp_path)) == []


# -- pictures that must not be opened ------------------------------------------------


def test_a_link_out_of_the_art_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.svg"
    secret.parent.mkdir()
    shutil.copy(SHIPPED / "settings/garage.svg", secret)
    folder = tmp_path / "scenarios"
    text = VALID.replace("setting: dealership", "setting: shop")
    path = scenario_in(folder, text)
    (art(folder) / "settings").mkdir(parents=True)
    (art(folder) / "settings" / "shop.svg").symlink_to(secret)
    assert found(path) == [("RP323", line_of(text, "setting:"), "warning")]
    assert message(path).startswith(
        "the picture art/settings/shop.svg leads outside the art folder, so the window never "
        "opens it"
    )


def test_a_link_inside_the_art_folder_is_fine(tmp_path: Path) -> None:
    settings = art(tmp_path) / "settings"
    settings.mkdir(parents=True)
    shutil.copy(SHIPPED / "settings/garage.svg", settings / "garage-photo.svg")
    (settings / "shop.svg").symlink_to(settings / "garage-photo.svg")
    assert found(scenario_in(tmp_path, VALID.replace("dealership", "shop"))) == []


def test_a_trainers_refused_picture_is_not_replaced_by_a_shipped_one(tmp_path: Path) -> None:
    settings = art(tmp_path) / "settings"
    settings.mkdir(parents=True)
    (settings / "dealership.svg").symlink_to(tmp_path / "nowhere.svg")
    path = scenario_in(tmp_path)
    assert [code for code, _, _ in found(path)] == ["RP323"]
    assert "is a link to nothing" in message(path)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("shop.svg", b"", "is empty"),
        ("shop.svg", png(4, 4), "is not an SVG image"),
        ("shop.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "is not a PNG image"),
        ("shop.png", png(1, 1)[:16] + struct.pack(">II", 12_000, 12_000), "12,000 × 12,000"),
        (
            "shop.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="12000" height="12000">',
            "declares an image over",
        ),
    ],
)
def test_a_picture_that_cannot_be_shown_is_a_warning_saying_why(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    settings = art(tmp_path) / "settings"
    settings.mkdir(parents=True)
    (settings / name).write_bytes(content)
    path = scenario_in(tmp_path, VALID.replace("dealership", "shop"))
    assert [code for code, _, _ in found(path)] == ["RP323"]
    assert reason in message(path)


def test_a_folder_where_a_picture_should_be_is_refused(tmp_path: Path) -> None:
    (art(tmp_path) / "settings" / "shop.svg").mkdir(parents=True)
    path = scenario_in(tmp_path, VALID.replace("dealership", "shop"))
    assert "is not an ordinary file" in message(path)


# -- a folder at a time ---------------------------------------------------------------


def test_a_library_checks_each_scenario_against_its_folders_art(tmp_path: Path) -> None:
    scenario_in(tmp_path, VALID.replace("setting: dealership", "setting: dealershp"))
    library = load_library(tmp_path)
    assert [d.code for d in library.diagnostics] == ["RP320"]
    assert list(library.scenarios) == ["test-counter"]
    assert [d.code for d in validate_paths([tmp_path])] == ["RP320"]


def test_loader_and_window_look_for_the_same_files(tmp_path: Path) -> None:
    # The window's Art resolves names with game.pictures.find_picture, the loader with
    # the same PictureFolders: one layout, one rule.
    mood = art(tmp_path) / "portraits" / "x" / "upset.png"
    mood.parent.mkdir(parents=True)
    mood.write_bytes(png(4, 5))
    roots = pictures.roots_for(tmp_path)
    for found in (
        pictures.find_picture(roots, "portraits", "x", "upset"),
        Pictures(roots).find("portraits", "x", "upset"),
    ):
        assert isinstance(found, pictures.Found) and found.path == mood
    from game.loader import DEFAULT_SCENARIOS_DIR

    assert pictures.SHIPPED_SCENARIOS_DIR == DEFAULT_SCENARIOS_DIR
    assert pictures.art_folder(None) == DEFAULT_SCENARIOS_DIR / "art"
