"""The core stays pure: importing it loads no engine, parser, database or clock code."""

import subprocess
import sys

# `time` is loaded by the interpreter itself, so the source check below covers clocks.
FORBIDDEN = ["pygame", "yaml", "sqlite3", "sqlalchemy", "click", "random", "datetime", "json"]


def test_core_imports_only_the_standard_library() -> None:
    code = (
        "import sys\n"
        "import game.core.analysis, game.core.engine, game.core.scoring, game.core.players\n"
        "import game.core.progress\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_core_source_never_prints_or_reads_input() -> None:
    from pathlib import Path

    core = Path(__file__).parents[2] / "game" / "core"
    for path in core.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "print(" not in text, path
        assert "input(" not in text, path
        assert "eval(" not in text, path
        for module in ("time", "random", "datetime", "os", "pathlib"):
            assert f"import {module}" not in text, (path, module)
