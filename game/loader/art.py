"""The pictures a scenario names (setting, portraits, moods): each should have a file.

Warnings only: in the window a missing picture is a placeholder and never stops
play, but the trainer should hear of it before the team sees it. Pictures are
looked up through game.pictures, exactly as the window looks them up: the
trainer's `art/` folder beside the scenarios first, then the shipped `assets/`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import pictures
from game.core.expressions import did_you_mean
from game.core.model import MOODS, NARRATOR
from game.loader import diagnostics as codes
from game.loader.diagnostics import Diagnostic, shorten

if TYPE_CHECKING:
    from game.loader.tree import Tree

SHOWN_NAMES = 8  # names listed in a message before "and N more"
_SHIPPED = os.path.join(pictures.SHIPPED_DIR, "")  # with the separator: a prefix of paths inside


@dataclass(frozen=True, slots=True)
class PictureUse:
    """One place in a scenario file that names a picture."""

    kind: str  # "setting", "portrait" (a cast member's) or "mood" (a node's)
    name: str  # the setting's or the portrait's name
    line: int
    column: int
    who: str = ""  # the cast member, for a portrait or a mood
    node: str = ""  # the node, for a mood
    mood: str = ""  # for a mood

    def to_list(self) -> list[str | int]:
        return [self.kind, self.name, self.line, self.column, self.who, self.node, self.mood]

    @classmethod
    def from_list(cls, item: Sequence[Any]) -> PictureUse:
        kind, name, line, column, who, node, mood = item
        if not all(isinstance(v, str) for v in (kind, name, who, node, mood)):
            raise ValueError("not a picture use")
        if type(line) is not int or type(column) is not int:
            raise ValueError("not a picture use")
        return cls(kind, name, line, column, who, node, mood)


def _plain(value: Any) -> str | None:
    """The value when it is a plain picture name, else None."""
    if isinstance(value, str) and pictures.NAME.fullmatch(value) is not None:
        return value
    return None


def picture_uses(data: Mapping[str, Any], tree: Tree) -> list[PictureUse]:
    """Every picture the document names, where it names it (names that are not plain are
    RP306 already and left out)."""
    uses: list[PictureUse] = []
    setting = _plain(data.get("setting"))
    if setting is not None:
        uses.append(PictureUse("setting", setting, *tree.line_column(("setting",))))
    portraits: dict[str, str] = {}
    cast = data.get("cast")
    if isinstance(cast, dict):
        for who, member in cast.items():
            portrait = _plain(member.get("portrait")) if isinstance(member, dict) else None
            if portrait is not None and isinstance(who, str):
                portraits[who] = portrait
                where = tree.line_column(("cast", who, "portrait"))
                uses.append(PictureUse("portrait", portrait, *where, who=who))
    nodes = data.get("nodes")
    if isinstance(nodes, dict):
        for node_id, node in nodes.items():
            if not isinstance(node, dict) or not isinstance(node_id, str):
                continue
            who = node.get("speaker", NARRATOR)
            mood = node.get("mood")
            if who in portraits and mood in MOODS:
                where = tree.line_column(("nodes", node_id, "mood"))
                uses.append(
                    PictureUse("mood", portraits[who], *where, who=who, node=node_id, mood=mood)
                )
    return uses


class Pictures:
    """The pictures available to the scenarios of one folder; looked up once each."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = tuple(roots)
        self._folders = pictures.PictureFolders(roots)
        self._found: dict[tuple[str, str, str | None], pictures.Found | pictures.Refused | None]
        self._found = {}
        self._names: dict[str, set[str]] = {}
        self._moods: dict[str, set[str]] = {}
        self._problems: dict[str, str | None] = {}
        self._shipped_only: bool | None = None

    @property
    def shipped_only(self) -> bool:
        """True when the shipped pictures are the only ones: no other folder of them exists."""
        if self._shipped_only is None:
            self._shipped_only = self.roots[-1:] == (pictures.SHIPPED_DIR,) and not any(
                os.path.lexists(root) for root in self.roots[:-1]
            )
        return self._shipped_only

    @classmethod
    def for_folder(cls, folder: Path) -> Pictures:
        """The trainer's art folder beside `folder`'s scenarios, then the shipped assets."""
        return cls(pictures.roots_for(folder))

    def find(
        self, kind: str, name: str, mood: str | None = None
    ) -> pictures.Found | pictures.Refused | None:
        key = (kind, name, mood)
        if key not in self._found:
            self._found[key] = self._folders.find(kind, name, mood)
        return self._found[key]

    def names(self, kind: str) -> set[str]:
        if kind not in self._names:
            self._names[kind] = self._folders.names(kind)
        return self._names[kind]

    def moods(self, portrait: str) -> set[str]:
        if portrait not in self._moods:
            self._moods[portrait] = self._folders.moods(portrait)
        return self._moods[portrait]

    def check(self, uses: Iterable[PictureUse], path: str) -> list[Diagnostic]:
        """A warning for every use whose picture is missing or cannot be shown."""
        found: list[Diagnostic] = []
        for use in uses:
            message = self._problem(use)
            if message is not None:
                code, text = message
                found.append(Diagnostic(path, use.line, use.column, "warning", code, text))
        return found

    # -- one use ---------------------------------------------------------------------
    def _problem(self, use: PictureUse) -> tuple[str, str] | None:
        if use.kind == "setting":
            return self._setting(use)
        if use.kind == "portrait":
            return self._portrait(use)
        return self._mood(use)

    def _setting(self, use: PictureUse) -> tuple[str, str] | None:
        found = self.find(pictures.SETTINGS, use.name)
        if isinstance(found, pictures.Refused):
            return _refused(found)
        if isinstance(found, pictures.Found):
            return self._unusable(found)
        known = sorted(self.names(pictures.SETTINGS))
        return (
            codes.NO_SETTING_PICTURE,
            f"the setting `{shorten(use.name)}` has no picture{did_you_mean(use.name, known)}, "
            f"so the window shows a plain background; add art/settings/{shorten(use.name)}.svg "
            "(or .png) beside this scenario, or name a shipped setting (assets/ART.md lists them)",
        )

    def _portrait(self, use: PictureUse) -> tuple[str, str] | None:
        moods = self.moods(use.name)
        if not moods:
            known = sorted(self.names(pictures.PORTRAITS))
            return (
                codes.NO_PORTRAIT_PICTURE,
                f"the portrait `{shorten(use.name)}` of cast member `{shorten(use.who)}` has no "
                f"pictures{did_you_mean(use.name, known)}, so the window shows a silhouette; "
                f"add art/portraits/{shorten(use.name)}/neutral.svg (or .png, one file a mood) "
                "beside this scenario, or name a shipped portrait (assets/ART.md lists them)",
            )
        found = self.find(pictures.PORTRAITS, use.name, pictures.NEUTRAL)
        if found is None:
            return (
                codes.NO_MOOD_PICTURE,
                f"the portrait `{shorten(use.name)}` has no `neutral` picture, which the window "
                "shows whenever a node gives no mood and instead of a missing one; add "
                f"art/portraits/{shorten(use.name)}/neutral.svg (or .png)",
            )
        if isinstance(found, pictures.Refused):
            return _refused(found)
        return self._unusable(found)

    def _mood(self, use: PictureUse) -> tuple[str, str] | None:
        moods = self.moods(use.name)
        if not moods:
            return None  # the portrait itself is reported, once
        found = self.find(pictures.PORTRAITS, use.name, use.mood)
        if isinstance(found, pictures.Refused):
            return _refused(found)
        if isinstance(found, pictures.Found):
            return self._unusable(found)
        instead = (
            "the neutral one"
            if self.find(pictures.PORTRAITS, use.name, pictures.NEUTRAL) is not None
            else "a silhouette"
        )
        return (
            codes.NO_MOOD_PICTURE,
            f"node `{shorten(use.node)}` shows `{shorten(use.who)}` {use.mood}, but the portrait "
            f"`{shorten(use.name)}` has no picture for that mood, so the window shows {instead}; "
            f"add art/portraits/{shorten(use.name)}/{use.mood}.svg (or .png), or use a mood it "
            f"has: {_listing(sorted(moods))}",
        )

    def _unusable(self, found: pictures.Found) -> tuple[str, str] | None:
        if found.real not in self._problems:
            shipped = found.where.startswith(_SHIPPED)
            # The shipped pictures are checked by the project's own tests.
            self._problems[found.real] = None if shipped else pictures.picture_problem(found.path)
        problem = self._problems[found.real]
        if problem is None:
            return None
        return (
            codes.PICTURE_REFUSED,
            f"the picture {_shown(found.written)} {problem}, so the window shows a placeholder; "
            "save it again as an SVG or PNG picture",
        )


def _shown(written: Path) -> str:
    """`art/settings/x.svg` or `assets/settings/x.svg`: the picture from its root's parent."""
    parts = written.parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] in (pictures.SETTINGS, pictures.PORTRAITS) and index > 0:
            return Path(*parts[index - 1 :]).as_posix()
    return written.as_posix()


def _refused(found: pictures.Refused) -> tuple[str, str]:
    return (
        codes.PICTURE_REFUSED,
        f"the picture {_shown(found.written)} {found.reason}, so the window never opens it and "
        "shows a placeholder; put the picture file itself in that folder instead",
    )


def _listing(names: list[str]) -> str:
    if not names:
        return "the shipped ones"
    listed = ", ".join(f"`{n}`" for n in names[:SHOWN_NAMES])
    rest = len(names) - SHOWN_NAMES
    return f"{listed} and {rest} more" if rest > 0 else listed
