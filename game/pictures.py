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
    """A picture that may be drawn: `real` is the file itself, inside its folder."""

    real: str
    where: str  # where it was looked for, for messages (the same unless reached by a link)

    @property
    def path(self) -> Path:
        return Path(self.real)

    @property
    def written(self) -> Path:
        return Path(self.where)


@dataclass(frozen=True, slots=True)
class Refused:
    """A file under the name that must not be drawn, and why (one clause)."""

    written: Path
    reason: str


class PictureFolders:
    """The picture folders `roots`, in order; each directory is listed once, when first needed.

    A snapshot: what is added to the folders later is seen by a new one.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = tuple(roots)
        self._root_names = tuple(str(root) for root in self.roots)  # str: quicker than Path here
        self._listed: dict[str, dict[str, os.DirEntry[str]]] = {}
        self._folders: dict[tuple[str, str, str | None], tuple[str, bool] | None] = {}

    def _entries(self, directory: str) -> dict[str, os.DirEntry[str]]:
        listed = self._listed.get(directory)
        if listed is None:
            try:
                with os.scandir(directory) as entries:
                    listed = {entry.name: entry for entry in entries}
            except OSError:  # missing, or not a folder: nothing there
                listed = {}
            self._listed[directory] = listed
        return listed

    def _folder(self, root: str, kind: str, name: str | None) -> tuple[str, bool] | None:
        """`root/kind` (or `root/kind/name`), and whether a link is on the way there."""
        key = (root, kind, name)
        if key not in self._folders:
            self._folders[key] = self._find_folder(root, kind, name)
        return self._folders[key]

    @staticmethod
    def _find_folder(root: str, kind: str, name: str | None) -> tuple[str, bool] | None:
        folder = os.path.join(root, kind)
        linked = False
        for part in (folder, os.path.join(folder, name)) if name is not None else (folder,):
            try:
                mode = os.lstat(part).st_mode
            except OSError:
                return None
            if stat.S_ISLNK(mode):
                linked = True
            elif not stat.S_ISDIR(mode):
                return None
            folder = part
        return folder, linked

    def find(self, kind: str, name: str, mood: str | None = None) -> Found | Refused | None:
        """The first file under `name` (and `mood`); None when there is none.

        The first file that exists decides: a trainer's picture that is refused
        is not silently replaced by a shipped one of the same name.
        """
        if not NAME.fullmatch(name) or (mood is not None and not NAME.fullmatch(mood)):
            return None
        stem = mood if mood is not None else name
        for root in self._root_names:
            where = self._folder(root, kind, name if mood is not None else None)
            if where is None:
                continue
            folder, linked = where
            # A portrait's folder is listed anyway (for its moods); a setting is looked at.
            listing = self._entries(folder) if mood is not None else None
            for extension in EXTENSIONS:
                candidate = os.path.join(folder, stem + extension)
                if listing is not None:
                    entry = listing.get(stem + extension)
                    if entry is None:
                        continue
                    is_link = entry.is_symlink()
                    is_file = entry.is_file(follow_symlinks=False)
                else:
                    try:
                        mode = os.lstat(candidate).st_mode
                    except OSError:
                        continue
                    is_link = stat.S_ISLNK(mode)
                    is_file = stat.S_ISREG(mode)
                # Names are plain, so a path can only leave `root` through a link:
                # with none on the way (the usual case) nothing needs resolving.
                if linked or is_link:
                    return _resolved(Path(root), Path(candidate))
                if not is_file:
                    return Refused(Path(candidate), "is not an ordinary file")
                return Found(candidate, candidate)
        return None

    def names(self, kind: str) -> set[str]:
        """Every name with a picture of this kind (for did-you-mean)."""
        found: set[str] = set()
        for root in self._root_names:
            where = self._folder(root, kind, None)
            if where is None:
                continue
            for name in self._entries(where[0]):
                if kind == SETTINGS:
                    stem, extension = os.path.splitext(name)
                    if extension in EXTENSIONS and NAME.fullmatch(stem):
                        found.add(stem)
                elif NAME.fullmatch(name) and self.moods(name):
                    found.add(name)
        return found

    def moods(self, portrait: str) -> set[str]:
        """The moods that `portrait` has a picture for."""
        found: set[str] = set()
        for root in self._root_names:
            where = self._folder(root, PORTRAITS, portrait)
            if where is None:
                continue
            for entry in self._entries(where[0]):
                stem, extension = os.path.splitext(entry)
                if extension in EXTENSIONS and NAME.fullmatch(stem):
                    found.add(stem)
        return found


def find_picture(
    roots: Sequence[Path], kind: str, name: str, mood: str | None = None
) -> Found | Refused | None:
    """The first file under `name` (and `mood`) in `roots`, looked at afresh; see PictureFolders."""
    return PictureFolders(roots).find(kind, name, mood)


def _resolved(root: Path, candidate: Path) -> Found | Refused:
    """A candidate reached through a link: the file it leads to, if inside `root`."""
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
    return Found(str(real), str(candidate))


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
