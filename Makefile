# One command each: `make play` opens the game, `make test` runs what CI runs.
# Both set everything up the first time: the virtual environment (.venv, from
# the lock file) and, for `make test`, the system programs the tests use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements-lock.txt
STAMP := $(VENV)/.installed
# pytest's own options for `make test`, e.g. `make test PYTEST_ARGS="tests/core -x"`.
PYTEST_ARGS ?=

.PHONY: install play test lint bench system-deps upgrade lock clean

# The environment is made from the lock file, so every machine runs the
# versions the suite last passed with; `make upgrade` moves them forward.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)
	@echo "Rapport is installed in $(VENV). To use the \`rapport\` command in this shell:"
	@echo "    source $(VENV)/bin/activate"

install: $(STAMP)

# The window; where there is no screen (run.py exits 3), the terminal player.
play: $(STAMP)
	@BIN=$(BIN) scripts/play.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Installs the system programs the suite needs where it can (root or sudo),
# then runs lint and the tests in parallel with a throwaway PostgreSQL server.
# Where a program cannot be installed, the tests that need it are skipped with
# the command that installs it, and the run ends with a summary of them.
test: $(STAMP)
	@scripts/install-system-deps.sh
	@$(MAKE) --no-print-directory lint
	@scripts/test-postgres.sh $(BIN)/python -m pytest -n auto --dist worksteal $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The Debian/Ubuntu packages the tests use (needs root or sudo).
system-deps:
	scripts/install-system-deps.sh

# Re-resolve every dependency to the newest versions pyproject.toml allows,
# then run the whole suite on them.
upgrade: | $(BIN)/python
	@$(MAKE) --no-print-directory lock COMPILE_ARGS=--upgrade
	@$(MAKE) --no-print-directory test

# The lock file again, after a change to the dependencies in pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pip-tools>=7.4,<8'
	$(BIN)/pip-compile --quiet $(COMPILE_ARGS) --extra test --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
