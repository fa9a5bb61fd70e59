"""`rapport play --watch`: the terminal session that reloads a scenario on save."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from game.cli import cli
from game.cli.watch import WatchSession
from game.loader.watch import ScenarioWatcher
from tests.trainer.support import LOANER, write

ROOT = Path(__file__).parents[2]


def save(path: Path, text: str) -> None:
    """Write as an editor would, with a modification time that visibly moves on."""
    before = path.stat().st_mtime_ns if path.exists() else time.time_ns()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


# -- the watched terminal session --------------------------------------------------
Item = str | None | Callable[[], str | None]


class Scripted:
    """Answers in order; a callable runs first (an edit) and, if it gives no line, lets
    the session poll the file as if the player were still thinking."""

    def __init__(self, items: list[Item]) -> None:
        self.items = list(items)

    def get(self, block: bool = True, timeout: float | None = None) -> str | None:
        if not self.items:
            return None
        item = self.items.pop(0)
        if callable(item):
            line = item()
            if line is None:
                raise queue.Empty
            return line
        return item


def session(path: Path, items: list[Item]) -> str:
    out: list[str] = []

    def echo(text: str = "", nl: bool = True, **_: object) -> None:
        out.append(text + ("\n" if nl else ""))

    WatchSession(ScenarioWatcher(path), Scripted(items), coaching=True, echo=echo).run()
    return "".join(out)


def test_session_reloads_on_save_and_keeps_the_choices_made(tmp_path: Path) -> None:
    path = write(tmp_path)

    def edit() -> None:
        save(path, LOANER.replace("Enjoy the drive!", "Have a lovely drive!"))

    out = session(path, ["2", edit, "2", "q"])
    assert "Reloaded loaner.yaml: kept 1 of 1 choice." in out
    after = out.split("Reloaded loaner.yaml")[1]
    assert "2. Have a lovely drive!" in after
    assert "Ending: A nice day (partial)" in after
    assert out.rstrip().endswith("Stopped watching.")


def test_session_keeps_the_previous_version_while_the_file_is_broken(tmp_path: Path) -> None:
    path = write(tmp_path)

    def break_it() -> None:
        save(path, LOANER.replace("goto: test_drive", "goto: test_driv"))

    out = session(path, [break_it, "2", "1", "q"])
    assert "test_driv" in out and "did you mean `test_drive`" in out
    assert "The previous version stays in use" in out
    assert "Ending: An extended test drive (success)" in out


def test_session_replays_a_kept_choice_to_where_it_leads_now(tmp_path: Path) -> None:
    path = write(tmp_path)

    def redirect() -> None:
        save(path, LOANER.replace("        goto: picks\n", "        goto: keys\n"))

    out = session(path, ["2", redirect, "q"])
    assert "kept 1 of 1 choice" in out
    assert "Ending: A grey loaner (failure)" in out.split("kept 1 of 1")[1]


def test_session_tells_which_choice_no_longer_applies(tmp_path: Path) -> None:
    path = write(tmp_path)
    enjoy = """      - text: Enjoy the drive!
        feedback: Friendly, but a chance went by.
        goto: nice_day
"""

    def remove_a_choice() -> None:
        save(path, LOANER.replace(enjoy, ""))

    out = session(path, ["2", "2", remove_a_choice, "q"])
    assert "Ending: A nice day (partial)" in out
    after = out.split("Reloaded loaner.yaml: ")[1]
    assert after.startswith("kept 1 of 2 choices. Choice 2 no longer applies")
    assert "1. Shall I ask Raj to show you the new model?" in after


def test_session_drops_an_answer_typed_as_the_file_changed(tmp_path: Path) -> None:
    path = write(tmp_path)

    def edit_and_answer() -> str:
        save(path, LOANER.replace("Enjoy the drive!", "Have a lovely drive!"))
        return "1"

    out = session(path, [edit_and_answer, "q"])
    assert "The scenario changed, so that answer was not used; choose again." in out
    assert "Ending:" not in out


def test_session_undo_restart_and_unknown_answers(tmp_path: Path) -> None:
    out = session(write(tmp_path), ["u", "9", "2", "u", "1", "r", "q"])
    assert "Nothing to undo: this is the start." in out
    assert "Please type 1 to 2 or t for the timer, or u, r or q." in out
    assert "Went back one choice." in out
    assert "Ending: A grey loaner (failure)" in out
    assert out.count("The Loaner Desk") == 2  # the header again after the restart


def test_session_waits_for_a_valid_first_version(tmp_path: Path) -> None:
    path = write(tmp_path, LOANER.replace("start: arrive", "start: arive"))

    def fix() -> None:
        save(path, LOANER)

    out = session(path, ["1", fix, "t", "q"])
    assert "Waiting for a valid version of loaner.yaml" in out
    assert out.index("Waiting") < out.index("Watching loaner.yaml")
    assert "Time ran out." in out


def test_session_ends_cleanly_at_the_end_of_input(tmp_path: Path) -> None:
    out = session(write(tmp_path), ["2"])
    assert out.rstrip().endswith("Stopped watching.")


def test_play_watch_through_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = CliRunner().invoke(cli, ["play", str(path), "--watch"], input="2\n1\nq\n")
    assert result.exit_code == 0, result.output
    assert "Watching loaner.yaml" in result.stdout
    assert "Ending: An extended test drive (success)" in result.stdout


def test_play_watch_of_a_missing_scenario_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["play", "nope", "--watch", "--scenarios", str(tmp_path)])
    assert result.exit_code == 1 and "no scenario `nope`" in result.stderr


def test_play_watch_in_a_real_process_reloads_on_save(tmp_path: Path) -> None:
    """The real terminal path: a background reader, a polling main thread, a file saved."""
    path = write(tmp_path)
    output = bytearray()
    with subprocess.Popen(
        [sys.executable, "-m", "game", "play", str(path), "--watch", "--text"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"},
    ) as process:
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None

        def collect() -> None:
            while chunk := os.read(stdout.fileno(), 4096):
                output.extend(chunk)

        reader = threading.Thread(target=collect, daemon=True)
        reader.start()

        def wait_for(text: str, timeout_s: float = 20.0) -> None:
            deadline = time.monotonic() + timeout_s
            while text not in output.decode("utf-8", "replace"):
                if time.monotonic() > deadline or process.poll() is not None:
                    shown = output.decode("utf-8", "replace")
                    raise AssertionError(f"never saw {text!r} in:\n{shown}")
                time.sleep(0.05)

        def send(line: str) -> None:
            stdin.write(line.encode() + b"\n")
            stdin.flush()

        try:
            wait_for("Your choice")
            send("2")
            wait_for("My lease ends soon")
            save(path, LOANER.replace("Enjoy the drive!", "Have a lovely drive!"))
            wait_for("kept 1 of 1 choice")
            wait_for("2. Have a lovely drive!")
            send("q")
            assert process.wait(timeout=20) == 0
        finally:
            if process.poll() is None:
                process.kill()
        reader.join(timeout=5)
    assert "Traceback" not in output.decode("utf-8", "replace")
