"""`make bench`: one line per goal, measured in alternating rounds on a CPU clock.

    python -m benchmarks                  every row
    python -m benchmarks engine analysis  those rows only (a row id, a prefix such
                                          as `frame`, or a group such as `store`)
    python -m benchmarks --list           the rows and their goals
    python -m benchmarks --quick ...      tiny sizes and few rounds: checks the
                                          harness works, says nothing about speed

How the harness measures is explained in benchmarks/harness.py and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import sys
from pathlib import Path

from benchmarks.harness import Mode, Row, load_average, run_rows, select


def all_rows() -> list[Row]:
    """Every bench module's rows, in the order of the goals table in docs/benchmarks.md."""
    folder = Path(__file__).parent
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")
    )
    rows: list[Row] = []
    for name in names:
        rows.extend(importlib.import_module(f"benchmarks.{name}").rows())
    order = {
        group: n for n, group in enumerate(("core", "ui", "startup", "loader", "store", "live"))
    }
    return sorted(rows, key=lambda r: order.get(r.group, len(order)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("rows", nargs="*", help="row ids, prefixes or groups (default: all)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: check the harness")
    parser.add_argument("--rounds", type=int, help="rounds per row instead of each row's own")
    parser.add_argument("--list", action="store_true", help="list the rows and their goals")
    args = parser.parse_args(argv)
    rows = all_rows()
    try:
        chosen = select(rows, args.rows)
    except KeyError as error:
        print(f"python -m benchmarks: {error.args[0]}", file=sys.stderr)
        return 2
    if args.list:
        width = max(len(r.id) for r in chosen)
        for row in chosen:
            print(f"{row.id:<{width}}  {row.what}; goal {row.goal}")
        return 0
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {load_average():.2f}"
        + (" (quick: checks the harness only)" if args.quick else ""),
        flush=True,
    )
    mode = Mode(quick=args.quick, rounds=args.rounds)
    with mode.cleanup:
        run_rows(chosen, mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
