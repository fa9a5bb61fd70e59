"""Art by name: only inside assets/, checked before loading, a placeholder for anything wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.ui.assets import ASSETS_DIR, Art, drawn_portrait, svg_problem
from tests.ui.conftest import MakeApp

SIZE = (320, 180)
PORTRAIT = (160, 200)


@pytest.fixture
def art_root(tmp_path: Path, make_app: MakeApp) -> Path:
    """A copy of the placeholders and one real setting, in a folder the test may spoil."""
    make_app()  # a display, so images can be converted
    root = tmp_path / "assets"
    shutil.copytree(ASSETS_DIR / "placeholder", root / "placeholder")
    (root / "settings").mkdir()
    shutil.copy(ASSETS_DIR / "settings" / "garage.svg", root / "settings" / "garage.svg")
    (root / "portraits" / "kim").mkdir(parents=True)
    shutil.copy(
        ASSETS_DIR / "portraits" / "dana" / "neutral.svg",
        root / "portraits" / "kim" / "neutral.svg",
    )
    return root


def same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(
        b, "RGBA"
    )


def test_a_shipped_setting_and_portrait_load_at_the_size_asked(art_root: Path) -> None:
    art = Art(art_root)
    assert art.setting("garage", SIZE).get_size() == SIZE
    assert art.portrait("kim", "neutral", PORTRAIT).get_size() == PORTRAIT
    assert art.warnings == []


def test_art_is_rendered_once_and_then_served_from_the_cache(art_root: Path) -> None:
    art = Art(art_root)
    assert art.setting("garage", SIZE) is art.setting("garage", SIZE)


def test_a_missing_setting_shows_the_placeholder_and_warns_once(art_root: Path) -> None:
    art = Art(art_root)
    missing = art.setting("no-such-place", SIZE)
    placeholder = Art(art_root)._placeholder("setting", SIZE)
    assert same_pixels(missing, placeholder)
    art.setting("no-such-place", (100, 50))
    assert len(art.warnings) == 1 and "no-such-place" in art.warnings[0]


def test_a_missing_mood_falls_back_to_the_neutral_face(art_root: Path) -> None:
    art = Art(art_root)
    upset = art.portrait("kim", "upset", PORTRAIT)
    assert same_pixels(upset, art.portrait("kim", "neutral", PORTRAIT))


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a\\b", "Garage", "..", ""])
def test_names_that_are_not_plain_slugs_are_never_opened(art_root: Path, name: str) -> None:
    art = Art(art_root)
    assert art.setting(name, SIZE).get_size() == SIZE
    assert art._find("settings", name) is None


def test_a_symlink_out_of_the_assets_folder_is_refused(art_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.svg"
    shutil.copy(art_root / "settings" / "garage.svg", outside)
    (art_root / "settings" / "sneaky.svg").symlink_to(outside)
    art = Art(art_root)
    assert art._find("settings", "sneaky") is None
    art.setting("sneaky", SIZE)
    assert any("outside the assets folder" in w for w in art.warnings)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "is not an SVG image"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="12000" height="12000">',
            "declares an image over",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20000 100">',
            "declares an image over",
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg' width='100' height='", None),
    ],
)
def test_broken_or_oversized_images_are_caught_before_loading(
    art_root: Path, content: bytes, reason: str | None
) -> None:
    path = art_root / "settings" / "bad.svg"
    path.write_bytes(content)
    problem = svg_problem(path)
    if reason is None:  # truncated: the checks pass it on, the loader fails, a placeholder shows
        art = Art(art_root)
        assert art.setting("bad", SIZE).get_size() == SIZE
    else:
        assert problem is not None and reason in problem
        art = Art(art_root)
        assert art.setting("bad", SIZE).get_size() == SIZE
        assert any(reason in w for w in art.warnings)


def test_without_even_the_placeholder_file_a_placeholder_is_drawn(art_root: Path) -> None:
    shutil.rmtree(art_root / "placeholder")
    art = Art(art_root)
    assert art.portrait("nobody", "upset", PORTRAIT).get_size() == PORTRAIT
    assert art.setting(None, SIZE).get_size() == SIZE
    assert drawn_portrait(PORTRAIT).get_at((0, 0)).a == 0  # transparent around the silhouette


def test_a_scenario_with_missing_art_still_plays_to_the_end(
    make_app: MakeApp, tmp_path: Path
) -> None:
    from game.loader import load_library
    from tests.ui.support import write_tiny

    write_tiny(tmp_path / "scenarios")  # its setting and portrait do not exist
    app = make_app(
        library=load_library(tmp_path / "scenarios"), scenario="tiny-desk", autoplay=(1,)
    )
    assert app.run() == 0
    assert any("no-such-setting" in w for w in app.ctx.art.warnings)
    assert any("no-such-portrait" in w for w in app.ctx.art.warnings)
