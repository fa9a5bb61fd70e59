# One command each: `make play` opens the game, `make test` runs what CI runs.
# Both create .venv and install the project the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install play test lint bench system-deps clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# The window; on a machine without a screen (run.py exits 3), the terminal player.
play: $(STAMP)
	@$(BIN)/python run.py; status=$$?; \
	if [ $$status -eq 3 ]; then echo "Starting the terminal player instead."; \
	  $(BIN)/rapport play loaner-counter; else exit $$status; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# Every goal, measured in alternating rounds on a CPU clock (docs/benchmarks.md).
# `make bench ROWS="engine analysis"` runs some rows only. The PostgreSQL rows
# use a throwaway server when PostgreSQL is installed and none is given.
ROWS ?=
bench: $(STAMP)
	@if [ -z "$$RAPPORT_BENCH_POSTGRES_URL$$RAPPORT_TEST_POSTGRES_URL" ] \
	  && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then \
	  scripts/test-postgres.sh $(BIN)/python -m benchmarks $(ROWS); \
	else $(BIN)/python -m benchmarks $(ROWS); fi

# Debian packages the tests use: Graphviz (graphs), Chromium (the report in a
# real browser), PostgreSQL (the team database). Needs root or sudo.
system-deps:
	scripts/install-system-deps.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
