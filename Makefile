# One command each: `make play` opens the game, `make test` runs what CI runs.
# Both create .venv and install the project the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install play test lint bench shots system-deps clean

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

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The window's screenshots in README.md and docs/ (docs/images/screens), taken through the
# real window without a screen.
shots: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m tests.ui.doc_shots

# Debian packages the tests use: Graphviz (graphs), Chromium (the report in a
# real browser), PostgreSQL (the team database). Needs root or sudo.
system-deps:
	scripts/install-system-deps.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
