"""The workplace name filter: names a room shows on a projector, on top of the player-name rules.

Pure: it is built from lines of text (the shipped list, the trainer's own
file) and never opens a file itself. A name is refused when one of its words,
or the whole name read without spaces and punctuation, is on the list after
folding case, accents and look-alike digits (`B4d W0rd` reads as `bad word`).
Whole words only, so "Scunthorpe" and "Cassidy" are fine. A line `!word`
takes a word off the list. See docs/live.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from game.core.players import PlayerNameError, check_player_name

# Digits and signs people use for letters.
_LOOK_ALIKES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}
)


def fold(text: str) -> str:
    """Lower case, accents and look-alikes removed, NFKC (full-width letters become plain)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_LOOK_ALIKES)


def _words(folded: str) -> list[str]:
    word: list[str] = []
    words: list[str] = []
    for character in folded:
        if character.isalnum():
            word.append(character)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return words


@dataclass(frozen=True)
class NameFilter:
    """Blocked words and phrases, folded; `check` refuses a name that uses one."""

    blocked: frozenset[str]

    @classmethod
    def from_lines(cls, *sources: Iterable[str]) -> NameFilter:
        """One word or phrase a line; `#` starts a comment; `!word` allows a word again."""
        blocked: set[str] = set()
        allowed: set[str] = set()
        for lines in sources:
            for raw in lines:
                line = raw.split("#", 1)[0].strip()
                if not line:
                    continue
                target = allowed if line.startswith("!") else blocked
                entry = "".join(_words(fold(line.lstrip("!"))))
                if entry:
                    target.add(entry)
        return cls(frozenset(blocked - allowed))

    def blocks(self, name: str) -> bool:
        """True when the name uses a blocked word (a word of it, or all of it run together)."""
        if not self.blocked:
            return False
        words = _words(fold(name))
        if any(word in self.blocked for word in words):
            return True
        joined = "".join(words)
        if joined in self.blocked:
            return True
        # Phrases on the list ("bad word") match their words next to each other.
        for size in range(2, min(len(words), 4) + 1):
            for start in range(len(words) - size + 1):
                if "".join(words[start : start + size]) in self.blocked:
                    return True
        return False

    def check(self, text: str) -> str:
        """The player name as stored (see `check_player_name`), or PlayerNameError."""
        name = check_player_name(text)
        if self.blocks(name):
            raise PlayerNameError("that name is not allowed in this session; choose another name")
        return name


NO_FILTER = NameFilter(frozenset())
