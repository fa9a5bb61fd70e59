#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Rapport's tests use, where it can:
# Graphviz (`rapport graph`, the report's choice map), Chromium (pages in a
# real browser), PostgreSQL (the team-database tests) and espeak-ng (the
# window reading aloud). Safe to run again:
# it only installs what is missing.
#
# Without root or sudo, or on another system, it says what is missing and
# exits 0: the tests that need a missing program are then skipped, each with
# the command that installs it.
set -uo pipefail

packages=(graphviz chromium postgresql fonts-dejavu-core espeak-ng xvfb x11-utils)

say() { echo "system packages: $*"; }

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "this is not a Debian or Ubuntu system; install Graphviz, Chromium, PostgreSQL and" \
        "espeak-ng" \
        "with your package manager (tests that need a missing one are skipped)"
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

run=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        say "missing ${missing[*]}; install them as root with:" \
            "apt-get install ${missing[*]} (their tests are skipped until then)"
        exit 0
    fi
    if [ -t 0 ]; then run=(sudo); else run=(sudo -n); fi  # no password prompt without a terminal
fi

# Ubuntu names Debian's `chromium` package `chromium-browser`.
if [[ " ${missing[*]} " == *" chromium "* ]] && ! apt-cache show chromium >/dev/null 2>&1 \
    && apt-cache show chromium-browser >/dev/null 2>&1; then
    missing=("${missing[@]/#chromium/chromium-browser}")
fi

say "installing ${missing[*]}"
if ! "${run[@]}" apt-get update -qq \
    || ! "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null; then
    say "could not install ${missing[*]} (see above); their tests are skipped until" \
        "\`sudo apt-get install ${missing[*]}\` succeeds"
fi
exit 0
