"""The cast: who is drawn, read from ``cast.toml`` beside this module and checked.

Each ``[[person]]`` table becomes a ``Person``: palette names are turned into colours here,
so the drawing code only ever sees colours from the palette. A mistake in the file stops
the generator with a message that names the file, the person and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from art.palette import PALETTE

CAST_FILE: Final = Path(__file__).with_name("cast.toml")

# The words a person can be described with (the drawing code has one branch for each).
HAIR_STYLES: Final = (
    "bob",
    "short",
    "messy",
    "curly",
    "wavy",
    "long",
    "crop",
    "balding",
    "ponytail",
    "undercut",
    "bun",
    "buzz",
)
OUTFITS: Final = (
    "sport_jacket",
    "suit",
    "rumpled_shirt",
    "round_top",
    "coat",
    "scarf_top",
    "v_top",
    "blazer",
    "cardigan",
    "work_shirt",
    "hoodie",
    "trench",
    "work_jacket",
)
EXTRAS: Final = ("sunglasses", "glasses", "rosette", "helmet")
EARRINGS: Final = ("studs", "hoops", "pearls")
BEARDS: Final = ("full", "stubble", "moustache", "goatee")
# Outfit parts whose colour a person may change with `colours = {part = "palette-name"}`.
COLOUR_PARTS: Final = (
    "jacket",
    "suit",
    "tie",
    "shirt",
    "strap",
    "top",
    "coat",
    "scarf",
    "stripe",
    "blazer",
    "cardigan",
    "hoodie",
    "dye",
    "band",
)
ID_RULE: Final = re.compile(r"[a-z][a-z0-9]*\Z")


class CastError(ValueError):
    """The cast file cannot be used; the message says where and what to change."""


@dataclass(frozen=True)
class Beard:
    kind: str  # "full", "stubble" or "moustache"
    colour: str  # a palette colour (hex)
    opacity: float = 1.0


@dataclass(frozen=True)
class Person:
    """One person's look. Colours are hex values from the palette."""

    id: str
    about: str  # a few words, written into each file's comment
    skin: str
    hair: str
    hair_style: str
    outfit: str
    brow: str
    iris: str
    lip: str
    hw: float  # half width of the head
    jaw: float  # half width of the jaw
    chin: float  # half width of the chin
    neck: float  # half width of the neck
    sh: float  # half width of the shoulders
    brow_w: float  # thickness of the brows
    age: float
    blush: float  # opacity of the cheeks at rest
    lashes: bool
    extras: tuple[str, ...]
    earrings: str | None
    beard: Beard | None
    colours: Mapping[str, str]  # outfit part -> palette name

    def col(self, part: str, default: str) -> str:
        """The colour of an outfit part: the person's choice, else the outfit's default."""
        return PALETTE[self.colours.get(part, default)]


# key in the file -> its default, for the plain numbers
NUMBERS: Final[Mapping[str, float]] = {
    "hw": 78,  # half width of the head
    "jaw": 62,  # half width of the jaw
    "chin_w": 26,  # half width of the chin
    "neck": 28,  # half width of the neck
    "sh": 150,  # half width of the shoulders
    "brow_w": 8,  # thickness of the brows
    "age": 30,  # 55 and over: smile lines; 60 and over: forehead lines
    "blush": 0.24,  # opacity of the cheeks at rest
}
REQUIRED: Final = ("id", "about", "skin", "hair", "hair_style", "outfit")
OPTIONAL: Final = ("brow", "iris", "lip", "lashes", "extras", "earrings", "beard", "colours")
KNOWN: Final = (*REQUIRED, *OPTIONAL, *NUMBERS)


