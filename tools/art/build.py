"""Every generated file, and writing or checking them against a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from art.cast import CAST_FILE, Person, load_cast
from art.icon import icon_svg
from art.placeholders import placeholder_portrait, placeholder_setting
from art.portrait import MOODS, portrait_svg
from art.settings import SETTINGS

ROOT: Final = Path(__file__).resolve().parents[2]  # the repository
ICON_SVG: Final = "icon/rapport.svg"  # inside assets/
ICON_PNG: Final = "icon/rapport-64.png"


def all_files(cast: list[Person] | None = None) -> dict[str, str]:
    """Path inside assets/ -> SVG text, for every generated picture (the cast file's people
    unless `cast` is given)."""
    files: dict[str, str] = {}
    for name, draw in SETTINGS.items():
        files[f"settings/{name}.svg"] = draw()
    for p in load_cast() if cast is None else cast:
        for mood in MOODS:
            files[f"portraits/{p.id}/{mood}.svg"] = portrait_svg(p, mood)
    files["placeholder/portrait.svg"] = placeholder_portrait()
    files["placeholder/setting.svg"] = placeholder_setting()
    files[ICON_SVG] = icon_svg()
    return files


def write(out: Path, cast_file: Path = CAST_FILE) -> int:
    """Write every picture into `out` (the assets folder layout); returns how many."""
    files = all_files(load_cast(cast_file))
    for rel, text in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return len(files)


def check(out: Path, cast_file: Path = CAST_FILE) -> list[str]:
    """The pictures in `out` that are missing or differ from what would be generated."""
    stale = []
    for rel, text in sorted(all_files(load_cast(cast_file)).items()):
        path = out / rel
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            stale.append(rel)
    return stale
