"""The errors of learning-record delivery: one tree, so callers never catch `Exception`.

Every message is one sentence for people, and never holds a password: the
client masks the credentials in anything it passes on.
"""

from __future__ import annotations


class LrsError(Exception):
    """Learning records could not be configured or sent; the message says why and what to do."""


class LrsConfigError(LrsError):
    """The LRS settings cannot work (a bad address, a missing key, an unreadable address list)."""


class LrsUnreachable(LrsError):
    """The LRS did not answer, or answered that it cannot take statements now: try later.

    `status` is the HTTP status when the LRS answered (5xx, 408, 429), None when
    it could not be reached at all.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class LrsAuthError(LrsError):
    """The LRS refused the credentials (HTTP 401 or 403): nothing is sent until they change."""


class LrsRefused(LrsError):
    """The LRS refused the statements themselves: sending them again will not help.

    Only the answers that are about the statements count (REFUSALS); any other
    4xx is about the address or the setup, and is an LrsConfigError.
    """

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


REFUSALS = frozenset({400, 409, 413, 422})  # bad, conflicting, too large, unprocessable
CONFLICT = 409  # another statement with the same id, and different content, is stored
