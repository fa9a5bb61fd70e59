"""Loggers for the modules the window imports before its first frame.

Those modules log only when something goes wrong, and importing the standard
`logging` package takes a few milliseconds of the window's start-up. `Log`
has the Logger methods they use and imports `logging` when it first logs.
`configure` says how messages are shown; it takes effect at `apply()` (the
window calls it once its first frame is up) or at the first message,
whichever comes first. Everything else uses `logging` directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import logging

_format: str | None = None  # how messages are to be shown, until `apply()`


def configure(message_format: str) -> None:
    """Show warnings and worse on stderr in `message_format` (logging's %-style), from
    `apply()` or the first message on."""
    global _format
    _format = message_format


def apply() -> None:
    """Import `logging` and set it up as `configure` said, if it has not been yet."""
    global _format
    if _format is None:
        return
    import logging

    logging.basicConfig(level=logging.WARNING, format=_format)
    _format = None


class Log:
    """A named logger that imports `logging` on its first message."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def _logger(self) -> logging.Logger:
        import logging

        apply()
        return logging.getLogger(self.name)

    def info(self, message: str, *args: object, **kwargs: Any) -> None:
        kwargs.setdefault("stacklevel", 2)  # the caller's line, not this one
        self._logger().info(message, *args, **kwargs)

    def warning(self, message: str, *args: object, **kwargs: Any) -> None:
        kwargs.setdefault("stacklevel", 2)
        self._logger().warning(message, *args, **kwargs)

    def exception(self, message: str, *args: object, **kwargs: Any) -> None:
        """An error with the exception being handled (call it in an `except` block)."""
        kwargs.setdefault("stacklevel", 2)
        self._logger().exception(message, *args, **kwargs)
