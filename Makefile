# The front door. `make` runs every notebook on the corpus and writes figures/ and reports/;
# `make test` runs the tests. Both create .venv and install the pinned dependencies first.
# Point everything at your own folder of articles with CORPUS=/path/to/articles, and narrow it
# with SELECT='since=2011 until=2012 words=забастовка,митинг sources=kazakh.ru per_story=1'.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?=
export CORPUS
SELECT ?=
export SELECT

.DEFAULT_GOAL := all
.PHONY: all install reports test browser lint format lab bench help clean clean-cache prune-cache

all: reports ## Run every notebook on CORPUS (default seeds/), narrowed by SELECT: reports/*.html

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required, found " + sys.version.split()[0] + " at " + sys.executable + "; run make PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" > /dev/null
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its pinned dependencies

reports: $(STAMP) ## Execute notebooks/ and render reports/ (same as `make`; JOBS=1 saves memory)
	$(BIN)/python -m helpers.tooling.reports $(if $(JOBS),--jobs $(JOBS))

test: $(STAMP) browser ## Run lint and all tests (what CI runs)
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest

# The hostile-report tests open the rendered HTML in headless Chromium. Installed here only when
# missing and we are root with apt-get (CI); otherwise those tests are skipped, saying why.
browser: ## Install headless Chromium for the report checks, if missing and root (apt-get)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }; } ; } || \
	echo "note: chromium is not installed; the browser check of the reports will be skipped"

lint: $(STAMP) ## Lint only
	$(BIN)/ruff check src tests notebooks benchmarks

format: $(STAMP) ## Reformat the code with ruff
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests notebooks benchmarks

lab: $(STAMP) ## Open JupyterLab on the project's kernel (honours CORPUS and SELECT; --allow-root as root)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

bench: $(STAMP) ## Whole-pipeline benchmark on DOCS synthetic articles (10000): bench.json
	$(BIN)/python -m helpers.tooling.bench --docs $(or $(DOCS),10000) --json bench.json

prune-cache: $(STAMP) ## Drop cached results of documents no longer in CORPUS (keeps the rest)
	$(BIN)/python -m helpers.tooling.prune_cache

clean-cache: ## Delete every cached result (.cache/, or HELPERS_CACHE_DIR)
	rm -rf $(or $(HELPERS_CACHE_DIR),.cache)

clean: clean-cache ## Delete .venv, reports/ and generated figures
	rm -rf $(VENV) reports figures/*.png figures/*.csv

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'
