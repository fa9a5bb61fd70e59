"""Who a statement is about: the xAPI actor made from a player's name, by the company's policy.

Three ways, chosen by the administrator (docs/lms.md):

- `name`: an account on the company's system (`home_page`) whose account name
  is the player's name, as typed in Rapport;
- `email`: an `mbox` from the company's list of names and addresses; a player
  who is not on the list is sent as `name`;
- `pseudonym`: an account whose name is a keyed hash (HMAC-SHA256) of the
  player's name. Without the key nobody can tell who it is, not even by trying
  every name; with it the company can compute a known person's pseudonym.

Pure: the address list and the key are passed in, never read here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.lrs.vocabulary import BASE

IDENTITIES = ("name", "email", "pseudonym")
DEFAULT_HOME_PAGE = BASE + "players"
PSEUDONYM_PREFIX = "p-"
PSEUDONYM_HEX_DIGITS = 32  # 128 bits of the HMAC: collisions are out of reach
MIN_KEY_CHARS = 16  # a shorter key could be guessed
EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+")


class IdentityError(ValueError):
    """A policy that cannot make actors (no key, a bad address); says what to change."""


def name_key(name: str) -> str:
    """How names are matched to the address list: NFC, trimmed, case-insensitive."""
    return unicodedata.normalize("NFC", name).strip().casefold()


@dataclass(frozen=True)
class IdentityPolicy:
    """How player names become xAPI actors."""

    identity: str = "name"  # one of IDENTITIES
    home_page: str = DEFAULT_HOME_PAGE
    pseudonym_key: str = field(default="", repr=False)
    addresses: Mapping[str, str] = field(default_factory=dict, repr=False)  # name_key -> email

    def __post_init__(self) -> None:
        if self.identity not in IDENTITIES:
            raise IdentityError(
                f"the identity {self.identity!r} is not one of {', '.join(IDENTITIES)}"
            )
        if self.identity == "pseudonym" and len(self.pseudonym_key) < MIN_KEY_CHARS:
            raise IdentityError(
                "pseudonyms need a secret key of at least "
                f"{MIN_KEY_CHARS} characters (RAPPORT_LRS_PSEUDONYM_KEY)"
            )
        for email in self.addresses.values():
            if not EMAIL.fullmatch(email):
                raise IdentityError(f"{email!r} is not an email address")

    def actor(self, player: str) -> dict[str, Any]:
        """The actor for `player` (an NFC name as the store keeps it)."""
        if self.identity == "pseudonym":
            return {
                "objectType": "Agent",
                "account": {"homePage": self.home_page, "name": pseudonym(player, self)},
            }
        if self.identity == "email":
            email = self.addresses.get(name_key(player))
            if email is not None:
                return {"objectType": "Agent", "name": player, "mbox": f"mailto:{email}"}
        return {
            "objectType": "Agent",
            "name": player,
            "account": {"homePage": self.home_page, "name": player},
        }


def pseudonym(player: str, policy: IdentityPolicy) -> str:
    """`p-` and 32 hex digits of HMAC-SHA256(key, NFC name): the same name, the same id."""
    digest = hmac.new(
        policy.pseudonym_key.encode("utf-8"),
        unicodedata.normalize("NFC", player).encode("utf-8"),
        hashlib.sha256,
    ).hexdigest()
    return PSEUDONYM_PREFIX + digest[:PSEUDONYM_HEX_DIGITS]
