"""modules.yaml: onboarding tracks, checked against the scenarios of their folder."""

from __future__ import annotations

from pathlib import Path

from game.core.model import Module
from game.loader import load_modules
from game.loader.modules import load_modules_text

MODULES = """\
format: 1
modules:
  - id: service-basics
    title: "Onboarding 1: Service with passion"
    summary: Three conversations.
    scenarios: [loaner-counter, computer-shop]
    pass_percent: 75
    unlock: open
  - id: second
    title: Second steps
    scenarios: [first-date]
"""
KNOWN = {"loaner-counter", "computer-shop", "first-date"}


def test_modules_load_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "modules.yaml"
    path.write_text(MODULES, encoding="utf-8")
    modules, problems = load_modules(path, KNOWN)
    assert problems == []
    assert modules == [
        Module(
            id="service-basics",
            title="Onboarding 1: Service with passion",
            scenarios=("loaner-counter", "computer-shop"),
            summary="Three conversations.",
            pass_percent=75.0,
            unlock="open",
        ),
        Module(id="second", title="Second steps", scenarios=("first-date",)),
    ]
    assert modules[1].pass_percent == 60.0 and modules[1].unlock == "sequential"


def test_unknown_scenario_is_an_error_and_its_module_is_left_out() -> None:
    text = MODULES.replace("[first-date]", "[first-dat]")
    modules, problems = load_modules_text(text, "modules.yaml", KNOWN)
    assert [d.code for d in problems] == ["RP311"]
    assert "(did you mean `first-date`?)" in problems[0].message
    assert (problems[0].line, problems[0].column) == (11, 17)
    assert [m.id for m in modules] == ["service-basics"]


def test_without_known_ids_scenario_ids_are_not_checked() -> None:
    modules, problems = load_modules_text(MODULES.replace("[first-date]", "[nowhere]"), "m.yaml")
    assert problems == []
    assert len(modules) == 2


def test_duplicate_module_id_is_an_error() -> None:
    modules, problems = load_modules_text(
        MODULES.replace("id: second", "id: service-basics"), "m.yaml"
    )
    assert [d.code for d in problems] == ["RP312"]
    assert [m.title for m in modules] == ["Onboarding 1: Service with passion"]


def test_structural_error_gives_no_modules() -> None:
    modules, problems = load_modules_text(
        MODULES.replace("unlock: open", "unlock: later"), "m.yaml"
    )
    assert [d.code for d in problems] == ["RP204"]
    assert modules == []


def test_pass_percent_must_be_a_percent() -> None:
    _, problems = load_modules_text(
        MODULES.replace("pass_percent: 75", "pass_percent: 140"), "m.yaml"
    )
    assert [d.code for d in problems] == ["RP206"]
    _, problems = load_modules_text(
        MODULES.replace("pass_percent: 75", "pass_percent: .nan"), "m.yaml"
    )
    assert [d.code for d in problems] == ["RP115"]


def test_modules_file_gets_the_same_yaml_safety(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = MODULES.replace(
        "title: Second steps", f"title: !!python/object/apply:os.system ['touch {marker}']"
    )
    modules, problems = load_modules_text(text, "m.yaml")
    assert "RP109" in [d.code for d in problems]
    assert modules == []
    assert not marker.exists()


def test_missing_modules_file_is_reported(tmp_path: Path) -> None:
    modules, problems = load_modules(tmp_path / "modules.yaml")
    assert modules == []
    assert [d.code for d in problems] == ["RP101"]
