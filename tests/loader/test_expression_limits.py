"""Hostile expressions in a scenario file: located diagnostics with their own codes, no crash."""

from __future__ import annotations

import pytest

from .support import VALID, codes, column_of, load


@pytest.mark.parametrize(
    ("condition", "code"),
    [
        ("(" * 150 + "asked" + ")" * 150, "RP315"),
        ("not " * 60 + "asked", "RP316"),
        ("-" * 300 + "patience > 0", "RP316"),
        (" or ".join(["asked"] * 52), "RP317"),
        ("patience > " + "9" * 450, "RP318"),
    ],
)
def test_a_hostile_condition_is_one_located_diagnostic(condition: str, code: str) -> None:
    text = VALID.replace("if: not asked", f'if: "{condition}"')
    report = load(text)
    assert report.scenario is None
    assert codes(report) == [code]
    diagnostic = report.diagnostics[0]
    assert diagnostic.line == text.splitlines().index(f'        if: "{condition}"') + 1
    assert diagnostic.column > column_of(text, condition) - 1  # inside the expression


def test_a_number_too_large_in_set_is_located_at_the_number() -> None:
    number = "9" * 4300
    text = VALID.replace("patience: patience + 1}", f'patience: "patience + {number}"}}')
    report = load(text)
    assert codes(report) == ["RP318"]
    assert report.diagnostics[0].column == column_of(text, number)
