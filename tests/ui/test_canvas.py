"""The logical canvas: letterboxing, crisp text at any size, wrapping, bounded caches, resize."""

from __future__ import annotations

import pygame
import pytest

from game.ui.assets import ASSETS_DIR
from game.ui.canvas import BLOCK_CACHE_BYTES, TEXT_CACHE_BYTES
from game.ui.panels import SUPERSAMPLE, WIDEST_SHADOW, _blurred_rect, _shadow, panel_surface
from game.ui.scenes.title import PLAY, TitleScene
from game.ui.text import LRU, Fonts, render_text, wrap_lines
from game.ui.theme import STYLES, Colour
from tests.ui.conftest import MakeApp
from tests.ui.support import click, frames, run_until, top


def test_a_square_window_letterboxes_the_canvas_and_maps_points_back(make_app: MakeApp) -> None:
    app = make_app(size=(1000, 1000))
    canvas = app.ctx.canvas
    assert canvas.scale == pytest.approx(1000 / 1280)
    assert canvas.ox == 0 and canvas.oy == round((1000 - 720 * 1000 / 1280) / 2)
    assert canvas.to_logical(canvas.point(640, 360)) == pytest.approx((640, 360), abs=1)
    app.start()
    frames(app, 2)
    # The bars above and below the canvas are the backdrop colour, not the scene.
    assert tuple(app.window.get_at((500, 5)))[:3] == canvas.palette.backdrop


def test_text_is_rendered_at_the_window_scale_not_scaled_up(make_app: MakeApp) -> None:
    small = make_app(size=(1280, 720)).ctx.canvas
    small_height = small.rendered("Hello", "body", (0, 0, 0)).get_height()
    big = make_app(size=(1920, 1080)).ctx.canvas
    big_height = big.rendered("Hello", "body", (0, 0, 0)).get_height()
    assert big.font_px(STYLES["body"]) == 36
    assert big_height == pytest.approx(small_height * 1.5, abs=2)
    # Logical measurements stay the same, so layouts do not change with the window.
    assert big.measure("Hello", "body")[0] == pytest.approx(
        small.measure("Hello", "body")[0], rel=0.05
    )


def test_a_resized_window_is_laid_out_again_and_clicks_still_land(make_app: MakeApp) -> None:
    app = make_app()
    app.start()
    frames(app, 3)
    pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080))
    frames(app, 2)
    assert app.ctx.canvas.scale == pytest.approx(1.5)
    title = top(app)
    assert isinstance(title, TitleScene)
    play = next(b for b in title.focus.buttons if b.action == PLAY)
    x, y, w, h = play.box
    click(app, (x + w / 2, y + h / 2))
    run_until(app, lambda: top(app).name == "picker")


