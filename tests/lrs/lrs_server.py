"""A real Learning Record Store for the tests: Ralph, started on 127.0.0.1 in its own venv.

`RalphServer` starts Ralph's API with its file backend in a temporary folder,
with one Basic-auth user, waits until it answers, and stops it (the process it
started, by its id) when the test is done. Statements it stores are lines of
`statements_file`, so a test can count them.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.tools import ralph_python

USERNAME = "rapport-tests"
PASSWORD = "a-long-test-password-9c1e"  # a test server on 127.0.0.1 only
START_TIMEOUT_S = 60.0  # seconds: Ralph imports a lot before it answers
LAUNCHER = Path(__file__).with_name("ralph_launch.py")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RalphServer:
    """One Ralph LRS process; `start()` and `stop()` may be called again (down, then up)."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        python = ralph_python()
        assert python is not None, "the `needs('ralph')` marker must guard this test"
        self.python = python
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        (folder / "data").mkdir(parents=True, exist_ok=True)
        self._write_credentials()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def statements_file(self) -> Path:
        return self.folder / "data" / "fs_lrs.jsonl"

    def stored(self) -> list[dict[str, Any]]:
        """Every statement in Ralph's file, in the order it stored them."""
        if not self.statements_file.exists():
            return []
        lines = self.statements_file.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def _write_credentials(self) -> None:
        # Ralph keeps bcrypt hashes; bcrypt is in Ralph's venv, not in ours.
        code = (
            "import bcrypt, json, sys\n"
            "user, password, path = sys.argv[1:]\n"
            "digest = bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode()\n"
            "entry = {'username': user, 'hash': digest, 'scopes': ['all'],\n"
            "         'agent': {'mbox': 'mailto:rapport-tests@example.org'}}\n"
            "open(path, 'w').write(json.dumps([entry]))\n"
        )
        subprocess.run(
            [str(self.python), "-c", code, USERNAME, PASSWORD, str(self.folder / "auth.json")],
            check=True,
            timeout=60,
        )

    def start(self) -> None:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.folder),
            "RALPH_APP_DIR": str(self.folder),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_HISTORY_FILE": str(self.folder / "history.json"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
        }
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [str(self.python), str(LAUNCHER), str(self.port)],
            cwd=self.folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped at start:\n{self.log()}")
            with contextlib.suppress(urllib.error.URLError, OSError):
                url = f"http://127.0.0.1:{self.port}/__heartbeat__"
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {START_TIMEOUT_S:g} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        self.process = None

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(encoding="utf-8", errors="replace")[-4000:] if path.exists() else ""