def load_cast(path: Path = CAST_FILE) -> list[Person]:
    """Every person in the cast file, in the file's order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CastError(f"{path}: cannot read the cast file ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CastError(f"{path}: not valid TOML: {exc}") from exc
    extra = sorted(set(data) - {"person"})
    if extra:
        raise CastError(f"{path}: unknown table {extra[0]!r}; the file holds [[person]] tables")
    tables = data.get("person")
    if not isinstance(tables, list) or not tables:
        raise CastError(f"{path}: no [[person]] tables; write one for each portrait")
    people: list[Person] = []
    for i, table in enumerate(tables, 1):
        person = _Reader(table, f"{path}, person {i}").person()
        if any(p.id == person.id for p in people):
            raise CastError(f"{path}, person {i}: the id {person.id!r} is already used")
        people.append(person)
    return people


class _Reader:
    """Reads one [[person]] table, checking every value on the way."""

    def __init__(self, table: dict[str, object], where: str) -> None:
        self.table = table
        name = table.get("id")
        self.where = f"{where} ({name})" if isinstance(name, str) else where

    def fail(self, message: str) -> CastError:
        return CastError(f"{self.where}: {message}")

    def person(self) -> Person:
        unknown = sorted(set(self.table) - set(KNOWN))
        if unknown:
            raise self.fail(f"unknown key {unknown[0]!r}; known keys: {', '.join(KNOWN)}")
        missing = [k for k in REQUIRED if k not in self.table]
        if missing:
            raise self.fail(f"{missing[0]!r} is missing; every person has {', '.join(REQUIRED)}")
        ident = self.text("id")
        if not ID_RULE.match(ident):
            raise self.fail(f"the id {ident!r} must be one lower-case word (like 'dana')")
        hair = self.colour("hair", self.table["hair"])
        return Person(
            id=ident,
            about=self.text("about"),
            skin=self.colour("skin", self.table["skin"]),
            hair=hair,
            hair_style=self.text("hair_style", HAIR_STYLES),
            outfit=self.text("outfit", OUTFITS),
            brow=self.colour("brow", self.table["brow"]) if "brow" in self.table else hair,
            iris=self.colour("iris", self.table.get("iris", "cocoa")),
            lip=self.colour("lip", self.table.get("lip", "mouth")),
            hw=self.number("hw"),
            jaw=self.number("jaw"),
            chin=self.number("chin_w"),
            neck=self.number("neck"),
            sh=self.number("sh"),
            brow_w=self.number("brow_w"),
            age=self.number("age"),
            blush=self.number("blush"),
            lashes=self.flag("lashes"),
            extras=self.words("extras", EXTRAS),
            earrings=self.text("earrings", EARRINGS) if "earrings" in self.table else None,
            beard=self.beard() if "beard" in self.table else None,
            colours=self.colours(),
        )

    def text(self, key: str, choices: tuple[str, ...] = ()) -> str:
        value = self.table[key]
        if not isinstance(value, str) or not value:
            raise self.fail(f"{key!r} must be a word in quotes, not {value!r}")
        if choices and value not in choices:
            raise self.fail(f"{key} {value!r} is not one of {', '.join(choices)}")
        return value

    def colour(self, key: str, value: object) -> str:
        if not isinstance(value, str) or value not in PALETTE:
            raise self.fail(
                f"{key} {value!r} is not a palette colour; use one of {', '.join(PALETTE)}"
            )
        return PALETTE[value]

    def number(self, key: str) -> float:
        value = self.table.get(key, NUMBERS[key])
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(f"{key!r} must be a number of 0 or more, not {value!r}")
        return value

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} must be true or false, not {value!r}")
        return value

    def words(self, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or any(v not in choices for v in value):
            raise self.fail(f"{key!r} must be a list of some of {', '.join(choices)}")
        return tuple(str(v) for v in value)

    def beard(self) -> Beard:
        value = self.table["beard"]
        if not isinstance(value, dict) or set(value) - {"kind", "colour", "opacity"}:
            raise self.fail("'beard' must be a table {kind = ..., colour = ..., opacity = ...}")
        kind = value.get("kind")
        if kind not in BEARDS:
            raise self.fail(f"beard kind {kind!r} is not one of {', '.join(BEARDS)}")
        opacity = value.get("opacity", 1)
        if (
            isinstance(opacity, bool)
            or not isinstance(opacity, int | float)
            or not 0 < opacity <= 1
        ):
            raise self.fail(f"beard opacity must be above 0 and at most 1, not {opacity!r}")
        return Beard(str(kind), self.colour("beard colour", value.get("colour")), opacity)

    def colours(self) -> dict[str, str]:
        value = self.table.get("colours", {})
        if not isinstance(value, dict):
            raise self.fail("'colours' must be a table such as {top = \"plum\"}")
        for part, name in value.items():
            if part not in COLOUR_PARTS:
                raise self.fail(f"colours has no part {part!r}; parts: {', '.join(COLOUR_PARTS)}")
            self.colour(f"colours.{part}", name)
        return {str(k): str(v) for k, v in value.items()}
