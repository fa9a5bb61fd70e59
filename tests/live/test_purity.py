"""The session rules stay pure: importing them loads no server, socket, database or clock code."""

import subprocess
import sys
from pathlib import Path

# `time` is loaded by the interpreter itself, so the source check below covers clocks.
FORBIDDEN = [
    "starlette",
    "uvicorn",
    "websockets",
    "sqlalchemy",
    "sqlite3",
    "pygame",
    "yaml",
    "random",
    "secrets",
    "uuid",
    "datetime",
    "socket",
    "asyncio",
    "threading",
    "segno",
]
PURE = ("session.py", "protocol.py", "names.py")


def test_the_session_rules_import_no_io() -> None:
    code = (
        "import sys\n"
        "import game.live.session, game.live.protocol, game.live.names\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_session_rules_never_read_a_clock_or_print() -> None:
    live = Path(__file__).parents[2] / "game" / "live"
    for name in PURE:
        text = (live / name).read_text(encoding="utf-8")
        assert "print(" not in text and "input(" not in text, name
        for module in ("time", "random", "datetime", "os", "pathlib", "socket", "secrets"):
            assert f"import {module}" not in text, (name, module)
