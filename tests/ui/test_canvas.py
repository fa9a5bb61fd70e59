"""The logical canvas: letterboxing, crisp text at any size, wrapping, bounded caches, resize."""

from __future__ import annotations

import pygame
import pytest

from game.ui.assets import ASSETS_DIR
from game.ui.canvas import BLOCK_CACHE_BYTES, TEXT_CACHE_BYTES
from game.ui.scenes.title import PLAY, TitleScene
from game.ui.text import LRU, Fonts, render_text, wrap_lines
from game.ui.theme import STYLES
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
