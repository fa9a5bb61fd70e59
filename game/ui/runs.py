"""A line of text as runs: each part in the font that has its characters, in the order the
eye reads them across the screen.

SDL_ttf draws one font at a time and never falls back, so a name such as
"Ana 美咲 👍🏽" is cut into runs (Inter, Noto CJK, Noto Emoji) and each run is
drawn with its own font (game.ui.text). A character that continues a cluster
(a combining mark, a joiner, a variation selector, a skin tone) stays with the
character before it, and a space or a punctuation mark stays in the run it is
in when that font has it, so a phrase of one script is shaped as one piece.

Arabic and Hebrew are shaped right to left. The window's paragraphs run left to
right; each character gets its level from the Unicode bidirectional algorithm
(UAX #9's weak, neutral and implicit rules: left-to-right text 0, right-to-left
text and the neutrals between it 1, numbers in right-to-left text 2), runs are
cut where the font or the level changes, and the runs are put in place with its
reordering rule (L2). Explicit embeddings are not needed: player names refuse
direction controls (game.core.players).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

PRIMARY_FACE = 0  # runs in the primary font; fallbacks are numbered from 1
STRONG_RTL = ("R", "AL")
NEUTRAL = ("WS", "ON", "CS", "ES", "ET", "BN", "NSM", "S", "B")


class Run(NamedTuple):
    """A piece of a line drawn with one font in one direction."""

    text: str  # in logical (typed) order
    face: int  # PRIMARY_FACE or a fallback's number
    rtl: bool  # shaped right to left


def continues_cluster(char: str) -> bool:
    """True for a character that belongs with the one before it."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or code in (0x200C, 0x200D, 0x20E3)
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
    )


def _neutral(char: str) -> bool:
    return unicodedata.bidirectional(char) in NEUTRAL


def faces_of(
    text: str, has: Callable[[int, int], bool], count: int, emoji: int | None
) -> list[int]:
    """The face of each character: `has(face, code)` says whether a face draws it; faces are
    tried in order 0..count-1. `emoji` is the face that draws emoji presentation sequences."""
    chosen: list[int] = []
    for index, char in enumerate(text):
        code = ord(char)
        previous = chosen[-1] if chosen else None
        if previous is not None and continues_cluster(char):
            chosen.append(previous)
            continue
        following = text[index + 1] if index + 1 < len(text) else ""
        if (
            emoji is not None
            and following
            and (ord(following) == 0xFE0F or ord(following) == 0x20E3)
            and has(emoji, code)
        ):
            chosen.append(emoji)  # "1️⃣", "❤️": the picture, not the letter
            continue
        if previous is not None and previous != emoji and _neutral(char) and has(previous, code):
            chosen.append(previous)
            continue
        face = next((f for f in range(count) if has(f, code)), PRIMARY_FACE)
        chosen.append(face)
    return chosen


def split(text: str, faces: Sequence[int], rtl_faces: frozenset[int] = frozenset()) -> list[Run]:
    """Runs in visual order, left to right on the screen. A run is one face at one level;
    odd levels are shaped right to left. (`rtl_faces` is kept for callers that know which
    faces are right-to-left scripts; the levels come from the characters themselves.)"""
    levels = bidi_levels(text)
    runs: list[Run] = []
    run_levels: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and (faces[index], levels[index]) == (faces[start], levels[start]):
            continue
        runs.append(Run(text[start:index], faces[start], levels[start] % 2 == 1))
        run_levels.append(levels[start])
        start = index
    return _reorder(runs, run_levels)


def bidi_levels(text: str) -> list[int]:
    """Each character's level in a left-to-right paragraph without explicit embeddings:
    UAX #9's weak (W1-W7), neutral (N1-N2) and implicit (I1) rules."""
    types: list[str] = []
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "NSM":  # W1: a mark takes the type of what it marks
            kind = types[-1] if types else "L"
        types.append(kind)
    strong = "L"  # sos of a left-to-right paragraph
    for index, kind in enumerate(types):
        if kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":  # W2
            types[index] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]  # W3
    for index in range(1, len(types) - 1):  # W4: 1,000 and 1.5 stay one number
        before, kind, after = types[index - 1], types[index], types[index + 1]
        if kind in ("ES", "CS") and before == after == "EN":
            types[index] = "EN"
        elif kind == "CS" and before == after == "AN":
            types[index] = "AN"
    strong = "L"
    for index, kind in enumerate(types):  # W7: numbers after left-to-right text are text
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[index] = "L"
    resolved = list(types)
    index = 0
    while index < len(types):  # N1, N2: neutrals take their surroundings' direction, or L
        if _strength(types[index]) is not None:
            index += 1
            continue
        end = index
        while end < len(types) and _strength(types[end]) is None:
            end += 1
        before = (_strength(types[index - 1]) if index > 0 else None) or "L"
        after = (_strength(types[end]) if end < len(types) else None) or "L"
        direction = before if before == after else "L"
        resolved[index:end] = [direction] * (end - index)
        index = end
    return [{"L": 0, "R": 1}.get(kind, 2) for kind in resolved]  # I1: numbers go up two


def _strength(kind: str) -> str | None:
    """The direction a type gives its neighbours: numbers count as right to left (N1)."""
    if kind == "L":
        return "L"
    if kind in ("R", "EN", "AN"):
        return "R"
    return None


def _reorder(runs: list[Run], levels: list[int]) -> list[Run]:
    """UAX #9 rule L2: from the highest level down to 1, reverse every stretch at or above it."""
    order = list(range(len(runs)))
    for level in range(max(levels, default=0), 0, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return [runs[i] for i in order]


def is_rtl_line(text: str) -> bool:
    """True when a line's first strong character is right to left (its typewriter reveals
    from the right)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in STRONG_RTL:
            return True
        if kind == "L":
            return False
    return False
