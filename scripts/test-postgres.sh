#!/usr/bin/env bash
# A throwaway PostgreSQL server for the results-store tests.
#
#   scripts/test-postgres.sh                  start one, print `export RAPPORT_TEST_POSTGRES_URL=...`
#   eval "$(scripts/test-postgres.sh)"        ... and use it in this shell
#   scripts/test-postgres.sh CMD [ARGS...]    start one, run CMD with the URL set, stop and delete it
#
# When RAPPORT_TEST_POSTGRES_URL is already set, that server is used as it is.
# The cluster lives in a temp folder on a free local port; it never touches a
# system cluster. Installs Debian's postgresql package when no server is found.
# Everything but the export line goes to stderr. When no server can be had
# (not installed and no root), CMD still runs, without the URL: the PostgreSQL
# tests are then skipped, with the command that installs the server.
set -euo pipefail

say() { echo "test-postgres: $*" >&2; }

if [[ -n "${RAPPORT_TEST_POSTGRES_URL:-}" ]]; then
    say "using the given RAPPORT_TEST_POSTGRES_URL"
    if [[ $# -gt 0 ]]; then
        exec "$@"
    fi
    printf 'export RAPPORT_TEST_POSTGRES_URL=%q\n' "$RAPPORT_TEST_POSTGRES_URL"
    exit 0
fi

find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    fi
}

# No server to be had: run CMD without one (its PostgreSQL tests skip), or fail.
without_server() {
    say "$1"
    if [[ $# -gt 1 ]]; then
        shift
        exec "$@"
    fi
    exit 1
}

BIN=$(find_bin)
if [[ -z "$BIN" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        without_server "no PostgreSQL server found; install it with \`sudo apt-get install postgresql\`" "$@"
    fi
    say "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    BIN=$(find_bin)
    if [[ -z "$BIN" ]]; then
        without_server "PostgreSQL was installed but initdb was not found under /usr/lib/postgresql" "$@"
    fi
fi

# initdb and the server refuse to run as root: use the postgres account then.
if [[ $(id -u) -eq 0 ]]; then
    OWNER=postgres
    as_owner() { runuser -u postgres -- "$@"; }
else
    OWNER=$(id -un)
    as_owner() { "$@"; }
fi

ROOT=$(mktemp -d "${TMPDIR:-/tmp}/rapport-pg.XXXXXX")
chmod 755 "$ROOT"
chown "$OWNER" "$ROOT"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_owner "$BIN/initdb" -D "$ROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log" 2>&1 || {
    cat "$ROOT/initdb.log" >&2
    rm -rf "$ROOT"
    without_server "initdb failed" "$@"
}
# A test cluster: durability off for speed, enough connections for 50 writers.
as_owner "$BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w -t 60 \
    -o "-p $PORT -k $ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || {
    cat "$ROOT/server.log" >&2
    rm -rf "$ROOT"
    without_server "the server did not start" "$@"
}
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres rapport_test

URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/rapport_test"
STOP="runuser -u $OWNER -- $BIN/pg_ctl -D $ROOT/data -m immediate stop && rm -rf $ROOT"
[[ $(id -u) -eq 0 ]] || STOP="$BIN/pg_ctl -D $ROOT/data -m immediate stop && rm -rf $ROOT"

if [[ $# -gt 0 ]]; then
    cleanup() {
        as_owner "$BIN/pg_ctl" -D "$ROOT/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$ROOT"
    }
    trap cleanup EXIT
    say "server on port $PORT; running: $*"
    RAPPORT_TEST_POSTGRES_URL=$URL "$@"
    exit $?  # the EXIT trap stops the server and removes its folder
fi

say "server on port $PORT (data in $ROOT); stop it with: $STOP"
printf 'export RAPPORT_TEST_POSTGRES_URL=%q\n' "$URL"
