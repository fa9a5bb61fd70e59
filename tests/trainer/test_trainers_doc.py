"""docs/trainers.md is run: every `$ rapport` line, in order, in a fresh folder, output checked.

Markers in the page: `# exits N` after a command that must fail with status N,
`# interactive` for one that asks questions (it gets scripted answers), and
HTML comments that do what the reader is told to do by hand:
`<!-- doc-test: replace FILE | OLD | NEW -->` (an edit; `\\n` in NEW starts a new
line) and `<!-- doc-test: file NAME -->` (the fenced block that follows is that
file; NAME may name folders, which are made).
Output shown under a command must appear in what it prints; `...` skips
lines, and a date and time stands for any date and time.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from game.cli import cli

DOC = Path(__file__).parents[2] / "docs" / "trainers.md"
# Answers for interactive commands: the asking choice, then the candle set, then quit.
SCRIPTED_INPUT = "2\n1\nq\n"
_MARKER = re.compile(r"\s+#\s*(?:exits (\d+)|(interactive))\s*$")
_WHEN = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


@dataclass
class Command:
    line: str
    args: list[str]
    exit_code: int = 0
    interactive: bool = False
    expected: list[str] = field(default_factory=list)


@dataclass
class Edit:
    file: str
    old: str
    new: str


@dataclass
class NewFile:
    name: str
    text: str


Step = Command | Edit | NewFile


def steps(text: str) -> list[Step]:
    found: list[Step] = []
    pattern = re.compile(
        r"<!-- doc-test: replace (\S+) \| (.+?) \| (.+?) -->"
        r"|<!-- doc-test: file (\S+) -->\s*```\w*\n(.*?)```"
        r"|```console\n(.*?)```",
        flags=re.S,
    )
    for match in pattern.finditer(text):
        if match.group(1):
            new = match.group(3).replace("\\n", "\n")
            found.append(Edit(match.group(1), match.group(2), new))
        elif match.group(4):
            found.append(NewFile(match.group(4), match.group(5)))
        else:
            current: Command | None = None
            for line in match.group(6).splitlines():
                if line.startswith("$ "):
                    current = None
                    if not line.startswith("$ rapport "):
                        continue  # another program, such as the game window
                    marker = _MARKER.search(line)
                    command = line[2 : marker.start()] if marker else line[2:]
                    current = Command(
                        line,
                        shlex.split(command)[1:],
                        exit_code=int(marker.group(1)) if marker and marker.group(1) else 0,
                        interactive=bool(marker and marker.group(2)),
                    )
                    found.append(current)
                elif current is not None:
                    current.expected.append(line)
    return found


def _normal(text: str) -> str:
    return " ".join(text.split())


def shows(output: str, expected: list[str]) -> None:
    """Each expected line, in order, among the output's lines (`...` skips any number)."""
    lines = [_normal(line) for line in output.splitlines()]
    position = 0
    for wanted in expected:
        if not wanted.strip() or wanted.strip() == "...":
            continue
        parts = [re.escape(part) for part in _WHEN.split(_normal(wanted))]
        pattern = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}".join(parts))
        for index in range(position, len(lines)):
            if pattern.fullmatch(lines[index]):
                position = index + 1
                break
        else:
            raise AssertionError(f"expected the line {wanted!r} in:\n{output}")


def test_the_walkthrough_covers_every_trainer_command() -> None:
    commands = [s for s in steps(DOC.read_text(encoding="utf-8")) if isinstance(s, Command)]
    used = {c.args[0] for c in commands}
    assert {"new", "validate", "play", "analyze", "graph", "report", "import-twee"} <= used
    assert {"session", "leaderboard"} <= used
    assert any("--watch" in c.args for c in commands)
    assert any("--player" in c.args for c in commands)
    assert any(c.exit_code == 1 for c in commands)  # a real diagnostic is shown


def test_the_images_the_walkthrough_shows_exist() -> None:
    for image in re.findall(r"\]\((images/[^)]+)\)", DOC.read_text(encoding="utf-8")):
        path = DOC.parent / image
        assert path.is_file() and path.read_bytes().startswith(b"\x89PNG"), image


@pytest.mark.needs("graphviz")
def test_every_command_in_the_walkthrough_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RAPPORT_DB", f"sqlite:///{tmp_path / 'results.db'}")
    runner = CliRunner()
    ran = 0
    for step in steps(DOC.read_text(encoding="utf-8")):
        if isinstance(step, Edit):
            path = tmp_path / step.file
            text = path.read_text(encoding="utf-8")
            assert step.old in text, f"the doc edits {step.old!r}, which {step.file} lacks"
            path.write_text(text.replace(step.old, step.new, 1), encoding="utf-8")
            continue
        if isinstance(step, NewFile):
            (tmp_path / step.name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / step.name).write_text(step.text, encoding="utf-8")
            continue
        result = runner.invoke(cli, step.args, input=SCRIPTED_INPUT if step.interactive else None)
        output = result.stdout + result.stderr
        assert result.exit_code == step.exit_code, f"{step.line}\n{output}"
        assert "Traceback" not in output
        shows(output, step.expected)
        ran += 1
    assert ran >= 20
    assert (tmp_path / "report.html").is_file() and (tmp_path / "gift-shop.png").is_file()
