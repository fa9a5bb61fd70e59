"""The lock file `make` installs from agrees with the ranges in pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def pinned() -> dict[str, str]:
    text = (ROOT / "requirements-lock.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", text, flags=re.M)
    return {canonicalize_name(name): version for name, version in pins}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines += extra
    return [Requirement(line) for line in lines]


def test_every_dependency_has_an_upper_bound() -> None:
    for requirement in declared():
        assert any(spec.operator in {"<", "<=", "=="} for spec in requirement.specifier), (
            f"{requirement} has no upper bound"
        )


def test_the_lock_pins_every_dependency_within_its_range() -> None:
    pins = pinned()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements-lock.txt: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements-lock.txt pins {requirement.name}=={pins[name]}, outside {requirement}: "
            "run `make lock`"
        )
