"""Player names: every case from the faults list is accepted as NFC or refused with a reason."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core.players import (
    MAX_PLAYER_NAME_CHARS,
    InvalidNameError,
    PlayerNameError,
    check_name,
    check_player_name,
)


@pytest.mark.parametrize(
    "name",
    [
        "Robert'); DROP TABLE results;--",
        "Zoë 🎉",
        "👩\u200d👩\u200d👧\u200d👦 family",  # zero-width joiners inside an emoji are fine
        "שלום",
        "مريم الحسيني",
        "李小龍",
        "{player.__class__}",
        "%s %d {0}",
        "O'Brien-Smith",
        "x" * MAX_PLAYER_NAME_CHARS,
        "Ann\u200f",  # a right-to-left mark is not an override
    ],
)
def test_names_people_type_are_accepted_as_typed(name: str) -> None:
    assert check_player_name(name) == unicodedata.normalize("NFC", name)


def test_composed_and_decomposed_accents_give_the_same_name() -> None:
    assert check_player_name("Ren\u00e9e") == check_player_name("Rene\u0301e") == "Ren\u00e9e"


def test_combining_accents_are_counted_after_composing() -> None:
    decomposed = "e\u0301" * MAX_PLAYER_NAME_CHARS  # twice the limit in code points
    assert check_player_name(decomposed) == "\u00e9" * MAX_PLAYER_NAME_CHARS


def test_surrounding_spaces_are_stripped() -> None:
    assert check_player_name("  Ann Lee \u3000") == "Ann Lee"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "empty"),
        ("    ", "empty"),
        ("Ann\x00", "NUL"),
        ("Ann\nLee", "line break"),
        ("Ann\r\nLee", "line break"),
        ("Ann\u2028Lee", "line break"),
        ("Ann\x1b[31m", "control character (U+001B)"),
        ("Ann\x7f", "control character"),
        ("Ann\tLee", "control character"),
        ("\ud800Ann", "lone surrogate"),
        ("Ann\udfff", "lone surrogate"),
        ("\u202eevil", "text-direction override (U+202E)"),
        ("Ann\u202a", "text-direction override"),
        ("Ann\u2066x\u2069", "text-direction override (U+2066)"),
        ("\u200b", "no visible characters"),
        ("\u200b\u200c\u200d\u2060\ufeff", "no visible characters"),
        ("\u0301\u0302", "no visible characters"),
        ("x" * (MAX_PLAYER_NAME_CHARS + 1), f"at most {MAX_PLAYER_NAME_CHARS} characters"),
        ("x" * 100_000, "100,000 characters long"),
    ],
)
def test_unsafe_names_are_refused_with_a_reason(name: str, says: str) -> None:
    with pytest.raises(PlayerNameError) as caught:
        check_player_name(name)
    message = str(caught.value)
    assert says in message
    assert message.startswith("the player name")
    assert len(message) < 200  # never echoes a huge name back


def test_a_player_name_error_is_a_value_error() -> None:
    assert issubclass(PlayerNameError, ValueError)
    with pytest.raises(ValueError):
        check_player_name("\x00")


def test_a_non_text_name_is_refused() -> None:
    with pytest.raises(PlayerNameError, match="must be text"):
        check_player_name(42)  # type: ignore[arg-type]


def test_other_labels_use_their_own_field_name_and_length() -> None:
    with pytest.raises(InvalidNameError, match="the session name is 11 characters long"):
        check_name("x" * 11, what="the session name", max_chars=10)
    assert check_name("Monday", what="the session name", max_chars=10) == "Monday"


@given(st.text(max_size=60))
def test_an_accepted_name_is_nfc_stripped_short_and_printable(text: str) -> None:
    try:
        name = check_player_name(text)
    except PlayerNameError:
        return
    assert name == unicodedata.normalize("NFC", name) == name.strip()
    assert 1 <= len(name) <= MAX_PLAYER_NAME_CHARS
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in name)
    assert check_player_name(name) == name  # checking twice changes nothing


def test_a_session_name_is_checked_like_a_name_with_its_own_limit() -> None:
    from game.core.players import MAX_SESSION_NAME_CHARS, InvalidNameError, check_session_name

    assert check_session_name("  Monday stand-up ") == "Monday stand-up"
    assert check_session_name("x" * MAX_SESSION_NAME_CHARS)
    with pytest.raises(InvalidNameError, match="the session name"):
        check_session_name("x" * (MAX_SESSION_NAME_CHARS + 1))
