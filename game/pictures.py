"""Which file a setting or portrait name means, and whether that file may be drawn.

A name is looked up first in the trainer's own `art/` folder beside their
scenarios, then in the shipped `assets/`:

    <scenarios>/art/settings/<name>.svg  (or .png)
    <scenarios>/art/portraits/<name>/<mood>.svg  (or .png)

Only plain names are looked up, only inside those folders: a link that leads
out of its folder, or to anything but an ordinary file, is refused. The
loader (which warns about pictures that are missing or refused) and the
window (which draws them) both ask here, so they never disagree. Standard
library only: the window imports this before its first frame.
"""

from __future__ import annotations

import os
import re
import stat
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "assets"
# The shipped scenarios (game.loader.DEFAULT_SCENARIOS_DIR, not imported: start-up time).
SHIPPED_SCENARIOS_DIR = Path(__file__).resolve().parents[1] / "scenarios"
ART_FOLDER = "art"  # the trainer's pictures, in the folder of their scenarios
SETTINGS = "settings"
PORTRAITS = "portraits"
EXTENSIONS = (".svg", ".png")  # looked for in this order
NEUTRAL = "neutral"  # the mood shown when a node gives none, and instead of a missing one
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")

MAX_SVG_BYTES = 2 * 1024 * 1024  # bytes; the shipped art is well under 100 KB each
MAX_PNG_BYTES = 8 * 1024 * 1024  # bytes; a full-window photograph is about 3 MB
MAX_SVG_DECLARED_PX = 8192  # pixels: an SVG declaring more than this on a side is refused
MAX_PNG_PX = 4096  # pixels a side: 64 MiB once decoded, the most a picture may cost
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SIZE_ATTRIBUTE = re.compile(
    r"""\b(width|height)\s*=\s*["']\s*([0-9.]+)\s*(px)?\s*["']|\bviewBox\s*=\s*["']([^"']*)["']"""
)


def art_folder(scenarios_dir: Path | None) -> Path:
    """Where the pictures of the scenarios in `scenarios_dir` (None: the shipped ones) are kept."""
    return (scenarios_dir or SHIPPED_SCENARIOS_DIR) / ART_FOLDER


def roots_for(scenarios_dir: Path | None) -> tuple[Path, Path]:
    """The folders searched for pictures, in order: the trainer's art, then the shipped assets."""
    return (art_folder(scenarios_dir), SHIPPED_DIR)


@dataclass(frozen=True, slots=True)
class Found:
    """A picture that may be drawn: `path` is the real file, inside its folder."""

    path: Path
    written: Path  # where it was looked for, for messages


@dataclass(frozen=True, slots=True)
class Refused:
    """A file under the name that must not be drawn, and why (one clause)."""

    written: Path
    reason: str


def relative_path(kind: str, name: str, mood: str | None, extension: str) -> Path:
    """`settings/<name>.svg` or `portraits/<name>/<mood>.svg`, inside a root."""
    if mood is None:
        return Path(kind, f"{name}{extension}")
    return Path(kind, name, f"{mood}{extension}")


def find_picture(
    roots: Sequence[Path], kind: str, name: str, mood: str | None = None
) -> Found | Refused | None:
    """The first file under `name` (and `mood`) in `roots`; None when there is none.

    The first file that exists decides: a trainer's picture that is refused is
    not silently replaced by a shipped one of the same name.
    """
    if not NAME.fullmatch(name) or (mood is not None and not NAME.fullmatch(mood)):
        return None
    for root in roots:
        for extension in EXTENSIONS:
            candidate = root / relative_path(kind, name, mood, extension)
            if not os.path.lexists(candidate):
                continue
            return _checked(root, candidate)
    return None


def _checked(root: Path, candidate: Path) -> Found | Refused:
    try:
        real = candidate.resolve(strict=True)
        inside = real.is_relative_to(root.resolve(strict=True))
        mode = os.stat(real).st_mode
    except (OSError, RuntimeError):
        return Refused(candidate, "is a link to nothing")
    if not inside:
        return Refused(candidate, f"leads outside the {root.name} folder")
    if not stat.S_ISREG(mode):
        return Refused(candidate, "is not an ordinary file")
    return Found(real, candidate)


def names(roots: Sequence[Path], kind: str) -> set[str]:
    """Every name with a picture of this kind in `roots` (for did-you-mean)."""
    found: set[str] = set()
    for root in roots:
        try:
            entries = list(os.scandir(root / kind))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if kind == SETTINGS:
                stem, extension = os.path.splitext(name)
                if extension in EXTENSIONS and NAME.fullmatch(stem):
                    found.add(stem)
            elif NAME.fullmatch(name) and moods(roots, name):
                found.add(name)
    return found


def moods(roots: Sequence[Path], portrait: str) -> set[str]:
    """The moods that `portrait` has a picture for, in any of `roots`."""
    found: set[str] = set()
    for root in roots:
        try:
            entries = os.listdir(root / PORTRAITS / portrait)
        except OSError:
            continue
        for entry in entries:
            stem, extension = os.path.splitext(entry)
            if extension in EXTENSIONS and NAME.fullmatch(stem):
                found.add(stem)
    return found


def picture_problem(path: Path) -> str | None:
    """Why a picture file must not be drawn (one clause), or None.

    Looks only at the file's size and first bytes: empty, too large, not what
    its extension says, or declaring more pixels than any screen needs.
    """
    is_png = path.suffix.lower() == ".png"
    limit = MAX_PNG_BYTES if is_png else MAX_SVG_BYTES
    try:
        size = path.stat().st_size
        if size == 0:
            return "is empty"
        if size > limit:
            return f"is {size:,} bytes, far more than any artwork needs"
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    return _png_problem(head) if is_png else _svg_problem(head)


def _png_problem(head: bytes) -> str | None:
    if not head.startswith(_PNG_SIGNATURE) or head[12:16] != b"IHDR" or len(head) < 24:
        return "is not a PNG image"
    width, height = struct.unpack(">II", head[16:24])
    if width == 0 or height == 0:
        return "is not a PNG image"
    if max(width, height) > MAX_PNG_PX:
        return f"is {width:,} × {height:,} pixels; keep pictures to {MAX_PNG_PX:,} on a side"
    return None


def _svg_problem(head: bytes) -> str | None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
    if not text.startswith("<") or "<svg" not in text:
        return "is not an SVG image"
    tag = text[text.index("<svg") :]
    tag = tag[: tag.find(">") + 1] if ">" in tag else tag
    for match in _SIZE_ATTRIBUTE.finditer(tag):
        numbers: list[float] = []
        if match.group(2):
            numbers = [_number(match.group(2))]
        elif match.group(4):
            numbers = [_number(part) for part in re.split(r"[\s,]+", match.group(4).strip())[2:]]
        if any(n > MAX_SVG_DECLARED_PX for n in numbers):
            return f"declares an image over {MAX_SVG_DECLARED_PX:,} pixels on a side"
    return None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
