"""`rapport host` as a trainer and the acceptance checks run it: a real process, real signals."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from game.cli import cli
from game.live.check import INFO, OK, PROBLEM, WARNING, check_firewall
from tests.live.phones import Phone, run
from tests.live.support import KEYS, UMBRELLA

ROOT = Path(__file__).parents[2]
MODULES = """\
format: 1
modules:
  - id: first-week
    title: First week
    scenarios: [spare-keys, umbrella-stand]
"""
START_S = 60.0  # seconds the command may take to print its first line (a busy CI machine)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "umbrella-stand.yaml").write_text(UMBRELLA, encoding="utf-8")
    (scenarios / "spare-keys.yaml").write_text(KEYS, encoding="utf-8")
    (scenarios / "modules.yaml").write_text(MODULES, encoding="utf-8")
    return scenarios


class Hosting:
    """A running `rapport host` process and what it printed first."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "game", "host", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []

    def read_lines(self, count: int) -> list[str]:
        """The first `count` lines of stdout (fails the test after START_S seconds)."""
        assert self.process.stdout is not None
        stdout = self.process.stdout

        def read() -> None:
            while len(self.lines) < count:
                line = stdout.readline()
                if not line:
                    return
                self.lines.append(line)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(START_S)
        assert len(self.lines) >= count, (self.lines, self.process.poll())
        return self.lines[:count]

    def finish(self, sig: int | None = signal.SIGTERM) -> tuple[int, str, str]:
        """Signal the process (unless it ends by itself), wait, and read the rest of its output."""
        if sig is not None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=60)
        assert self.process.stdout is not None and self.process.stderr is not None
        return code, self.process.stdout.read(), self.process.stderr.read()


@pytest.fixture
def hosting(tmp_path: Path, folder: Path) -> Iterator[Any]:
    started: list[Hosting] = []
    env = {**os.environ, "RAPPORT_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
    env.pop("RAPPORT_DB", None)

    def start(*args: str) -> Hosting:
        process = Hosting([*args, "--scenarios", str(folder)], env)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.process.poll() is None:
            process.process.kill()
        process.process.wait(timeout=30)
        for stream in (process.process.stdout, process.process.stderr):
            if stream is not None and not stream.closed:
                stream.close()


def play_once(info: dict[str, Any], name: str, choices: list[int]) -> dict[str, Any]:
    port = int(info["url"].rsplit(":", 1)[1].strip("/"))

    async def play() -> dict[str, Any]:
        phone = await Phone.open(port)
        await phone.join(info["code"], name)
        await phone.until("view", seq=1)
        for number in choices:
            await phone.choose(number)
        result = await phone.until("result")
        await phone.until("board")
        return result

    return run(play())


def test_json_line_then_play_then_sigterm_records_and_exits_0(hosting: Any, db_url: str) -> None:
    host = hosting(
        "umbrella-stand",
        "--json",
        "--bind",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        db_url,
        "--session",
        "Acceptance",
    )
    info = json.loads(host.read_lines(1)[0])
    assert set(info) == {"url", "urls", "code", "host_token", "session", "mode"}
    assert info["url"] == info["urls"][0] and info["url"].startswith("http://127.0.0.1:")
    assert info["session"] == "Acceptance" and info["mode"] == "race"
    assert len(info["code"]) == 6 and info["code"].isdigit() and len(info["host_token"]) >= 24
    with urllib.request.urlopen(info["url"] + "?join=" + info["code"], timeout=10) as page:
        assert page.status == 200
    result = play_once(info, "Ana", [2, 2, 1])
    assert result["ending"] == "happy"
    code, out, err = host.finish(signal.SIGTERM)
    assert code == 0, err
    assert out == ""  # nothing but the JSON line on stdout
    assert "1 result recorded" in err and "Traceback" not in err
    board = CliRunner().invoke(
        cli, ["leaderboard", "--session", "Acceptance", "--json", "--db", db_url]
    )
    rows = json.loads(board.output)
    assert [(r["player"], r["overall"]) for r in rows] == [("Ana", 100.0)]


def test_ctrl_c_mid_scenario_closes_the_phones_and_exits_0(hosting: Any, db_url: str) -> None:
    host = hosting("umbrella-stand", "--json", "--bind", "127.0.0.1", "--port", "0", "--db", db_url)
    info = json.loads(host.read_lines(1)[0])
    today = datetime.now().astimezone().strftime("%Y-%m-%d")
    assert info["session"] == f"{today} umbrella-stand"
    port = int(info["url"].rsplit(":", 1)[1].strip("/"))

    async def interrupted() -> dict[str, Any]:
        phone = await Phone.open(port)
        await phone.join(info["code"], "Ben")
        await phone.until("view", seq=1)
        await phone.choose(2)
        host.process.send_signal(signal.SIGINT)
        return await phone.until("ended", timeout=30)

    assert run(interrupted())["message"]
    code, _, err = host.finish(None)
    assert code == 0 and "0 results recorded" in err
    again = hosting(
        "umbrella-stand", "--json", "--bind", "127.0.0.1", "--port", "0", "--db", db_url
    )
    assert json.loads(again.read_lines(1)[0])["session"] == f"{today} umbrella-stand #2"
    assert again.finish(signal.SIGINT)[0] == 0


def test_a_huddle_of_a_module_is_hosted_and_ended_from_the_projector(
    hosting: Any, db_url: str
) -> None:
    host = hosting(
        "--module",
        "first-week",
        "--mode",
        "huddle",
        "--json",
        "--bind",
        "127.0.0.1",
        "--port",
        "0",
        "--db",
        db_url,
    )
    info = json.loads(host.read_lines(1)[0])
    assert info["mode"] == "huddle" and "first-week" in info["session"]
    port = int(info["url"].rsplit(":", 1)[1].strip("/"))

    async def room() -> None:
        ana = await Phone.open(port)
        await ana.join(info["code"], "Ana")
        view = await ana.until("view", seq=1)
        assert view["scenario"] == "spare-keys" and view["parts"] == 2
        projector = await Phone.open(port)
        host_token = info["host_token"]
        for seq, number in ((1, 2), (2, 1)):
            await ana.send({"type": "vote", "seq": seq, "number": number})
            await ana.until("tally", seq=seq, voters=1)
            await projector.send(
                {"type": "host", "host_token": host_token, "action": "advance", "seq": seq}
            )
            await ana.until("view", seq=seq + 1)
        await ana.until("result")
        await projector.send({"type": "host", "host_token": host_token, "action": "end"})
        await ana.until("ended")

    run(room())
    code, _, err = host.finish(None)
    assert code == 0, err
    board = CliRunner().invoke(
        cli, ["leaderboard", "--session", info["session"], "--json", "--db", db_url]
    )
    assert [r["player"] for r in json.loads(board.output)] == [
        f"Room: {info['session']}"[:40].strip()
    ]


def test_without_json_a_person_gets_the_address_the_code_and_a_qr_code(
    hosting: Any, db_url: str
) -> None:
    host = hosting("umbrella-stand", "--bind", "127.0.0.1", "--port", "0", "--db", db_url)
    lines = host.read_lines(8)
    text = "".join(lines)
    assert "Join at   http://127.0.0.1:" in text and "Code      " in text
    assert "█" in text or "▀" in text
    code, out, _ = host.finish(signal.SIGINT)
    everything = "".join(host.lines) + out
    assert code == 0 and "Projector (on this computer): http://127.0.0.1:" in everything
    assert "/board#host=" in everything and "rapport host --check" in everything
    assert everything.rstrip().endswith("ended: 0 results recorded.")


# -- command-line mistakes ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        ([], 2, "give a SCENARIO or --module"),
        (["umbrella-stand", "--module", "first-week"], 2, "one of them"),
        (["nowhere"], 1, "there is no scenario `nowhere`"),
        (["--module", "last-week"], 1, "there is no module 'last-week'"),
        (["umbrella-stand", "--session", "a\nb"], 1, "--session: the session name contains"),
        (["umbrella-stand", "--mode", "quiz"], 2, "Invalid value for '--mode'"),
        (["umbrella-stand", "--bind", "192.0.2.254"], 1, "is not an address of this computer"),
        (["umbrella-stand", "--bind", "no.such.host.invalid"], 1, "is not an address"),
        (["umbrella-stand", "--blocked-words", "missing.txt"], 1, "cannot be read"),
    ],
)
def test_mistakes_are_one_clear_line(
    args: list[str], code: int, words: str, folder: Path, db_url: str
) -> None:
    done = CliRunner().invoke(
        cli, ["host", *args, "--scenarios", str(folder), "--db", db_url, "--port", "0"]
    )
    assert done.exit_code == code, done.output
    assert words in done.output
    assert "Traceback" not in done.output


