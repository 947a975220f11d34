# One Makefile: set-up, pipeline, tests, lint, benchmarks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all run nightly test lint bench reference-pdf clean

all: run

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "yesan needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/yesan run

# Incremental, and exit 1 only on failures no earlier run saw (for cron or a systemd timer).
nightly: $(STAMP)
	$(BIN)/yesan run --alert-new

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/hwp.py

# Re-render raw/000_2427d1ecc5489c44.pdf from the text conversion (deterministic bytes).
reference-pdf: $(STAMP)
	$(BIN)/python tools/render_reference.py

clean:
	rm -rf $(VENV) staged/extract staged/transform marts/*.duckdb marts/*.json
