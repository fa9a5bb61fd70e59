#!/usr/bin/env bash
# The Learning Record Store the learning-record tests send statements to:
# Ralph (PyPI `ralph-malph`, MIT), in its own virtual environment, because its
# pins of FastAPI, Starlette, uvicorn and click clash with Rapport's.
#
#   scripts/ralph-venv.sh            create or update .venv-ralph (safe to run again)
#   RALPH_VENV=DIR scripts/ralph-venv.sh   ... somewhere else
#
# It installs the exact versions in scripts/ralph-lock.txt (made by `make lock`
# from scripts/ralph-requirements.in) and does nothing when the venv already
# holds them. Where it cannot install (no network to PyPI, no python3 -m venv),
# it says so and exits 0: the tests that need Ralph are then skipped, each with
# this command.
set -uo pipefail

cd "$(dirname "$0")/.."
VENV=${RALPH_VENV:-.venv-ralph}
PYTHON=${PYTHON:-python3}
LOCK=scripts/ralph-lock.txt
STAMP="$VENV/.rapport-pins"
PINS=$(sha256sum "$LOCK" | cut -d" " -f1)

say() { echo "ralph venv: $*"; }

if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$PINS" ]]; then
    exit 0
fi

if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    say "could not create $VENV with $PYTHON -m venv (on Debian: apt-get install python3-venv);" \
        "the tests that need Ralph are skipped"
    exit 0
fi
say "installing Ralph from $LOCK into $VENV"
if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$LOCK"; then
    rm -f "$STAMP"
    say "could not install Ralph (see above); the tests that need it are skipped until" \
        "scripts/ralph-venv.sh succeeds"
    exit 0
fi
printf '%s' "$PINS" >"$STAMP"