def test_a_port_in_use_is_explained(folder: Path, db_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = CliRunner().invoke(
            cli,
            [
                "host",
                "umbrella-stand",
                "--scenarios",
                str(folder),
                "--db",
                db_url,
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
            ],
        )
        assert done.exit_code == 1
        assert f"port {port} is already in use" in done.output and "--port 0" in done.output


# -- rapport host --check -------------------------------------------------------------------------
def test_check_tries_the_port_the_addresses_and_the_database(db_url: str) -> None:
    done = CliRunner().invoke(
        cli, ["host", "--check", "--bind", "127.0.0.1", "--port", "0", "--db", db_url, "--json"]
    )
    assert done.exit_code == 0, done.output
    findings = json.loads(done.output)
    titles = {f["title"]: f for f in findings}
    assert titles["Port"]["status"] == OK
    assert titles["Connection"]["status"] == OK and "answers" in titles["Connection"]["detail"]
    assert titles["Results"]["status"] == OK
    assert "hotspot" in titles["Phones"]["advice"]
    text = CliRunner().invoke(
        cli, ["host", "--check", "--bind", "127.0.0.1", "--port", "0", "--db", db_url]
    )
    assert text.exit_code == 0 and "ok       Port: Port" in text.output


def test_check_reports_a_taken_port_as_a_problem(db_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = CliRunner().invoke(
            cli, ["host", "--check", "--bind", "127.0.0.1", "--port", str(port), "--db", db_url]
        )
    assert done.exit_code == 1
    assert "PROBLEM  Port: Cannot listen: port" in done.output


@pytest.mark.parametrize(
    ("platform", "answers", "status", "advice"),
    [
        ("linux", {"ufw": "Status: active\n22/tcp ALLOW"}, WARNING, "sudo ufw allow 8765/tcp"),
        ("linux", {"ufw": "Status: active\n8765/tcp ALLOW Anywhere"}, OK, ""),
        ("linux", {"firewall-cmd": "running\n"}, WARNING, "--add-port=8765/tcp"),
        ("linux", {}, INFO, ""),
        (
            "darwin",
            {"/usr/libexec/ApplicationFirewall/socketfilterfw": "enabled"},
            WARNING,
            "Allow",
        ),
        ("win32", {"netsh": "State ON"}, WARNING, "localport=8765"),
        ("win32", {"netsh": "State OFF"}, INFO, ""),
    ],
)
def test_the_firewall_advice_fits_the_system(
    platform: str, answers: dict[str, str], status: str, advice: str
) -> None:
    def runner(command: Any) -> str | None:
        return answers.get(command[0])

    finding = check_firewall(8765, runner, platform)
    assert finding.status == status
    assert advice in finding.advice
    assert finding.status != PROBLEM
