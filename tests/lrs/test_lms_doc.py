"""docs/lms.md names every IRI and setting Rapport uses, and its examples are real statements."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from game.lrs import vocabulary as iri
from game.lrs.config import ENVIRONMENT
from game.lrs.identity import IdentityPolicy
from game.lrs.statements import StatementOptions, playthrough_statements
from game.lrs.validation import problems
from tests.lrs import support

DOC = (Path(__file__).parents[2] / "docs" / "lms.md").read_text(encoding="utf-8")


def example(name: str) -> dict[str, Any]:
    found = re.search(rf"<!-- example: {name} -->\n```json\n(.*?)```", DOC, flags=re.S)
    assert found, name
    parsed: dict[str, Any] = json.loads(found.group(1))
    return parsed


def paths(value: Any, here: str = "") -> set[str]:
    """Every key path of a JSON value (list items share one path)."""
    if isinstance(value, dict):
        found = set()
        for key, item in value.items():
            found |= {f"{here}/{key}"} | paths(item, f"{here}/{key}")
        return found
    if isinstance(value, list):
        return set().union(*(paths(item, here + "[]") for item in value)) if value else set()
    return set()


def test_every_iri_rapport_sends_is_documented() -> None:
    for each in iri.every_iri():
        assert f"`{each}`" in DOC, each
    assert iri.BASE in DOC


def test_every_setting_is_documented_with_the_naming_rule_the_page_gives() -> None:
    for key, variable in ENVIRONMENT.items():
        assert f"`{variable}`" in DOC, variable
        if key != "endpoint":  # the page: "the name after RAPPORT_LRS_ in lower case"
            assert variable == "RAPPORT_LRS_" + key.upper()
    assert '"endpoint":' in DOC


@pytest.mark.parametrize(("name", "position"), [("completed", -2), ("answered", 0)])
def test_the_examples_are_valid_and_shaped_like_what_rapport_sends(
    name: str, position: int
) -> None:
    shown = example(name)
    assert problems(shown) == []
    scenario, result = support.play("candle-shop", support.rotating, seconds=412.37)
    made = playthrough_statements(
        scenario,
        result,
        support.attempt(support.module_of("candle-shop"), session="Tuesday floor team"),
        StatementOptions(IdentityPolicy(home_page="https://learning.example.com/")),
    )[position]
    assert paths(shown) <= paths(made)
    assert shown["verb"] == made["verb"]
    assert shown["object"]["id"] == made["object"]["id"]
    extensions = shown["result"]["extensions"]
    assert set(extensions) == set(made["result"]["extensions"])