def test_wrapping_keeps_every_line_within_the_width_and_splits_giant_words() -> None:
    pygame.font.init()  # no window here: the test may run first in its process
    font = Fonts(ASSETS_DIR / "fonts").get("regular", 20)
    text = "A loaner is an extended test drive " * 6 + "x" * 300
    lines = wrap_lines(font, text, 300)
    assert len(lines) > 6
    assert all(font.size(line)[0] <= 300 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_fit_shortens_with_an_ellipsis_only_when_needed(make_app: MakeApp) -> None:
    canvas = make_app().ctx.canvas
    assert canvas.fit("Short", "body", 500) == "Short"
    fitted = canvas.fit("A very long scenario title that cannot fit", "body", 200)
    assert fitted.endswith("…") and canvas.measure(fitted, "body")[0] <= 200


def test_text_pygame_cannot_draw_gives_an_empty_surface_not_an_error() -> None:
    pygame.font.init()
    font = pygame.font.Font(None, 20)
    assert render_text(font, "a\x00b", (0, 0, 0)).get_width() >= 1
    assert render_text(font, "", (0, 0, 0)).get_width() == 1


def test_caches_forget_old_entries_past_their_limit_in_bytes(make_app: MakeApp) -> None:
    canvas = make_app().ctx.canvas
    first = canvas.rendered("line 0 " * 20, "title", (0, 0, 0))
    each = first.get_pitch() * first.get_height()
    count = TEXT_CACHE_BYTES // each + 200
    for number in range(1, count):
        canvas.rendered(f"line {number} " * 20, "title", (0, 0, 0))
    assert canvas._text.bytes <= TEXT_CACHE_BYTES
    assert TEXT_CACHE_BYTES - 2 * each < canvas._text.bytes
    assert len(canvas._text) < count
    assert (
        canvas._text.get(("line 0 " * 20, "title", (0, 0, 0), canvas.font_px(STYLES["title"])))
        is None
    )


def test_a_paragraph_is_weighed_again_once_its_lines_are_rendered(make_app: MakeApp) -> None:
    canvas = make_app().ctx.canvas
    text = "A paragraph long enough to wrap onto a few lines at this width. " * 3
    block = canvas.wrap(text, "body", 300)
    assert canvas._blocks.bytes < 1024  # not rendered yet
    canvas.block(block, (0, 0))
    rendered = block.bytes
    assert rendered > 0
    assert canvas.wrap(text, "body", 300) is block
    assert canvas._blocks.bytes >= rendered
    for number in range(BLOCK_CACHE_BYTES // rendered + 50):
        canvas.block(canvas.wrap(f"{number} {text}", "body", 300), (0, 0))
    canvas.wrap("one more", "body", 300)
    assert canvas._blocks.bytes <= BLOCK_CACHE_BYTES


def test_release_forgets_every_rendering(make_app: MakeApp) -> None:
    app = make_app()
    canvas = app.ctx.canvas
    canvas.text("Hello", "body", (10, 10))
    canvas.panel((10, 10, 200, 100), (200, 200, 200), shadow=40)
    app.ctx.art.setting("airport", canvas.size_px)
    assert canvas.cached_bytes > 0 and app.ctx.art._cache.bytes > 0
    canvas.release()
    app.ctx.art.release()
    assert canvas.cached_bytes == 0 and canvas.cached == 0 and app.ctx.art._cache.bytes == 0
    lru: LRU[int, int] = LRU(2)
    lru.put(1, 1)
    lru.put(2, 2)
    assert lru.get(1) == 1
    lru.put(3, 3)
    assert lru.get(2) is None and lru.get(1) == 1


def smoothed_whole(
    width: int,
    height: int,
    colour: Colour,
    alpha: int,
    radius: int,
    shadow: int,
    border: Colour | None,
    border_px: int,
) -> tuple[pygame.Surface, int]:
    """A panel drawn whole at SUPERSAMPLE times the size, smoothed down, on its shadow."""
    margin = min(max(4, min(width, height) // 10, radius), 24) if shadow else 0
    big = pygame.Surface((width * SUPERSAMPLE, height * SUPERSAMPLE), pygame.SRCALPHA)
    big_radius = min(radius * SUPERSAMPLE, min(big.get_size()) // 2)
    body = big.get_rect()
    if border is not None and border_px > 0:
        pygame.draw.rect(big, (*border, alpha), body, border_radius=big_radius)
        inset = border_px * SUPERSAMPLE
        body = body.inflate(-2 * inset, -2 * inset)
        big_radius = max(0, big_radius - inset)
    pygame.draw.rect(big, (*colour, alpha), body, border_radius=big_radius)
    face = pygame.transform.smoothscale(big, (width, height))
    if not shadow:
        return face, 0
    out = pygame.Surface((width + 2 * margin, height + 2 * margin), pygame.SRCALPHA)
    out.blit(_shadow(width, height, radius, margin, shadow), (0, 0))
    out.blit(face, (margin, margin - margin // 4))
    return out, margin


PANELS = [  # width, height, colour, alpha, radius, shadow, border, border width
    (900, 632, (253, 248, 240), 255, 22, 60, None, 0),  # the introduction's page
    (150, 52, (148, 56, 35), 255, 14, 30, None, 0),  # a button
    (392, 58, (255, 252, 247), 255, 14, 0, (226, 208, 188), 2),  # outlined (high contrast)
    (398, 58, (253, 248, 240), 255, 17, 0, (253, 248, 240), 0),  # a focus ring's gap
    (331, 40, (253, 248, 240), 250, 20, 0, None, 0),  # see-through
    (331, 41, (30, 60, 90), 128, 13, 45, (250, 250, 0), 3),  # see-through, outlined, shadow
    (61, 33, (10, 200, 30), 255, 40, 0, (0, 0, 0), 5),  # a radius larger than the panel
    (42, 28, (228, 218, 206), 255, 6, 0, None, 0),  # a key pill
    (40, 9, (1, 2, 3), 255, 1, 20, (9, 9, 9), 6),  # an outline wider than the radius
    (5, 3, (90, 90, 90), 255, 3, 10, None, 0),  # tiny
    (1, 1, (90, 90, 90), 255, 0, 0, None, 0),
]


@pytest.mark.parametrize("panel", PANELS)
def test_a_panel_drawn_in_pieces_has_the_pixels_of_one_smoothed_whole(
    make_app: MakeApp, panel: tuple[int, int, Colour, int, int, int, Colour | None, int]
) -> None:
    make_app()  # a window, so surfaces have its format
    surface, margin = panel_surface(*panel)
    expected, expected_margin = smoothed_whole(*panel)
    assert margin == expected_margin
    assert surface.get_size() == expected.get_size()
    assert surface.get_flags() & pygame.SRCALPHA
    assert pygame.image.tobytes(surface, "RGBA") == pygame.image.tobytes(expected, "RGBA")


def quarter_blurred_shadow(
    width: int, height: int, radius: int, margin: int, alpha: int
) -> pygame.Surface:
    """A shadow blurred at a quarter of its size, as every shadow once was."""
    full = (width + 2 * margin, height + 2 * margin)
    shade = pygame.Surface((full[0] // 4, full[1] // 4), pygame.SRCALPHA)
    inner = pygame.Rect(margin // 4, margin // 4, width // 4, height // 4)
    pygame.draw.rect(shade, (20, 12, 16, alpha), inner, border_radius=radius // 4)
    return pygame.transform.smoothscale(pygame.transform.gaussian_blur(shade, margin // 8), full)


@pytest.mark.parametrize("size", [(900, 632), (600, 240), (1200, 660)])
def test_the_widest_shadow_blurred_smaller_looks_the_same(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    make_app()
    width, height = size
    backdrop = (243, 228, 212)
    shown = []
    for shadow in (
        _shadow(width, height, 18, WIDEST_SHADOW, 60),
        quarter_blurred_shadow(width, height, 18, WIDEST_SHADOW, 60),
    ):
        page = pygame.Surface(shadow.get_size())
        page.fill(backdrop)
        page.blit(shadow, (0, 0))
        shown.append(pygame.image.tobytes(page, "RGB"))
    assert max(abs(a - b) for a, b in zip(*shown, strict=True)) <= 3
    assert shown[0] != shown[1]  # it is drawn the quicker way


@pytest.mark.parametrize(
    ("size", "inner", "radius", "blur"),
    [
        ((158, 113), (4, 4, 150, 105), 3, 2),  # the introduction's page, a sixth of its size
        ((44, 20), (3, 3, 37, 13), 3, 1),  # a button
        ((237, 170), (6, 6, 225, 158), 4, 3),
        ((30, 200), (4, 4, 22, 192), 2, 2),  # long one way only
        ((300, 40), (2, 2, 296, 36), 5, 1),
        ((21, 21), (3, 3, 15, 15), 3, 2),  # too short to cut
    ],
)
def test_a_long_shadow_blurred_short_and_stretched_has_the_pixels_of_blurring_it_whole(
    make_app: MakeApp,
    size: tuple[int, int],
    inner: tuple[int, int, int, int],
    radius: int,
    blur: int,
) -> None:
    make_app()
    whole = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(whole, (20, 12, 16, 60), inner, border_radius=radius)
    whole = pygame.transform.gaussian_blur(whole, blur)
    quick = _blurred_rect(size, pygame.Rect(inner), radius, blur, 60)
    assert pygame.image.tobytes(quick, "RGBA") == pygame.image.tobytes(whole, "RGBA")


def test_the_backdrop_gradient_is_a_smoothed_column_widened_even_when_clipped(
    make_app: MakeApp,
) -> None:
    canvas = make_app().ctx.canvas
    window = canvas.surface
    top, bottom = (250, 240, 230), (120, 60, 30)
    column = pygame.Surface((1, 2))
    column.set_at((0, 0), top)
    column.set_at((0, 1), bottom)
    tall = pygame.transform.smoothscale(column, (1, window.get_height()))
    expected = pygame.transform.scale(tall, window.get_size()).convert()
    for clip in (None, pygame.Rect(100, 50, 300, 200)):
        window.fill((0, 0, 0))
        window.set_clip(clip)
        canvas.gradient((0, 0, 1280, 720), top, bottom)
        window.set_clip(None)
        area = clip or window.get_rect()
        drawn = pygame.image.tobytes(window.subsurface(area), "RGB")
        assert drawn == pygame.image.tobytes(expected.subsurface(area), "RGB")
        if clip is not None:
            assert window.get_at((0, 0))[:3] == (0, 0, 0)  # nothing drawn outside the clip
