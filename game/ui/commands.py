"""Input as commands: the one place where pygame events become what a scene acts on.

Keys, mouse, touch and window events all pass through `InputMap.translate`;
autoplay and tests post real pygame events, so they travel the same road as a
player's keys. Scenes never look at raw events.

The pointer is one road for mouse and touch: the left button or a tap is a
`Click`, the right button is `Back` (as Esc), the wheel or a finger's drag is a
`Scroll`. SDL also turns touches into mouse events; those copies are dropped,
so one tap is one click.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

Point = tuple[float, float]  # a position on the logical 1280×720 canvas
ToLogical = Callable[[tuple[int, int]], Point]  # window pixels to canvas coordinates


class _Data:
    """A command with fields (named in `__slots__`), compared and hashed by value.

    Plain classes rather than dataclasses: the window imports them before its
    first frame, and generating dataclass methods costs start-up time.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Data)
            and type(other) is type(self)
            and (self._values() == other._values())
        )

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{n}={v!r}" for n, v in zip(self.__slots__, self._values(), strict=True)
        )
        return f"{type(self).__name__}({fields})"


class _Signal:
    """A command without data; every instance equals every other of its kind."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Choose(_Data):
    """Pick the numbered option (number keys 1–6)."""

    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        self.number = number


class Advance(_Signal):
    """Go on: complete the text reveal or show the next line (Space, a click on the text)."""


class Confirm(_Signal):
    """Activate what has the focus (Enter)."""


class Back(_Signal):
    """Leave or close the current screen (Esc); in a conversation it pauses."""


class Pause(_Signal):
    """Open the pause menu (P)."""


class Undo(_Signal):
    """Take back the last choice (Backspace, coaching mode only)."""


class ShowHistory(_Signal):
    """Show the conversation so far (H)."""


class Move(_Data):
    """Move the focus by (dx, dy): arrow keys; left/right also change a setting."""

    __slots__ = ("dx", "dy")

    def __init__(self, dx: int, dy: int) -> None:
        self.dx = dx
        self.dy = dy


class FocusNext(_Data):
    """Tab (+1) or Shift+Tab (-1): the next focusable item in reading order."""

    __slots__ = ("step",)

    def __init__(self, step: int) -> None:
        self.step = step


class Click(_Data):
    """The primary mouse button went down at `pos` (logical canvas coordinates)."""

    __slots__ = ("pos",)

    def __init__(self, pos: Point) -> None:
        self.pos = pos


class Hover(_Data):
    """The mouse moved to `pos` (logical canvas coordinates)."""

    __slots__ = ("pos",)

    def __init__(self, pos: Point) -> None:
        self.pos = pos


class Scroll(_Data):
    """Scroll by `lines` (positive is down): the mouse wheel, Page Up/Down."""

    __slots__ = ("lines",)

    def __init__(self, lines: float) -> None:
        self.lines = lines


class TypeText(_Data):
    """Committed text from the keyboard or an input method (TEXTINPUT)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Compose(_Data):
    """Text being composed in an input method, not yet committed (TEXTEDITING)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Erase(_Signal):
    """Delete the character before the cursor in a text field (Backspace)."""


class ToggleVoice(_Signal):
    """V: switch self-voicing (reading the screen aloud) on or off."""


class ToggleFullscreen(_Signal):
    """F11: switch between a window and the full screen."""


class Quit(_Signal):
    """The window was closed."""


Command = (
    Choose
    | Advance
    | Confirm
    | Back
    | Pause
    | Undo
    | ShowHistory
    | Move
    | FocusNext
    | Click
    | Hover
    | Scroll
    | TypeText
    | Compose
    | Erase
    | ToggleVoice
    | ToggleFullscreen
    | Quit
)

PAGE_LINES = 12.0  # lines scrolled by Page Up / Page Down
WHEEL_LINES = 3.0  # lines scrolled per notch of the mouse wheel
TAP_SLOP = 12.0  # logical pixels a finger may move and still tap (beyond it, it drags)
DRAG_LINE = 40.0  # logical pixels of finger drag per line scrolled (one line of a ScrollArea)
LEFT, MIDDLE, RIGHT = 1, 2, 3  # mouse buttons

_NUMBER_KEYS = {
    **{getattr(pygame, f"K_{n}"): n for n in range(1, 10)},
    **{getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)},
}
_ARROWS = {
    pygame.K_LEFT: (-1, 0),
    pygame.K_RIGHT: (1, 0),
    pygame.K_UP: (0, -1),
    pygame.K_DOWN: (0, 1),
}
# Keys that still act while a text field has the keyboard: everything else
# arrives as TEXTINPUT so that input methods and dead keys work.
_TEXT_FIELD_KEYS = frozenset(
    {
        pygame.K_RETURN,
        pygame.K_KP_ENTER,
        pygame.K_ESCAPE,
        pygame.K_BACKSPACE,
        pygame.K_TAB,
        pygame.K_UP,
        pygame.K_DOWN,
        pygame.K_F11,
    }
)


WindowSize = Callable[[], tuple[int, int]]  # the window's size in pixels, now


class _Finger:
    """The finger being followed: where it went down and where it was last seen (logical)."""

    __slots__ = ("dragging", "finger", "last", "start")

    def __init__(self, finger: int, at: Point) -> None:
        self.finger = finger
        self.start = at
        self.last = at
        self.dragging = False


class InputMap:
    """Translates pygame events into commands, given where the canvas sits in the window."""

    def __init__(self, to_logical: ToLogical, window_size: WindowSize | None = None) -> None:
        self._to_logical = to_logical
        self._window_size = window_size or _display_size
        self._finger: _Finger | None = None  # one finger at a time: the first one down

    def translate(self, event: pygame.event.Event, text_input: bool = False) -> list[Command]:
        """The commands an event means; `text_input` while a text field has the keyboard."""
        kind = event.type
        if kind == pygame.QUIT:
            return [Quit()]
        if kind == pygame.KEYDOWN:
            return self._key(event.key, event.mod, text_input)
        if kind == pygame.TEXTINPUT:
            return [TypeText(event.text)] if text_input else []
        if kind == pygame.TEXTEDITING:
            return [Compose(event.text)] if text_input else []
        if kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            if getattr(event, "touch", False):
                return []  # SDL's mouse copy of a touch: the FINGER events speak for it
            if kind == pygame.MOUSEMOTION:
                return [Hover(self._to_logical(event.pos))]
            if kind == pygame.MOUSEBUTTONDOWN and event.button == LEFT:
                return [Click(self._to_logical(event.pos))]
            if kind == pygame.MOUSEBUTTONDOWN and event.button == RIGHT:
                return [Back()]
            return []
        if kind == pygame.MOUSEWHEEL:
            if getattr(event, "touch", False):
                return []
            return [Scroll(-WHEEL_LINES * float(event.y))]
        if kind in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            return self._touch(event)
        return []

    def _touch(self, event: pygame.event.Event) -> list[Command]:
        """A tap is a click where the finger lifts; a drag scrolls (content follows the finger)."""
        width, height = self._window_size()
        at = self._to_logical((round(event.x * width), round(event.y * height)))
        finger = self._finger
        if event.type == pygame.FINGERDOWN:
            if finger is not None:
                return []  # a second finger: only the first one is followed
            self._finger = _Finger(event.finger_id, at)
            return [Hover(at)]
        if finger is None or finger.finger != event.finger_id:
            return []
        if event.type == pygame.FINGERMOTION:
            moved = abs(at[0] - finger.start[0]) + abs(at[1] - finger.start[1])
            if not finger.dragging and moved <= TAP_SLOP:
                return []
            finger.dragging = True
            lines = (finger.last[1] - at[1]) / DRAG_LINE
            finger.last = at
            return [Scroll(lines)] if lines else []
        self._finger = None
        return [] if finger.dragging else [Click(at)]

    @staticmethod
    def _key(key: int, mod: int, text_input: bool) -> list[Command]:
        if text_input and key not in _TEXT_FIELD_KEYS:
            return []
        if key == pygame.K_F11 or (key == pygame.K_RETURN and mod & pygame.KMOD_ALT):
            return [ToggleFullscreen()]
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return [Confirm()]
        if key == pygame.K_ESCAPE:
            return [Back()]
        if key == pygame.K_BACKSPACE:
            return [Erase()] if text_input else [Undo()]
        if key == pygame.K_TAB:
            return [FocusNext(-1 if mod & pygame.KMOD_SHIFT else 1)]
        if key in _ARROWS:
            dx, dy = _ARROWS[key]
            return [Move(dx, dy)]
        if key == pygame.K_SPACE:
            return [Advance()]
        if key in _NUMBER_KEYS:
            return [Choose(_NUMBER_KEYS[key])]
        if key == pygame.K_h:
            return [ShowHistory()]
        if key == pygame.K_p:
            return [Pause()]
        if key == pygame.K_v:
            return [ToggleVoice()]
        if key == pygame.K_PAGEDOWN:
            return [Scroll(PAGE_LINES)]
        if key == pygame.K_PAGEUP:
            return [Scroll(-PAGE_LINES)]
        if key == pygame.K_HOME:
            return [Scroll(-1e6)]
        if key == pygame.K_END:
            return [Scroll(1e6)]
        return []


def _display_size() -> tuple[int, int]:
    surface = pygame.display.get_surface()
    return surface.get_size() if surface is not None else (1, 1)
