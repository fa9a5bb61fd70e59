"""The game window (pygame-ce): scenes on a stack over a crisp, scalable canvas.

This docstring is the guide for anyone adding a screen. Importing the package
is free: it loads nothing.

Where things are
----------------
- ``app``: ``App`` (the window, the fixed-step loop, screenshots, autoplay) and
  ``main(options)``, which ``rapport window`` (and ``run.py``) calls.
  ``STEP_S = 1 / 60`` seconds per update; one render per frame.
- ``scene``: ``Scene[R]`` (the base class of a screen that finishes with a
  result of type R), ``SceneStack`` (push with a callback / pop / dismiss /
  replace / reset) and ``Context`` (what every scene may use: canvas, art,
  sounds, settings, saves, library, store worker, progress, options, stack,
  ``notify``).
- ``flow``: which screen follows which: title → picker → conversation →
  debrief, and the team round's turns. The only module that opens a screen
  because another one finished.
- ``worker``: ``StoreWorker``, the one thread between the window and the
  results store (``submit`` a job, answers are delivered between frames).
  ``progress`` (the player's bests, read through it) and ``recording`` (a
  finished playthrough on its way to the store) use it.
- ``commands``: the commands scenes receive (``Choose(n)``, ``Advance()``,
  ``Confirm()``, ``Back()``, ``Pause()``, ``Undo()``, ``ShowHistory()``,
  ``Move(dx, dy)``, ``FocusNext(step)``, ``Click(pos)``, ``Hover(pos)``,
  ``Scroll(lines)``, ``TypeText``, ``Compose``, ``Erase``) and ``InputMap``,
  the one place where pygame events become commands.
- ``canvas``: ``Canvas`` draws in logical pixels on a 1280×720 canvas that is
  scaled and letterboxed into the real window; text is rendered at the
  window's scale (never a bitmap scaled up) and cached, as are panels.
- ``theme``: ``Palette`` (``WARM`` and ``HIGH_CONTRAST``), text ``STYLES``
  and spacing constants (``MARGIN``, ``GAP``, ``PAD``, ``RADIUS``).
- ``widgets``: ``Button`` (kinds ``primary``, ``normal``, ``quiet``,
  ``choice``, ``row``, ``field``), ``FocusGroup`` (``handle(command)`` moves
  the focus with arrows, Tab and the mouse and reports ``Moved`` or
  ``Activated(action)``), ``TextField`` (IME-safe), ``ScrollArea``.
- ``drawing``: ``draw_button``, ``key_hint``, ``hint_row``, ``bar``, ``chip``,
  ``score_chips``, ``draw_lock``.
- ``assets``: ``Art`` serves settings and portraits as surfaces at the size
  asked, from SVG, only from inside ``assets/``, with placeholders.
- ``sound``: ``Sounds.play(name)``; silent when muted or without a device.
- ``services``: ``LibraryHandle`` (scenarios, loaded on a thread after the
  first frame) and ``StoreHandle`` (the results store, opened on first use,
  on the worker's thread).
- ``scenes``: title, picker, debrief, settings, leaderboard, and ``common``
  (``DialogScene``, backdrops, ``footer``, button rows).
- ``conversation``: the conversation (``scene``: state and input; ``view``:
  layout and drawing; ``reload``: trainer mode; ``history``).
- ``meeting``: the projector board (``scene``), the team round
  (``team_round`` and its ``team_round_view``) and the ``board`` pieces
  both draw.
- ``live``: hosting a live session on the projector (``setup``, then
  ``scene`` with its ``view`` and ``huddle`` drawing); ``hosting`` runs the
  session (game.live) on threads of its own, so no frame waits for it.

Writing a screen
----------------
Subclass ``Scene[R]`` where R is what the screen finishes with (``None`` if
nothing), give it a ``name`` (screenshots are named after it), and set
``overlay = True`` for a menu drawn over the screen below it (which then stops
updating: that is how pausing works). Then:

- ``__init__(ctx, ...)``: build the state and the widgets.
- ``layout()``: give widgets their boxes in logical pixels. It runs when the
  scene is pushed and whenever the window or the text size changes, so
  measure text there (``canvas.wrap``, ``canvas.measure``,
  ``canvas.line_height``) instead of assuming sizes. Call ``relayout()``
  after changing what is shown.
- ``handle(command)``: act on input (``self.focus.handle(command)`` does the
  focus); ``update(step_s)``: timers and animations in fixed steps;
  ``draw(canvas)``: read state and draw, never change it (cached renders are
  fine). Reach the results store only through ``ctx.worker``; do files in
  ``handle``/``update``, never in ``draw``.
- ``enter()`` when it becomes the top screen, ``exit()`` when it leaves the
  stack (stop what it started there).
- ``dismiss(result)`` to finish, ``emit(result)`` to report a choice while
  staying. The screen never opens the screen that follows it: add that to
  ``flow``, in the callback given to ``ctx.stack.push(scene, on_result)``.
- ``view`` and ``settled``: what is on screen and whether it has finished
  animating; screenshots are taken when a settled view changes.
- ``autoplay(plan)``: the real pygame events a player would post now to
  follow an ``AutoplayPlan`` (``autoplay.key``, ``autoplay.click``).

Use ``canvas.palette`` for every colour and text styles by name, so high
contrast and the text sizes work everywhere by themselves. CONTRIBUTING.md
lists the files a new screen touches. A minimal overlay::

    class NoteScene(Scene[None]):
        name = "note"
        overlay = True

        def __init__(self, ctx: Context, text: str) -> None:
            super().__init__(ctx)
            self.text = text

        def handle(self, command: Command) -> None:
            if isinstance(command, Back | Confirm):
                self.dismiss(None)

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
# The window's class (X11's WM_CLASS, Wayland's app id), so docks and window switchers show
# "Rapport" and its icon. Set before pygame is imported: pygame names it after the script.
os.environ.setdefault("SDL_VIDEO_X11_WMCLASS", "Rapport")
os.environ.setdefault("SDL_VIDEO_WAYLAND_WMCLASS", "rapport")
