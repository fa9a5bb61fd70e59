"""Examples in the docs are run, so they cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.core.analysis import analyze
from game.core.decisions import play_decisions
from game.loader import load_modules, load_scenario_text

DOCS = Path(__file__).parents[1] / "docs"


def blocks(marker: str) -> list[str]:
    text = (DOCS / "scenario-format.md").read_text(encoding="utf-8")
    return re.findall(rf"<!-- {marker} -->\n```yaml\n(.*?)```", text, flags=re.S)


def test_the_docs_hold_a_complete_example() -> None:
    assert len(blocks("complete scenario")) >= 1
    assert len(blocks("complete modules")) == 1


@pytest.mark.parametrize("text", blocks("complete scenario"))
def test_worked_example_loads_without_any_problem(text: str) -> None:
    report = load_scenario_text(text, "docs/scenario-format.md")
    assert report.diagnostics == []
    assert report.scenario is not None and report.analysis is not None
    analysis = report.analysis
    assert analysis.ranges is not None and all(r.assessed for r in analysis.ranges)
    assert analysis.best is not None
    best = play_decisions(report.scenario, list(analysis.best), to_ending=False)
    assert best.ending is not None and best.ending.outcome == "success"
    assert analyze(report.scenario).endings == analysis.endings


def test_modules_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "modules.yaml"
    path.write_text(blocks("complete modules")[0], encoding="utf-8")
    modules, diagnostics = load_modules(path, known_ids={"umbrella-stand"})
    assert diagnostics == []
    assert [m.id for m in modules] == ["first-week"]
    assert modules[0].pass_percent == 60 and modules[0].unlock == "sequential"


def test_the_scoring_guide_table_is_the_behaviour_table_the_checker_reads() -> None:
    from game.core.behaviours import BEHAVIOURS

    text = (DOCS / "scoring-guide.md").read_text(encoding="utf-8")
    table = text.split("<!-- behaviour table: kept equal to game/core/behaviours.py by a test -->")[
        1
    ]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.*?) \| (.*?) \| (.*?) \| (.*?) \|$", table, re.M)

    def points(cell: str) -> int | None:
        cell = cell.strip().replace("−", "-")
        return int(cell) if cell else None

    documented = [
        (name, meaning, points(e), points(a), points(u)) for name, meaning, e, a, u in rows
    ]
    expected = [
        (
            b.name,
            b.meaning,
            b.standard.get("empathy"),
            b.standard.get("anticipation"),
            b.standard.get("upsell"),
        )
        for b in BEHAVIOURS
    ]
    assert documented == expected
