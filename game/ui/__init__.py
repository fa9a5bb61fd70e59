"""The game window (pygame-ce): scenes on a stack over a crisp, scalable canvas.

This docstring is the guide for anyone adding a screen (the meeting board and
team rounds build on it). Importing the package is free: it loads nothing.

Where things are
----------------
- ``app``: ``App`` (the window, the fixed-step loop, screenshots, autoplay) and
  ``main(options)``, which ``run.py`` calls. ``STEP_S = 1 / 60`` seconds per
  update; one render per frame.
- ``scene``: ``Scene`` (the base class), ``SceneStack`` (push / pop / replace /
  reset) and ``Context`` (what every scene may use: canvas, art, sounds,
  settings, saves, progress, library, store, options, stack, ``notify``).
- ``commands``: the commands scenes receive (``Choose(n)``, ``Advance()``,
  ``Confirm()``, ``Back()``, ``Pause()``, ``Undo()``, ``ShowHistory()``,
  ``Move(dx, dy)``, ``FocusNext(step)``, ``Click(pos)``, ``Hover(pos)``,
  ``Scroll(lines)``, ``TypeText``, ``Compose``, ``Erase``) and ``InputMap``,
  the one place where pygame events become commands.
- ``canvas``: ``Canvas`` draws in logical pixels on a 1280×720 canvas that is
  scaled and letterboxed into the real window; text is rendered at the
  window's scale (never a bitmap scaled up) and cached, as are panels.
- ``theme``: ``Palette`` (``WARM`` and ``HIGH_CONTRAST``), text ``STYLES``
  (name → weight, logical size, line spacing, how much it follows the
  player's text size) and spacing constants (``MARGIN``, ``GAP``, ``PAD``,
  ``RADIUS``).
- ``widgets``: ``Button`` (kinds ``primary``, ``normal``, ``quiet``,
  ``choice``, ``row``), ``FocusGroup`` (arrow keys move spatially, Tab in
  order, the mouse focuses what it hovers), ``TextField`` (IME-safe),
  ``ScrollArea``, and drawing helpers: ``draw_button``, ``key_hint``,
  ``hint_row``, ``bar``, ``chip``, ``score_chips``.
- ``assets``: ``Art`` serves settings and portraits as surfaces at the size
  asked, from SVG, only from inside ``assets/``, with placeholders.
- ``sound``: ``Sounds.play(name)``; silent when muted or without a device.
- ``services``: ``LibraryHandle`` (scenarios, loaded on a thread after the
  first frame; ``modules()``, ``scenario(id)``, ``analysis(id)``) and
  ``StoreHandle`` (the results store, opened on first ``get()``).
- ``scenes``: title, picker, conversation, debrief, settings, leaderboard,
  history; ``scenes.common`` has ``DialogScene`` (a titled menu over the
  screen below), backdrops, ``page_heading``, ``footer``, ``stack_buttons``
  and ``row_buttons``.

Writing a screen
----------------
Subclass ``Scene``, give it a ``name`` (screenshots are named after it), and
set ``overlay = True`` for a menu drawn over the screen below it (which then
stops updating: that is how pausing works). Then:

- ``__init__(ctx, ...)``: build the state and the widgets.
- ``layout()``: give widgets their boxes in logical pixels. It runs when the
  scene is pushed and whenever the window or the text size changes, so
  measure text there (``canvas.wrap``, ``canvas.measure``,
  ``canvas.line_height``) instead of assuming sizes. Call ``relayout()``
  after changing what is shown.
- ``handle(command)``: act on input; ``update(step_s)``: timers and
  animations in fixed steps; ``draw(canvas)``: read state and draw, never
  change it (cached renders are fine). Do slow or fallible work (the store,
  files) in ``handle``/``update``, never in ``draw``.
- ``view`` and ``settled``: what is on screen and whether it has finished
  animating; screenshots are taken when a settled view changes.
- ``autoplay(plan)``: the real pygame events a player would post now to
  follow an ``AutoplayPlan`` (``autoplay.key``, ``autoplay.click``).

Open a screen with ``ctx.stack.push(MyScene(ctx))`` and leave it with
``ctx.stack.pop()``. Use ``canvas.palette`` for every colour and text styles
by name, so high contrast and the text sizes work everywhere by themselves.
A minimal overlay::

    class NoteScene(Scene):
        name = "note"
        overlay = True

        def __init__(self, ctx: Context, text: str) -> None:
            super().__init__(ctx)
            self.text = text

        def handle(self, command: Command) -> None:
            if isinstance(command, Back | Confirm):
                self.ctx.stack.pop()

        def draw(self, canvas: Canvas) -> None:
            p = canvas.palette
            canvas.scrim(p.scrim, p.scrim_alpha)
            canvas.panel((340, 260, 600, 200), p.panel)
            canvas.block(canvas.wrap(self.text, "body", 552), (364, 284), p.ink)

Tests drive the real loop: ``tests/ui/conftest.py`` builds an ``App`` on
simulated time (``make_app``), and ``tests/ui/support.py`` posts real key,
text and mouse events and runs frames.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # pygame's banner is not ours to print
