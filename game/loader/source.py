"""Reading a scenario file safely: size limit, UTF-8, no control characters.

Nothing here parses YAML; it makes sure the parser only ever sees modest,
clean text.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from game.loader import diagnostics as codes
from game.loader.diagnostics import Diagnostic, diagnostic

# Bytes: larger files are refused before they are read. A 10,000-node scenario
# written like the shipped ones is about 8 MiB and loads in about 3 s; the
# limit leaves room for twice that, and bounds time and memory all the same.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_REPORTED_CHARACTERS = 10  # control characters reported one by one, per file

# What YAML calls printable, plus tab and line breaks, is allowed: \t \n \r, U+0020-007E,
# U+0085, U+00A0-D7FF, U+E000-FFFD and U+10000-10FFFF. Everything else is refused,
# listed as it is: the negated class of the allowed ranges means the same but takes
# over ten times longer to compile (about 6 ms at every start).
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
_BOM = "\ufeff"
_MEBIBYTE = 1024 * 1024


def error(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return diagnostic(path, line, column, code, message)


def too_large(path: str, size: int) -> Diagnostic:
    return error(
        path,
        1,
        1,
        codes.TOO_LARGE,
        f"the file is {size / _MEBIBYTE:.1f} MiB, over the {MAX_FILE_BYTES // _MEBIBYTE} MiB "
        "limit for a scenario; split it into smaller scenarios",
    )


# Opening a named pipe for reading waits for a writer; non-blocking, it returns
# at once and fstat tells what it is. (Windows has no such flag and no such files.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def not_regular(path: str, mode: int) -> Diagnostic:
    return error(
        path,
        1,
        1,
        codes.NOT_REGULAR,
        f"this is {_kind(mode)}, not an ordinary file, so it is not read (reading it could "
        "wait forever); give a scenario file saved on disk",
    )


def read_bytes(path: Path) -> tuple[bytes | None, Diagnostic | None]:
    """The file's bytes, refusing anything over MAX_FILE_BYTES without reading it whole."""
    name = str(path)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            # fstat on the open file: no gap between checking and reading.
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(status.st_mode):
                return None, not_regular(name, status.st_mode)
            if status.st_size > MAX_FILE_BYTES:
                return None, too_large(name, status.st_size)
            data = _read(descriptor, status.st_size)
        finally:
            os.close(descriptor)
    except IsADirectoryError:
        return None, error(
            name, 1, 1, codes.CANNOT_READ, "this is a folder, not a scenario file; give a file"
        )
    except FileNotFoundError:
        return None, error(
            name, 1, 1, codes.CANNOT_READ, "there is no such file; check the path and spelling"
        )
    except OSError as problem:
        reason = problem.strerror or type(problem).__name__
        return None, error(
            name,
            1,
            1,
            codes.CANNOT_READ,
            f"the file cannot be read ({reason.lower()}); check that it exists and is readable",
        )
    if len(data) > MAX_FILE_BYTES:
        return None, too_large(name, len(data))
    return data, None


def _read(descriptor: int, expected: int) -> bytes:
    """Up to MAX_FILE_BYTES + 1 bytes: a file that grows while it is read stops there too."""
    chunks = []
    left = MAX_FILE_BYTES + 1
    want = min(left, expected + 1)
    while left > 0:
        chunk = os.read(descriptor, want)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        want = min(left, 1024 * 1024)
    return b"".join(chunks)


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text without a BOM, or the reasons it cannot be that."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(path, len(data))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        return None, [_not_utf8(data, problem, path)]
    return check_text(text, data, path)


def decode_text(text: str, path: str) -> tuple[str | None, list[Diagnostic]]:
    """The same checks for text handed over as a string (tests, hot reload)."""
    # Within the limit for certain when even 4 bytes a character would fit.
    if len(text) * 4 > MAX_FILE_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:
            return None, [too_large(path, size)]
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: reported as unprintable below
        return None, _control_characters(text, path)
    return check_text(text, data, path)


def check_text(text: str, data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """`text` (whose UTF-8 is `data`) without its BOM, if it is printable and not empty."""
    if text.startswith(_BOM):
        text = text[1:]
    if _may_hold_unprintable(data):
        found = _control_characters(text, path)
        if found:
            return None, found
    if not text.strip():
        return None, [
            error(
                path,
                1,
                1,
                codes.EMPTY,
                "the file is empty; a scenario needs at least `format`, `id`, `title`, "
                "`start` and `nodes`",
            )
        ]
    return text, []


# Scanning every character with a regex costs as much as a tenth of parsing;
# deleting the printable ASCII bytes first leaves little or nothing to look at.
_PRINTABLE_ASCII = b"\t\n\r" + bytes(range(0x20, 0x7F))
_NON_ASCII = bytes(range(0x80, 0x100))
# In UTF-8: C1 controls other than NEL (U+0085), and U+FFFE / U+FFFF.
_UNPRINTABLE_UTF8 = re.compile(b"\xc2[\x80-\x84\x86-\x9f]|\xef\xbf[\xbe\xbf]")


def _may_hold_unprintable(data: bytes) -> bool:
    rest = data.translate(None, _PRINTABLE_ASCII)
    if not rest:
        return False
    if rest.translate(None, _NON_ASCII):  # a control character or DEL
        return True
    return _UNPRINTABLE_UTF8.search(rest) is not None


def _not_utf8(data: bytes, problem: UnicodeDecodeError, path: str) -> Diagnostic:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return error(
            path,
            1,
            1,
            codes.NOT_UTF8,
            "the file is UTF-16, not UTF-8; save it again as UTF-8 in your editor",
        )
    start = problem.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    return error(
        path,
        line,
        column,
        codes.NOT_UTF8,
        f"the byte 0x{data[start]:02X} is not UTF-8 text; save the file as UTF-8 "
        "(it was probably saved as Latin-1 or Windows-1252)",
    )


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `index` in `text`."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _control_characters(text: str, path: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for match in _NOT_PRINTABLE.finditer(text):
        if len(found) == MAX_REPORTED_CHARACTERS:
            break
        character = match.group()
        name = "a NUL character" if character == "\0" else "a control character"
        line, column = position(text, match.start())
        found.append(
            error(
                path,
                line,
                column,
                codes.CONTROL_CHARACTER,
                f"{name} (U+{ord(character):04X}) is not allowed in a scenario file; delete it "
                "(it often comes from pasting out of another program)",
            )
        )
    return found
