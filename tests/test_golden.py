"""Golden transcripts: a scenario plus its expected playthroughs, played by the CLI.

Each folder in tests/golden holds `<id>.yaml`, `plans.txt` (one `--choices`
list per line) and `plan-N.txt`, the exact expected terminal transcript of plan
N. After an intended change, run with RAPPORT_UPDATE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli

GOLDEN = Path(__file__).parent / "golden"


def plans() -> list[tuple[Path, int, str]]:
    found = []
    for folder in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        lines = (folder / "plans.txt").read_text(encoding="utf-8").split()
        found += [(folder, n, choices) for n, choices in enumerate(lines, start=1)]
    return found


@pytest.mark.parametrize(
    ("folder", "number", "choices"), plans(), ids=lambda v: getattr(v, "name", str(v))
)
def test_transcript_matches_golden(folder: Path, number: int, choices: str) -> None:
    scenario = str(folder / f"{folder.name}.yaml")
    result = CliRunner().invoke(cli, ["play", scenario, "--choices", choices, "--text"])
    assert result.exit_code == 0, result.output
    expected = folder / f"plan-{number}.txt"
    if os.environ.get("RAPPORT_UPDATE_GOLDEN"):
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")
    # The JSON result of the same plan agrees with the transcript's ending.
    data = json.loads(
        CliRunner().invoke(cli, ["play", scenario, "--choices", choices, "--json"]).stdout
    )
    assert f"({data['outcome']})" in result.stdout


def test_every_golden_folder_has_plans_and_transcripts() -> None:
    for folder in (p for p in GOLDEN.iterdir() if p.is_dir()):
        count = len((folder / "plans.txt").read_text(encoding="utf-8").split())
        assert count >= 3
        assert sorted(folder.glob("plan-*.txt")) == sorted(
            folder / f"plan-{n}.txt" for n in range(1, count + 1)
        )
