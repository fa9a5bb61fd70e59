"""Every kind of input becomes the right command, in one place."""

from __future__ import annotations

import pygame
import pytest

from game.ui.commands import (
    Advance,
    Back,
    Choose,
    Click,
    Command,
    Compose,
    Confirm,
    Erase,
    FocusNext,
    Hover,
    InputMap,
    Move,
    Pause,
    Quit,
    Scroll,
    ShowHistory,
    ToggleFullscreen,
    ToggleVoice,
    TypeText,
    Undo,
)

IDENTITY = InputMap(lambda pos: (float(pos[0]), float(pos[1])))


def key(code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)


@pytest.mark.parametrize(
    ("code", "mod", "command"),
    [
        (pygame.K_1, 0, Choose(1)),
        (pygame.K_6, 0, Choose(6)),
        (pygame.K_KP3, 0, Choose(3)),
        (pygame.K_RETURN, 0, Confirm()),
        (pygame.K_KP_ENTER, 0, Confirm()),
        (pygame.K_SPACE, 0, Advance()),
        (pygame.K_ESCAPE, 0, Back()),
        (pygame.K_p, 0, Pause()),
        (pygame.K_v, 0, ToggleVoice()),
        (pygame.K_h, 0, ShowHistory()),
        (pygame.K_BACKSPACE, 0, Undo()),
        (pygame.K_LEFT, 0, Move(-1, 0)),
        (pygame.K_RIGHT, 0, Move(1, 0)),
        (pygame.K_UP, 0, Move(0, -1)),
        (pygame.K_DOWN, 0, Move(0, 1)),
        (pygame.K_TAB, 0, FocusNext(1)),
        (pygame.K_TAB, pygame.KMOD_LSHIFT, FocusNext(-1)),
        (pygame.K_PAGEDOWN, 0, Scroll(12.0)),
        (pygame.K_PAGEUP, 0, Scroll(-12.0)),
        (pygame.K_F11, 0, ToggleFullscreen()),
        (pygame.K_RETURN, pygame.KMOD_LALT, ToggleFullscreen()),
    ],
)
def test_each_key_means_one_command(code: int, mod: int, command: Command) -> None:
    assert IDENTITY.translate(key(code, mod)) == [command]


def test_keys_without_a_meaning_give_no_command() -> None:
    assert IDENTITY.translate(key(pygame.K_z)) == []


def test_while_typing_letters_arrive_only_as_text_and_backspace_erases() -> None:
    assert IDENTITY.translate(key(pygame.K_h), text_input=True) == []
    assert IDENTITY.translate(key(pygame.K_1), text_input=True) == []
    assert IDENTITY.translate(key(pygame.K_BACKSPACE), text_input=True) == [Erase()]
    assert IDENTITY.translate(key(pygame.K_RETURN), text_input=True) == [Confirm()]
    typed = pygame.event.Event(pygame.TEXTINPUT, text="é")
    assert IDENTITY.translate(typed, text_input=True) == [TypeText("é")]
    assert IDENTITY.translate(typed, text_input=False) == []
    editing = pygame.event.Event(pygame.TEXTEDITING, text="かな", start=0, length=2)
    assert IDENTITY.translate(editing, text_input=True) == [Compose("かな")]


def test_mouse_positions_become_canvas_coordinates() -> None:
    halved = InputMap(lambda pos: (pos[0] / 2, pos[1] / 2))
    down = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(200, 100), button=1)
    moved = pygame.event.Event(pygame.MOUSEMOTION, pos=(20, 40), rel=(0, 0), buttons=(0, 0, 0))
    assert halved.translate(down) == [Click((100.0, 50.0))]
    assert halved.translate(moved) == [Hover((10.0, 20.0))]


def test_the_right_button_goes_back_as_esc_does_and_the_middle_one_does_nothing() -> None:
    right = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(200, 100), button=3)
    middle = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(200, 100), button=2)
    assert IDENTITY.translate(right) == [Back()] == IDENTITY.translate(key(pygame.K_ESCAPE))
    assert IDENTITY.translate(middle) == []


def finger(kind: int, x: float, y: float, finger_id: int = 0) -> pygame.event.Event:
    return pygame.event.Event(
        kind, touch_id=1, finger_id=finger_id, x=x, y=y, dx=0.0, dy=0.0, pressure=1.0
    )


def test_a_tap_is_a_click_where_the_finger_lifts() -> None:
    touch = InputMap(lambda pos: (pos[0] / 2, pos[1] / 2), lambda: (2560, 1440))  # a 2× window
    assert touch.translate(finger(pygame.FINGERDOWN, 0.5, 0.25)) == [Hover((640.0, 180.0))]
    x, y = 0.5 + 2 / 2560, 0.25 + 2 / 1440  # two window pixels away: one logical pixel
    assert touch.translate(finger(pygame.FINGERMOTION, x, y)) == []  # a tremble, not a drag
    assert touch.translate(finger(pygame.FINGERUP, x, y)) == [Click((641.0, 181.0))]


def test_a_finger_drag_scrolls_with_the_finger_and_never_clicks() -> None:
    touch = InputMap(lambda pos: (pos[0] / 2, pos[1] / 2), lambda: (2560, 1440))  # a 2× window
    touch.translate(finger(pygame.FINGERDOWN, 0.5, 0.5))
    # Up by 80 logical pixels (two lines): the content follows the finger, down the page.
    assert touch.translate(finger(pygame.FINGERMOTION, 0.5, 0.5 - 80 / 720)) == [Scroll(2.0)]
    assert touch.translate(finger(pygame.FINGERMOTION, 0.5, 0.5 - 40 / 720)) == [Scroll(-1.0)]
    assert touch.translate(finger(pygame.FINGERUP, 0.5, 0.5 - 40 / 720)) == []


def test_a_second_finger_is_ignored_while_the_first_is_down() -> None:
    touch = InputMap(lambda pos: (pos[0] / 2, pos[1] / 2), lambda: (2560, 1440))  # a 2× window
    touch.translate(finger(pygame.FINGERDOWN, 0.5, 0.5, finger_id=1))
    assert touch.translate(finger(pygame.FINGERDOWN, 0.1, 0.1, finger_id=2)) == []
    assert touch.translate(finger(pygame.FINGERUP, 0.1, 0.1, finger_id=2)) == []
    assert touch.translate(finger(pygame.FINGERUP, 0.5, 0.5, finger_id=1)) == [
        Click((640.0, 360.0))
    ]


def test_the_mouse_copies_sdl_makes_of_a_touch_are_dropped() -> None:
    down = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(200, 100), button=1, touch=True)
    moved = pygame.event.Event(
        pygame.MOUSEMOTION, pos=(20, 40), rel=(0, 0), buttons=(1, 0, 0), touch=True
    )
    wheel = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, touch=True)
    assert IDENTITY.translate(down) == IDENTITY.translate(moved) == []
    assert IDENTITY.translate(wheel) == []


def test_the_wheel_scrolls_three_lines_a_notch() -> None:
    wheel = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)
    assert IDENTITY.translate(wheel) == [Scroll(3.0)]


def test_closing_the_window_quits() -> None:
    assert IDENTITY.translate(pygame.event.Event(pygame.QUIT)) == [Quit()]
