"""The art generator: its cast file is checked with clear messages, --check finds stale
pictures, every word of the cast's vocabulary is drawn, and the package is strictly typed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.assets.conftest import TOOLS, art_module

ROOT = TOOLS.parent
ASSETS = ROOT / "assets"


def make_art(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOLS / "make_art.py"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=False,
    )


# ---- --check -------------------------------------------------------------------


def test_check_passes_on_the_committed_assets() -> None:
    done = make_art("--check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_check_names_every_stale_or_missing_picture(tmp_path: Path) -> None:
    for folder in ("portraits", "settings", "placeholder", "icon"):
        shutil.copytree(ASSETS / folder, tmp_path / folder)
    edited = tmp_path / "settings" / "garage.svg"
    edited.write_bytes(edited.read_bytes().replace(b"#CF6F4A", b"#A9502F", 1))
    (tmp_path / "portraits" / "dana" / "upset.svg").unlink()
    done = make_art("--check", "--out", str(tmp_path))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "out of date: portraits/dana/upset.svg",
        "out of date: settings/garage.svg",
    ]
    assert "make art" in done.stderr


# ---- the cast file ---------------------------------------------------------------

GOOD = """
[[person]]
id = "ines"
about = "woman, 30s"
skin = "skin3"
hair = "hair_dark"
hair_style = "bob"
outfit = "v_top"
"""


def test_a_small_cast_file_reads_with_defaults(tmp_path: Path, art_cast: ModuleType) -> None:
    path = tmp_path / "cast.toml"
    path.write_text(GOOD, encoding="utf-8")
    (ines,) = art_cast.load_cast(path)
    palette = art_module("palette").PALETTE
    assert (ines.id, ines.skin, ines.brow, ines.lip) == (
        "ines",
        palette["skin3"],
        palette["hair_dark"],
        palette["mouth"],
    )
    assert (ines.hw, ines.lashes, ines.extras, ines.beard) == (78, False, (), None)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('hw = "wide"', "'hw' must be a number"),
        ('skin = "green"', "skin 'green' is not a palette colour"),
        ('hair_style = "mohawk"', "hair_style 'mohawk' is not one of bob, short"),
        ('outfit = "toga"', "outfit 'toga' is not one of sport_jacket"),
        ('extras = ["cape"]', "'extras' must be a list of some of sunglasses"),
        ('beard = { kind = "mutton chops", colour = "hair_dark" }', "beard kind 'mutton chops'"),
        ('colours = { cape = "plum" }', "colours has no part 'cape'"),
        ('colours = { top = "violet" }', "colours.top 'violet' is not a palette colour"),
        ("lashes = 1", "'lashes' must be true or false"),
        ('nose = "long"', "unknown key 'nose'"),
    ],
)
def test_a_mistake_in_the_cast_names_the_person_and_the_key(
    tmp_path: Path, art_cast: ModuleType, extra: str, message: str
) -> None:
    key = extra.split(" ")[0]
    lines = [line for line in GOOD.splitlines() if not line.startswith(f"{key} =")]
    path = tmp_path / "cast.toml"
    path.write_text("\n".join([*lines, extra]), encoding="utf-8")
    with pytest.raises(art_cast.CastError) as caught:
        art_cast.load_cast(path)
    assert str(caught.value).startswith(f"{path}, person 1 (ines): ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no [[person]] tables"),
        ("[[person]\n", "not valid TOML"),
        (GOOD + GOOD, "person 2: the id 'ines' is already used"),
        (GOOD.replace('id = "ines"', 'id = "Ines Two"'), "must be one lower-case word"),
        (GOOD.replace('about = "woman, 30s"\n', ""), "'about' is missing"),
    ],
)
def test_a_broken_cast_file_says_what_is_wrong(
    tmp_path: Path, art_cast: ModuleType, text: str, message: str
) -> None:
    path = tmp_path / "cast.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(art_cast.CastError, match=message.replace("[", r"\[")):
        art_cast.load_cast(path)


def test_the_command_line_reports_a_broken_cast_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cast.toml"
    path.write_text(GOOD.replace('"skin3"', '"skin9"'), encoding="utf-8")
    done = make_art("--out", str(tmp_path / "out"), "--cast", str(path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{path}, person 1 (ines): skin 'skin9' is not a palette colour" in done.stderr
    assert not (tmp_path / "out").exists()


# ---- the vocabulary ---------------------------------------------------------------


def test_every_outfit_word_has_a_drawing(art_cast: ModuleType) -> None:
    outfits = art_module("portrait.outfits").OUTFITS
    assert set(outfits) == set(art_cast.OUTFITS)


def dressed(art_cast: ModuleType, tmp_path: Path, **changes: str) -> Any:
    lines = GOOD
    for key, value in changes.items():
        lines = "\n".join(line for line in lines.splitlines() if not line.startswith(key))
        lines += f"\n{key} = {value}"
    path = tmp_path / "cast.toml"
    path.write_text(lines, encoding="utf-8")
    (person,) = art_cast.load_cast(path)
    return person


def test_every_hair_style_and_outfit_looks_different(tmp_path: Path, art_cast: ModuleType) -> None:
    portrait = art_module("portrait")
    for key, words in (("hair_style", art_cast.HAIR_STYLES), ("outfit", art_cast.OUTFITS)):
        drawn = set()
        for word in words:
            svg = portrait.portrait_svg(
                dressed(art_cast, tmp_path, **{key: f'"{word}"'}), "neutral"
            )
            drawn.add(svg.split("\n", 2)[2])  # past the comment, which names the person
        assert len(drawn) == len(words), key


# ---- the code ---------------------------------------------------------------------


@pytest.mark.slow
def test_the_generators_pass_strict_type_checking() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "tools"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout
