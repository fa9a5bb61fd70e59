"""The scene stack: push, pop, replace, reset, overlays, and only the top scene updating."""

from __future__ import annotations

from typing import Any

from game.ui.canvas import Canvas
from game.ui.commands import Command, Confirm
from game.ui.scene import Context, Scene, SceneStack
from tests.ui.conftest import MakeApp


class Probe(Scene[Any]):
    """A scene that writes down what the stack did to it."""

    def __init__(self, ctx: Context, label: str, log: list[str], overlay: bool = False) -> None:
        super().__init__(ctx)
        self.name = label
        self.overlay = overlay
        self.log = log
        self.steps = 0

    def enter(self) -> None:
        self.log.append(f"enter {self.name}")

    def exit(self) -> None:
        self.log.append(f"exit {self.name}")

    def layout(self) -> None:
        self.log.append(f"layout {self.name}")

    def handle(self, command: Command) -> None:
        self.log.append(f"{self.name} got {type(command).__name__}")

    def update(self, step_s: float) -> None:
        self.steps += 1

    def draw(self, canvas: Canvas) -> None:
        self.log.append(f"draw {self.name}")


def test_push_lays_out_then_enters_and_pop_resumes_the_scene_below(make_app: MakeApp) -> None:
    ctx = make_app().ctx
    log: list[str] = []
    stack = SceneStack()
    stack.push(Probe(ctx, "a", log))
    stack.push(Probe(ctx, "b", log))
    popped = stack.pop()
    assert popped is not None and popped.name == "b"
    assert log == ["layout a", "enter a", "layout b", "enter b", "exit b", "enter a"]
    assert stack.top is not None and stack.top.name == "a"


def test_replace_swaps_the_top_without_resuming_the_scene_below(make_app: MakeApp) -> None:
    ctx = make_app().ctx
    log: list[str] = []
    stack = SceneStack()
    stack.push(Probe(ctx, "a", log))
    stack.push(Probe(ctx, "b", log))
    log.clear()
    stack.replace(Probe(ctx, "c", log))
    assert log == ["exit b", "layout c", "enter c"]
    assert [s.name for s in stack.scenes] == ["a", "c"]


def test_reset_leaves_only_the_new_scene(make_app: MakeApp) -> None:
    ctx = make_app().ctx
    log: list[str] = []
    stack = SceneStack()
    for label in "abc":
        stack.push(Probe(ctx, label, log))
    log.clear()
    stack.reset(Probe(ctx, "d", log))
    assert [s.name for s in stack.scenes] == ["d"]
    assert log == ["exit c", "exit b", "exit a", "layout d", "enter d"]


def test_dismiss_hands_the_result_to_whoever_pushed_the_scene(make_app: MakeApp) -> None:
    ctx = make_app().ctx
    log: list[str] = []
    results: list[object] = []
    stack = ctx.stack
    stack.push(Probe(ctx, "menu", log))
    game = Probe(ctx, "game", log)
    stack.push(game, results.append)
    log.clear()
    game.dismiss("won")
    assert results == ["won"]
    assert log == ["exit game", "enter menu"]  # the menu is resumed after the callback


def test_a_callback_that_opens_the_next_screen_skips_resuming_the_one_below(
    make_app: MakeApp,
) -> None:
    ctx = make_app().ctx
    log: list[str] = []
    stack = ctx.stack
    stack.push(Probe(ctx, "menu", log))
    game = Probe(ctx, "game", log)
    stack.push(game, lambda result: stack.push(Probe(ctx, "debrief", log)))
    log.clear()
    game.dismiss(None)
    assert log == ["exit game", "layout debrief", "enter debrief"]
    assert [s.name for s in stack.scenes] == ["menu", "debrief"]


def test_dismiss_takes_the_overlays_above_along(make_app: MakeApp) -> None:
    ctx = make_app().ctx
    log: list[str] = []
    stack = ctx.stack
    stack.push(Probe(ctx, "menu", log))
    game = Probe(ctx, "game", log)
    stack.push(game)
    stack.push(Probe(ctx, "pause", log, overlay=True))
    log.clear()
    game.dismiss(None)
    assert [s.name for s in stack.scenes] == ["menu"]
    assert log == ["exit pause", "exit game", "enter menu"]


def test_emit_reports_a_choice_and_the_scene_stays(make_app: MakeApp) -> None:
    ctx = make_app().ctx
    results: list[object] = []
    title = Probe(ctx, "title", [])
    ctx.stack.push(title, results.append)
    title.emit("settings")
    assert results == ["settings"] and ctx.stack.top is title


def test_an_overlay_is_drawn_over_the_scene_below_it_and_no_further(make_app: MakeApp) -> None:
    ctx = make_app().ctx
    log: list[str] = []
    stack = SceneStack()
    stack.push(Probe(ctx, "menu", log))
    stack.push(Probe(ctx, "game", log))
    stack.push(Probe(ctx, "pause", log, overlay=True))
    assert [s.name for s in stack.visible()] == ["game", "pause"]


def test_only_the_top_scene_receives_input_and_updates(make_app: MakeApp) -> None:
    app = make_app()
    log: list[str] = []
    below = Probe(app.ctx, "below", log)
    above = Probe(app.ctx, "above", log, overlay=True)
    app.stack.push(below)
    app.stack.push(above)
    app.frame()  # the first frame draws before any update
    import pygame

    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    for _ in range(5):
        app.frame()
    assert "above got Confirm" in log and "below got Confirm" not in log
    assert above.steps == 5 and below.steps == 0
    assert log.count("draw below") == 6  # still drawn under the overlay every frame


def test_a_scene_lays_out_again_when_the_text_size_changes(make_app: MakeApp) -> None:
    app = make_app()
    log: list[str] = []
    app.stack.push(Probe(app.ctx, "p", log))
    app.frame()

    app.apply_settings(app.ctx.settings._replace(text_size="projector"))
    app.frame()
    assert log.count("layout p") == 2


def test_commands_compare_by_value() -> None:
    from game.ui.commands import Choose, Move

    assert Choose(2) == Choose(2) and Choose(2) != Choose(3)
    assert Move(0, 1) != Move(1, 0)
    assert Confirm() == Confirm() and hash(Confirm()) == hash(Confirm())
    assert repr(Choose(2)) == "Choose(number=2)"


def test_the_example_scene_in_the_package_guide_runs(make_app: MakeApp) -> None:
    import textwrap

    import pygame

    import game.ui
    from game.ui.commands import Back

    doc = game.ui.__doc__ or ""
    start = doc.index("A minimal overlay::") + len("A minimal overlay::")
    end = doc.index("Tests drive the real loop")
    source = textwrap.dedent(doc[start:end])
    names: dict[str, object] = {"Scene": Scene, "Context": Context, "Command": Command}
    names.update(Back=Back, Confirm=Confirm, Canvas=Canvas)
    exec(compile(source, "game/ui/__init__.py", "exec"), names)
    app = make_app()
    app.start()
    app.frame()
    note = names["NoteScene"](app.ctx, "Saved.")  # type: ignore[operator]
    app.stack.push(note)
    app.frame()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode=""))
    app.frame()
    assert app.stack.top is not None and app.stack.top.name == "title"
