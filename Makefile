# Two commands on a fresh machine with Python 3.11+ and make: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DESK_DRAFTS ?= $(CURDIR)/drafts

.PHONY: run test lint fuzz screenshot bench dist bundle bundle-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/desk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desk tests bench packaging scripts
	$(BIN)/ruff format --check desk tests bench packaging scripts
	$(BIN)/mypy

# The property suites with a large example budget for FUZZ_MINUTES (CI runs them short).
FUZZ_MINUTES ?= 60
fuzz: $(STAMP)
	FUZZ_MINUTES=$(FUZZ_MINUTES) $(BIN)/python scripts/fuzz.py $(PYTEST_ARGS)

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py docs/window.png

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The sdist and the wheel, in dist/.
dist: $(STAMP)
	$(BIN)/python -m build --outdir dist .

# PyInstaller one-folder bundle dist/Desk/ (and, on Linux, dist/desk-VERSION-linux-ARCH.tar.gz).
bundle: $(STAMP)
	$(BIN)/python packaging/bundle.py

# Build the bundle and start it offscreen with no Python on PATH; prints what it measured.
bundle-check: $(STAMP)
	$(BIN)/python packaging/bundle_check.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
