"""The bundled art, font and sounds exist, load with pygame-ce and can be regenerated."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import re
import subprocess
import sys
import wave
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from types import ModuleType

import pygame
import pytest

from tests.assets.conftest import art_module

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
TOOLS = ROOT / "tools"

SETTINGS = (
    "dealership",
    "airport",
    "candle-shop",
    "date-night",
    "computer-shop",
    "garage",
    "bike-shop",
    "kitchen-shop",
    "furniture-store",
    "title",
    "meeting",
)
PORTRAITS = (
    "dana",
    "raj",
    "tom",
    "maya",
    "walter",
    "lena",
    "sophie",
    "claire",
    "frank",
    "rosa",
    "sam",
    "priya",
    "marcus",
)
MOODS = ("neutral", "pleased", "delighted", "annoyed", "upset", "thinking")
SOUNDS = (
    "select",
    "confirm",
    "feedback-good",
    "feedback-bad",
    "timer-tick",
    "ending-success",
    "ending-partial",
    "ending-failure",
)
FONTS = ("Inter-Regular.otf", "Inter-Bold.otf", "Inter-Italic.otf", "Inter-SemiBold.otf")
ACCENTED = "Zoë, Renée, Ångström, façade — ¿Qué?"

# What pygame-ce's SVG loader (SDL_image with nanosvg) draws reliably.
SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {
    "svg",
    "defs",
    "linearGradient",
    "radialGradient",
    "stop",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "polygon",
}
FORBIDDEN_ATTRS = {"style", "class", "clip-path", "mask", "filter", "href"}


def opaque_pixels(surface: pygame.Surface) -> int:
    return pygame.mask.from_surface(surface, 8).count()


# ---- settings ----------------------------------------------------------------


@pytest.mark.parametrize("name", SETTINGS)
def test_setting_loads_at_any_size(name: str) -> None:
    path = ASSETS / "settings" / f"{name}.svg"
    assert path.is_file()
    full = pygame.image.load(path)
    assert full.get_size() == (1280, 720)
    small = pygame.image.load_sized_svg(path, (640, 360))
    assert small.get_size() == (640, 360)
    # a backdrop covers the whole frame
    assert opaque_pixels(small) == 640 * 360


# ---- portraits ---------------------------------------------------------------


@pytest.mark.parametrize("pid", PORTRAITS)
@pytest.mark.parametrize("mood", MOODS)
def test_portrait_loads_with_a_transparent_background(pid: str, mood: str) -> None:
    path = ASSETS / "portraits" / pid / f"{mood}.svg"
    assert path.is_file()
    assert pygame.image.load(path).get_size() == (400, 500)
    img = pygame.image.load_sized_svg(path, (240, 300))
    # SDL_image keeps the aspect ratio and may round a side up by one pixel
    w, h = img.get_size()
    assert h == 300 and abs(w - 240) <= 1
    share = opaque_pixels(img) / (w * h)
    assert 0.25 < share < 0.9, share
    assert img.get_at((0, 0)).a == 0
    assert img.get_at((w - 1, 0)).a == 0
    # the figure stands on the bottom edge, roughly centred
    bottom = [img.get_at((x, h - 1)).a for x in range(w)]
    assert bottom[w // 2] == 255
    lit = [x for x, a in enumerate(bottom) if a]
    assert abs((lit[0] + lit[-1]) / 2 - w / 2) < 30


def face(pid: str, mood: str) -> bytes:
    img = pygame.image.load_sized_svg(ASSETS / "portraits" / pid / f"{mood}.svg", (200, 250))
    # eyebrows to chin
    return pygame.image.tobytes(img.subsurface((50, 70, 100, 90)), "RGBA")


@pytest.mark.parametrize("pid", PORTRAITS)
def test_every_mood_changes_the_face(pid: str) -> None:
    faces = {mood: face(pid, mood) for mood in MOODS}
    for a, b in combinations(MOODS, 2):
        pa, pb = faces[a], faces[b]
        changed = sum(1 for i in range(0, len(pa), 4) if pa[i : i + 4] != pb[i : i + 4])
        assert changed / (len(pa) // 4) > 0.15, f"{pid}: {a} and {b} faces look too alike"


def small_figure(pid: str, mood: str, height: int) -> bytes:
    """The whole portrait as seen small, on a plain backdrop."""
    img = pygame.image.load_sized_svg(
        ASSETS / "portraits" / pid / f"{mood}.svg", (height * 4 // 5, height)
    )
    seen = pygame.Surface(img.get_size())
    seen.fill((243, 228, 207))
    seen.blit(img, (0, 0))
    return pygame.image.tobytes(seen, "RGB")


@pytest.mark.parametrize("pid", PORTRAITS)
@pytest.mark.parametrize("height", [96, 160])
def test_every_mood_reads_when_small(pid: str, height: int) -> None:
    """Told apart by the figure, not by pixels no one can see: at 96 px high (a portrait
    the size of a thumbnail) every two moods differ clearly over a share of the picture."""
    seen = {mood: small_figure(pid, mood, height) for mood in MOODS}
    for a, b in combinations(MOODS, 2):
        pa, pb = seen[a], seen[b]
        visible = sum(
            1
            for i in range(0, len(pa), 3)
            if max(abs(pa[i + k] - pb[i + k]) for k in range(3)) > 48
        )
        assert visible / (len(pa) // 3) > 0.012, f"{pid}: {a} and {b} look alike at {height} px"


@pytest.mark.parametrize("kind, size", [("portrait", (400, 500)), ("setting", (1280, 720))])
def test_placeholders_load(kind: str, size: tuple[int, int]) -> None:
    path = ASSETS / "placeholder" / f"{kind}.svg"
    img = pygame.image.load(path)
    assert img.get_size() == size
    assert opaque_pixels(img) > 0
    half = pygame.image.load_sized_svg(path, (size[0] // 2, size[1] // 2))
    assert half.get_size() == (size[0] // 2, size[1] // 2)


def all_svgs() -> Iterator[Path]:
    yield from sorted(ASSETS.rglob("*.svg"))


@pytest.mark.parametrize("path", list(all_svgs()), ids=lambda p: str(p.relative_to(ASSETS)))
def test_svg_uses_only_what_the_loader_supports(path: Path) -> None:
    root = ET.parse(path).getroot()
    for el in root.iter():
        tag = el.tag.removeprefix(SVG_NS)
        assert tag in ALLOWED_TAGS, f"{path.name}: <{tag}>"
        for attr in el.attrib:
            name = attr.split("}")[-1]
            assert name not in FORBIDDEN_ATTRS, f"{path.name}: {name}="
    folder = path.parent.parent.name if path.parent.parent != ASSETS else path.parent.name
    if folder == "portraits" or path.name == "portrait.svg":
        assert root.get("viewBox") == "0 0 400 500"
    elif folder == "icon":
        assert root.get("viewBox") == "0 0 256 256"
    else:
        assert root.get("viewBox") == "0 0 1280 720"


# ---- window icon -------------------------------------------------------------


def test_the_window_icon_png_is_the_svg_drawn_at_64_pixels() -> None:
    png = pygame.image.load(ASSETS / "icon" / "rapport-64.png")
    assert png.get_size() == (64, 64)
    svg = pygame.image.load_sized_svg(ASSETS / "icon" / "rapport.svg", (64, 64))
    a, b = pygame.image.tobytes(png, "RGBA"), pygame.image.tobytes(svg, "RGBA")
    worst = max(abs(x - y) for x, y in zip(a, b, strict=True))
    assert worst <= 8, "run `python tools/make_art.py --png` (or `make art`)"
    # a tile with rounded corners: see-through corners, a solid middle
    assert png.get_at((0, 0)).a == 0
    assert png.get_at((32, 60)).a == 255


def test_the_window_icon_reads_at_16_pixels() -> None:
    """At the smallest size a window manager shows, the two bubbles still stand out from
    the tile: many pixels are far from the tile's teal."""
    img = pygame.image.load_sized_svg(ASSETS / "icon" / "rapport.svg", (16, 16))
    tile = pygame.Color(art_module("palette").PALETTE["teal"])
    bright = sum(
        1
        for x in range(16)
        for y in range(16)
        if img.get_at((x, y)).a == 255
        and sum(abs(c - t) for c, t in zip(img.get_at((x, y))[:3], tile[:3], strict=True)) > 150
    )
    assert bright >= 40


