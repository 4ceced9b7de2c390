# The edition's commands. Quick start: `make serve`, `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Builds are reproducible: dates in the sitemap come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1600000000)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test linkcheck linkcheck-online import clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

serve: build
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

linkcheck: build
	$(BIN)/python scripts/linkcheck.py site

# Requests every external URL cited in the text: needs the network, never run in CI.
linkcheck-online: build
	$(BIN)/python scripts/linkcheck.py site --online

# Re-derive the pages from data/source (overwrites hand edits in docs/: review the diff).
import: $(STAMP)
	$(BIN)/python scripts/import_report.py --force

clean:
	rm -rf site $(VENV)
