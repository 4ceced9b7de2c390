# The edition's commands. Quick start: `make serve`, `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm writes this file on every install: it stamps node_modules/ (axe-core, Lighthouse,
# vnu-jar).
NODE_STAMP := node_modules/.package-lock.json
# Builds are reproducible: dates in the sitemap come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1600000000)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint bench bench-index linkcheck linkcheck-online import clean pdf epub \
	system-deps release serve-versions

# .venv holds exactly what uv.lock pins (runtime and every dependency group), each file
# checked against the lock's hashes; uv itself comes from requirements-uv.txt, hash-checked
# by pip. uv never downloads a Python: it uses the venv made by $(PYTHON).
$(STAMP): pyproject.toml uv.lock requirements-uv.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-uv.txt
	UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(BIN)/uv sync --locked --quiet
	touch $(STAMP)

# mkdocs serve builds the site itself (without the PDF and EPUB, for a quick reload).
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The PDFs or the EPUB alone, in site/downloads/: a build that makes only those (they are
# made from the rendered pages); `make build` makes both, through hooks/edition_hooks.py.
pdf: $(STAMP)
	$(BIN)/python scripts/formats.py pdf

epub: $(STAMP)
	$(BIN)/python scripts/formats.py epub

# --ignore-scripts: no install script runs; vnu-jar's would download a Java runtime where
# there is none, @daisy/ace's Electron and Puppeteer's Chrome a browser. The tests run
# vnu.jar with Debian's Java and Ace as ace-puppeteer on Debian's chromium.
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Debian packages the PDFs, the EPUB check and the browser tests need (apt-get, as root).
system-deps:
	scripts/system-deps.sh

# Lint first (ruff, then mypy on hooks/ and scripts/; configured in pyproject.toml).
# On every core: the tests that share one costly fixture run on one worker (tests/conftest.py).
test: system-deps $(STAMP) $(NODE_STAMP) lint
	$(BIN)/python -m pytest --numprocesses auto --dist loadgroup

# Both checkers run, so one run shows every finding; lint fails if either found one.
lint: $(STAMP)
	$(BIN)/ruff check; ruff=$$?; $(BIN)/mypy && exit $$ruff

# Build time (hooks on and off, the text x1, x10, x50), page weights, Lighthouse: a table.
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/bench.py

# The index's cost as the text grows (1x, 10x, 50x): a table.
bench-index: $(STAMP)
	$(BIN)/python scripts/bench_index.py

# A release into the local gh-pages branch with mike (never pushed), built for its public address:
#   make release VERSION=0.1.0 EDITION_BASE_URL=https://example.org/quiet-rivalry/
# (stops when the address is missing or loopback: scripts/release.py)
release: $(STAMP)
	$(BIN)/python scripts/release.py $(VERSION)

# Every release in gh-pages, with Material's version selector, on http://127.0.0.1:8000
serve-versions: $(STAMP)
	$(BIN)/mike serve --dev-addr 127.0.0.1:8000

linkcheck: build
	$(BIN)/python scripts/linkcheck.py site

# Requests every external URL cited in the text: needs the network, never run in CI.
linkcheck-online: build
	$(BIN)/python scripts/linkcheck.py site --online

# Re-derive the pages from data/source (overwrites hand edits in docs/: review the diff).
import: $(STAMP)
	$(BIN)/python scripts/import_report.py --force

clean:
	rm -rf site .cache $(VENV) node_modules
