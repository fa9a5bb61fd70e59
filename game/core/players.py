"""Player names (and other short labels people type): checked once at input, stored NFC.

Pure standard library: no file, database or display code. A name that passes
is safe to store with bound parameters and to draw as text: it has no control
characters, line breaks, lone surrogates or bidi overrides, and is short.
"""

from __future__ import annotations

import unicodedata

MAX_PLAYER_NAME_CHARS = 40  # characters (code points after NFC) a player name may have
MAX_SESSION_NAME_CHARS = 60  # characters a team session's name may have (the store's limit too)

# Bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) can
# make a name display as something else and spill into the text after it.
_BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Categories that draw nothing on their own: a name made only of these is blank.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"})


class InvalidNameError(ValueError):
    """A typed name that cannot be stored or shown; the message says why and what to do."""


class PlayerNameError(InvalidNameError):
    """A player name that is refused at input."""


def check_name(
    text: str,
    *,
    what: str,
    max_chars: int,
    error: type[InvalidNameError] = InvalidNameError,
) -> str:
    """Return `text` stripped and NFC-normalised, or raise `error` saying what is wrong.

    `what` names the field in messages ("the player name", "the session name").
    """
    if not isinstance(text, str):
        raise error(f"{what} must be text")
    # Refuse giant input before normalising it; NFC never makes text shorter
    # than a quarter of its length, so this bound cannot refuse a valid name.
    if len(text) > 4 * max_chars + 64:
        raise error(f"{what} is {len(text):,} characters long; use at most {max_chars} characters")
    for character in text:
        code = ord(character)
        if 0xD800 <= code <= 0xDFFF:
            raise error(
                f"{what} contains a broken character (a lone surrogate, U+{code:04X}); "
                "type it again"
            )
        if character in _LINE_BREAKS:
            raise error(f"{what} contains a line break; type it on one line")
        if character == "\x00":
            raise error(f"{what} contains a NUL character; remove it")
        if unicodedata.category(character) == "Cc":
            raise error(f"{what} contains a control character (U+{code:04X}); remove it")
        if character in _BIDI_CONTROLS:
            raise error(
                f"{what} contains a text-direction override (U+{code:04X}) that would "
                "change how it reads; remove it"
            )
    name = unicodedata.normalize("NFC", text).strip()
    if not name:
        raise error(f"{what} is empty; type a name")
    if all(unicodedata.category(c) in _INVISIBLE_CATEGORIES for c in name):
        raise error(f"{what} has no visible characters; type a name")
    if len(name) > max_chars:
        raise error(f"{what} is {len(name):,} characters long; use at most {max_chars} characters")
    return name


def check_session_name(text: str) -> str:
    """A team session's name as stored: checked like a player name, up to 60 characters.

    Raises InvalidNameError with a sentence naming "the session name".
    """
    return check_name(text, what="the session name", max_chars=MAX_SESSION_NAME_CHARS)


def check_player_name(text: str) -> str:
    """The player name as stored and compared: stripped and NFC (`é` == `e` + U+0301).

    Raises PlayerNameError with a sentence for the player. Any other text is
    fine, quotes and SQL included: the store only ever binds it as a parameter.
    """
    return check_name(
        text, what="the player name", max_chars=MAX_PLAYER_NAME_CHARS, error=PlayerNameError
    )
