"""Figures for hostile input: what a file with 20,000 mistakes costs `rapport validate`.

    python tools/measure_hostile.py [--code DIR]

Writes a scenario file of about 1 MiB with 20,000 misspelt keys (and so 20,000
missing `text`s), runs `rapport validate` on it in a fresh interpreter, and
prints the CPU time, the peak memory and the number of lines printed. `--code`
runs the game from another checkout (for a before/after comparison).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TYPOS = 20_000


def typos_file(folder: Path) -> Path:
    lines = ["format: 1", "id: typos", "title: Typos", "start: n0", "nodes:"]
    for i in range(TYPOS):
        lines += [f"  n{i}:", "    tetx: Hello there.", f"    next: n{i + 1}"]
    lines += [f"  n{TYPOS}:", "    ending: {title: Done, outcome: success}"]
    path = folder / "typos.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = typos_file(Path(folder))
        size = path.stat().st_size
        code = (
            "import sys\n"
            f"sys.path.insert(0, {str(options.code)!r})\n"
            "from game.cli import main\n"
            "sys.argv = ['rapport', 'validate', sys.argv[1]]\n"
            "main()\n"
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            env={"RAPPORT_CACHE": "off", "PATH": "/usr/bin:/bin"},
            check=False,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(
        f"{size / 2**20:.2f} MiB file with {TYPOS:,} "
        f"misspelt keys: exit {done.returncode}, {cpu:.2f} s CPU ({wall:.2f} s wall), "
        f"peak {after.ru_maxrss / 1024:.0f} MB, {len(done.stdout.splitlines()):,} lines printed"
    )
    print("last line:", done.stdout.strip().splitlines()[-1][:160] if done.stdout else done.stderr)


if __name__ == "__main__":
    main()