# ---- font --------------------------------------------------------------------


@pytest.fixture(scope="module")
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    pygame.font.quit()


@pytest.mark.usefixtures("fonts")
@pytest.mark.parametrize("filename", FONTS)
def test_font_renders_accented_text(filename: str) -> None:
    font = pygame.font.Font(ASSETS / "fonts" / filename, 28)
    assert font.name == "Inter"
    surface = font.render(ACCENTED, True, (0, 0, 0))
    assert surface.get_width() > 300
    metrics = font.metrics(ACCENTED)
    missing = [ch for ch, m in zip(ACCENTED, metrics, strict=True) if m is None]
    assert not missing


def test_font_licence_is_bundled() -> None:
    text = (ASSETS / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Inter Project Authors" in text


# ---- sounds ------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixer() -> Iterator[None]:
    pygame.mixer.init(frequency=44100, size=-16, channels=1)
    yield
    pygame.mixer.quit()


@pytest.mark.usefixtures("mixer")
@pytest.mark.parametrize("name", SOUNDS)
def test_sound_loads_and_is_short(name: str) -> None:
    path = ASSETS / "sounds" / f"{name}.wav"
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getsampwidth(), w.getnchannels()) == (44100, 2, 1)
        seconds = w.getnframes() / w.getframerate()
    assert 0.02 < seconds < 1.5
    sound = pygame.mixer.Sound(path)
    assert 0 < sound.get_length() < 1.5


