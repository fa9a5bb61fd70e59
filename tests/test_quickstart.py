"""The README's quick start, run as printed on a fresh copy of the project.

A fresh copy (the files git tracks, plus new ones not yet committed; no
.venv) is made in a temporary folder, and the commands of the README's quick
start block run there one after another in one shell, as a new user types
them: the first `make` builds the virtual environment from the lock file,
`source .venv/bin/activate` puts `rapport` on the PATH for the commands after
it. There is no screen, so `make play` must fall back to the terminal player,
and the end of input must end it with a goodbye and status 0.

`make test` runs as printed too, but its pytest is limited (through
PYTEST_ADDOPTS) to one small file: the whole suite inside the whole suite
would double the run for nothing this test checks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli.player import GOODBYE

ROOT = Path(__file__).resolve().parents[1]
INNER_PYTEST = "tests/test_docs.py"
SDL_NOISE = ("XDG_RUNTIME_DIR", "ALSA lib", "PulseAudio", "Traceback", "Aborted!")


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- quick start -->\n```console\n(.*?)```", readme, flags=re.S)
    assert found, "README.md has no quick start block"
    commands = []
    for line in found.group(1).splitlines():
        command = re.sub(r"\s+#.*$", "", line).strip()
        if command:
            commands.append(command)
    return commands


def fresh_copy(target: Path) -> None:
    """What a clone of the project would hold: tracked files and new, unignored ones."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():  # deleted in the working tree, not yet committed
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


def user_environment(tmp_path: Path) -> dict[str, str]:
    """A user's shell: no active venv, no make or pytest state from this run, no screen."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "MAKE", "SDL_", "RAPPORT_"))
        and key not in {"MFLAGS", "VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH"}
    }
    venv_bin = str(ROOT / ".venv" / "bin")
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    env["PYTEST_ADDOPTS"] = INNER_PYTEST
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_CACHE_HOME"] = str(Path.home() / ".cache")  # pip's cache: downloads once
    return env


@pytest.mark.slow
def test_the_readme_quick_start_works_as_printed_on_a_fresh_copy(tmp_path: Path) -> None:
    commands = quick_start_commands()
    assert commands[:2] == ["make play", "make test"]
    assert "rapport play loaner-counter" in commands
    project = tmp_path / "rapport"
    fresh_copy(project)
    assert not (project / ".venv").exists()

    # One shell for all: each command's output between markers, with its status.
    script = ["set -u"]
    for number, command in enumerate(commands):
        script += [
            f"echo '>>> {number}'",
            f"{command} </dev/null 2>&1",
            f'echo "<<< {number} $?"',
        ]
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=project,
        env=user_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    outputs = {}
    for number, command in enumerate(commands):
        section = re.search(rf">>> {number}\n(.*?)<<< {number} (\d+)\n", done.stdout, flags=re.S)
        assert section, f"`{command}` did not run:\n{done.stdout[-3000:]}"
        output, status = section.group(1), int(section.group(2))
        assert status == 0, f"`{command}` exited {status}:\n{output[-3000:]}"
        outputs[command] = output

    play = outputs["make play"]
    assert "source .venv/bin/activate" in play  # set-up says how to use `rapport`
    assert "there is no screen" in play and "terminal player" in play
    assert "The Loaner Counter" in play and GOODBYE in play
    for noise in SDL_NOISE:
        assert noise not in play, f"`make play` printed {noise!r}"

    assert re.search(r"\d+ passed", outputs["make test"]), outputs["make test"][-3000:]
    assert " failed" not in outputs["make test"]

    terminal = outputs["rapport play loaner-counter"]
    assert "The Loaner Counter" in terminal and GOODBYE in terminal
