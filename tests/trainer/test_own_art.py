"""A trainer's own pictures, in `art/` beside their scenarios, are what the window shows."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game import pictures
from game.loader import load_library, validate_paths
from game.settings import Settings
from game.store import MemoryResultsStore
from game.ui.app import App
from game.ui.assets import ASSETS_DIR, Art
from game.ui.options import Options
from game.ui.services import StoreHandle
from tests.loader.test_art import png
from tests.ui.support import TINY_SCENARIO

SIZE = (320, 180)
PORTRAIT = (160, 200)
COLOUR = (0x80, 0x40, 0x20)  # the colour of every PNG that png() draws


@pytest.fixture
def display(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A headless display (pictures are converted for it) and private game folders."""
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.event.get()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A trainer's folder: the tiny scenario, with a setting and a portrait of their own."""
    scenarios = tmp_path / "my-scenarios"
    scenarios.mkdir()
    text = TINY_SCENARIO.replace("no-such-setting", "flower-stall").replace(
        "no-such-portrait", "kim"
    )
    (scenarios / "tiny-desk.yaml").write_text(text, encoding="utf-8")
    own = pictures.art_folder(scenarios)
    (own / "settings").mkdir(parents=True)
    (own / "settings" / "flower-stall.png").write_bytes(png(128, 72))
    shutil.copytree(ASSETS_DIR / "portraits" / "maya", own / "portraits" / "kim")
    return scenarios


@pytest.mark.usefixtures("display")
def test_the_window_draws_a_trainers_png_setting_and_svg_portrait(folder: Path) -> None:
    art = Art(ASSETS_DIR, own=pictures.art_folder(folder))
    setting = art.setting("flower-stall", SIZE)
    assert setting.get_size() == SIZE
    assert tuple(setting.get_at((SIZE[0] // 2, SIZE[1] // 2)))[:3] == COLOUR
    portrait = art.portrait("kim", "thinking", PORTRAIT)
    assert portrait.get_size()[1] == PORTRAIT[1]
    assert art.warnings == []
    # Shipped pictures are still there beside the trainer's own.
    art.setting("garage", SIZE)
    assert art.warnings == []


@pytest.mark.usefixtures("display")
def test_without_the_art_folder_the_same_names_are_placeholders(folder: Path) -> None:
    art = Art(ASSETS_DIR)
    art.setting("flower-stall", SIZE)
    assert any("flower-stall" in w for w in art.warnings)


@pytest.mark.usefixtures("display")
def test_the_window_refuses_a_trainers_picture_that_links_out(folder: Path, tmp_path: Path) -> None:
    own = pictures.art_folder(folder)
    outside = tmp_path / "outside.png"
    outside.write_bytes(png(16, 9))
    (own / "settings" / "flower-stall.png").unlink()
    (own / "settings" / "flower-stall.png").symlink_to(outside)
    art = Art(ASSETS_DIR, own=own)
    art.setting("flower-stall", SIZE)
    assert any("leads outside the art folder" in w for w in art.warnings)
    assert [d.code for d in validate_paths([folder])] == ["RP323"]


@pytest.mark.usefixtures("display")
def test_a_png_declaring_huge_dimensions_is_never_decoded(folder: Path) -> None:
    own = pictures.art_folder(folder)
    (own / "settings" / "flower-stall.png").write_bytes(
        png(1, 1)[:16] + (12_000).to_bytes(4, "big") * 2 + png(1, 1)[24:]
    )
    art = Art(ASSETS_DIR, own=own)
    assert art.setting("flower-stall", SIZE).get_size() == SIZE
    assert any("12,000 × 12,000 pixels" in w for w in art.warnings)


def test_the_window_plays_a_scenario_with_the_trainers_pictures(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    assert validate_paths([folder], strict=True) == []
    shots = tmp_path / "shots"
    shots.mkdir()  # as run.py makes it
    app = App(
        Options(
            scenarios_dir=folder,
            scenario="tiny-desk",
            autoplay=(1,),
            player="Ana",
            screenshots=shots,
        ),
        library=load_library(folder),
        store=StoreHandle.of(MemoryResultsStore()),
        settings=Settings(player_name="Ana", text_speed="instant", volume=0),
        fast=True,
    )
    try:
        assert app.ctx.art.roots[0] == pictures.art_folder(folder)
        assert app.run() == 0
        assert app.ctx.art.warnings == []
        assert sorted(shots.glob("*.png"))
    finally:
        pygame.event.get()
