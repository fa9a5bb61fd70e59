#!/usr/bin/env bash
# `make play`: the game window, or the terminal player where there is no screen.
#
# Job control (`set -m`) runs the game as its own foreground job, so Ctrl-C
# reaches the game, which says goodbye, and not make, which would report an
# error. End of input and Ctrl-C both end the terminal player with status 0.
set -m
BIN=${BIN:-.venv/bin}

"$BIN/python" run.py "$@"
status=$?
if [ "$status" -eq 3 ]; then  # run.py: no screen here
    echo "Starting the terminal player instead (type a choice's number and Enter)."
    echo
    "$BIN/rapport" play loaner-counter
    status=$?
    if [ "$status" -eq 130 ]; then  # Ctrl-C: the player has already said goodbye
        status=0
    fi
fi
exit "$status"