# ---- generators ----------------------------------------------------------------


def run_tool(script: str, out: Path) -> None:
    subprocess.run(
        [sys.executable, str(TOOLS / script), "--out", str(out)],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


def test_make_art_regenerates_the_same_files(tmp_path: Path) -> None:
    run_tool("make_art.py", tmp_path)
    made = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*.svg")}
    assert len(made) == len(SETTINGS) + len(PORTRAITS) * len(MOODS) + 2 + 1
    # hand-made pictures may sit beside the generated ones; generated ones must be current
    stale = sorted(
        str(k) for k in made if not (ASSETS / k).is_file() or (ASSETS / k).read_bytes() != made[k]
    )
    assert not stale, f"run tools/make_art.py: {stale}"


def test_make_sounds_writes_every_sound(tmp_path: Path) -> None:
    run_tool("make_sounds.py", tmp_path)
    assert sorted(p.stem for p in tmp_path.glob("*.wav")) == sorted(SOUNDS)


def palette() -> dict[str, str]:
    return dict(art_module("palette").PALETTE)


def test_generated_art_keeps_to_the_palette(art_build: ModuleType) -> None:
    colours = {c.upper() for c in palette().values()}
    for name, text in art_build.all_files().items():
        used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", text)}
        assert used <= colours, f"{name}: {sorted(used - colours)}"


def test_art_guide_lists_the_palette_and_every_picture() -> None:
    guide = (ASSETS / "ART.md").read_text(encoding="utf-8")
    for hexcode in palette().values():
        assert hexcode in guide
    for word in (*SETTINGS, *PORTRAITS, *MOODS, *SOUNDS, *FONTS, "CC BY 4.0", "OFL"):
        assert word in guide, word
