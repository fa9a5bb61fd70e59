"""The Diagnostic: one located problem, as text for editors and as JSON."""

from __future__ import annotations

from game.loader import Diagnostic
from game.loader.diagnostics import sort_key

from .support import VALID, load


def test_diagnostic_formats_for_editors_and_json() -> None:
    diagnostic = Diagnostic("scenarios/a.yaml", 3, 7, "error", "RP301", "goes nowhere")
    assert diagnostic.format() == "scenarios/a.yaml:3:7: error: goes nowhere"
    assert diagnostic.to_dict() == {
        "path": "scenarios/a.yaml",
        "line": 3,
        "column": 7,
        "severity": "error",
        "code": "RP301",
        "message": "goes nowhere",
    }


def test_diagnostics_sort_by_file_then_position() -> None:
    later = Diagnostic("a.yaml", 10, 1, "warning", "RP307", "x")
    earlier = Diagnostic("a.yaml", 2, 9, "error", "RP301", "y")
    other = Diagnostic("b.yaml", 1, 1, "error", "RP301", "z")
    assert sorted([other, later, earlier], key=sort_key) == [earlier, later, other]


def test_diagnostics_are_immutable_values() -> None:
    first = Diagnostic("a.yaml", 1, 1, "error", "RP301", "x")
    assert first == Diagnostic("a.yaml", 1, 1, "error", "RP301", "x")
    assert len({first, Diagnostic("a.yaml", 1, 1, "error", "RP301", "x")}) == 1


def test_long_values_are_cut_short_in_messages() -> None:
    key = "x" * 500  # YAML allows keys of up to 1024 characters
    report = load(VALID.replace("minutes: 2", f"minutes: 2\n{key}: 1"))
    assert [d.code for d in report.diagnostics] == ["RP201"]
    message = report.diagnostics[0].message
    assert "…" in message
    assert len(message) < 400
