# One Makefile: set-up, pipeline, tests, lint, benchmarks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all run nightly test browser matrix census office lint bench reference-pdf clean

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

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The report test opens marts/report.html in Debian's Chromium, with Korean fonts.
BROWSER_PACKAGES := chromium fonts-noto-cjk
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $(BROWSER_PACKAGES) (Debian) for the report test"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      $(BROWSER_PACKAGES); } >/dev/null 2>&1 \
	      || echo "yesan: could not install $(BROWSER_PACKAGES); the report test fails in CI, skips elsewhere"; \
	  else \
	    echo "yesan: the report test needs Debian's $(BROWSER_PACKAGES):" \
	      "sudo apt-get install $(BROWSER_PACKAGES) (without them it skips; in CI it fails)"; \
	  fi; \
	fi

# The reference document rendered by Chromium, LibreOffice and as HWPX in the layouts real
# books use (tools/render_matrix.py), each read back to the text conversion's marts.
matrix: $(STAMP) browser office
	$(BIN)/python -m pytest tests/test_rendering_matrix.py -m ''

# Every digit of every corpus PDF page as pdfminer reads it, in yesan's documents (2 to 4 min).
census: $(STAMP)
	$(BIN)/python -m pytest tests/test_pdf_glyphs.py -m census

OFFICE_PACKAGES := libreoffice-writer-nogui
office:
	@if ! command -v soffice >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $(OFFICE_PACKAGES) (Debian) for the rendering matrix"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      $(OFFICE_PACKAGES); } >/dev/null 2>&1 \
	      || echo "yesan: could not install $(OFFICE_PACKAGES); its renderings fail in CI, skip elsewhere"; \
	  else \
	    echo "yesan: the LibreOffice renderings need Debian's $(OFFICE_PACKAGES):" \
	      "sudo apt-get install $(OFFICE_PACKAGES) (without it they skip; in CI they fail)"; \
	  fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/book.py 900 --curve
	$(BIN)/python bench/ai_budget.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/hwp.py

# Re-render raw/000_2427d1ecc5489c44.pdf from the text conversion (deterministic bytes).
reference-pdf: $(STAMP)
	$(BIN)/python tools/render_reference.py

clean:
	rm -rf $(VENV) staged/extract staged/transform marts/*.duckdb marts/*.json marts/report.* \
	  marts/docs marts/.report-cache
