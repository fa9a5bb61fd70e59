"""`make bench`: run every benchmark module's `main()` and print its figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    folder = Path(__file__).parent
    modules = pkgutil.iter_modules([str(folder)])
    names = sorted(m.name for m in modules if m.name.startswith("bench_"))
    only = set(sys.argv[1:])
    for name in names:
        if only and name.removeprefix("bench_") not in only:
            continue
        print(f"== {name}", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
