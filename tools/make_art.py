#!/usr/bin/env python3
"""Generate Rapport's art: `python tools/make_art.py --help` (the code is in tools/art/)."""

from __future__ import annotations

import sys

from art.cli import main

if __name__ == "__main__":
    sys.exit(main())
