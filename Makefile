# cyberindex: `make run` sets everything up and serves the dashboard; `make test` runs lint and tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8050

.DEFAULT_GOAL := help
.PHONY: help install load run test test-sqlite test-postgres lint format bench lock lock-upgrade clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# The exact versions the suite ran with, hash-checked (requirements/dev.txt, from `make lock`);
# then the project itself, editable, with nothing more resolved.
$(STAMP): pyproject.toml requirements/dev.txt package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	@# axe-core for the accessibility browser tests (skipped without it, except under CI)
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the axe-core browser tests will be skipped"; fi
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project (reused when up to date)

load: install ## Load the bundled data into the embedded store (var/cyberindex.db)
	$(BIN)/cyberindex etl run --all
	@# A store loaded by an older version keeps its claims as checked then: check them again.
	$(BIN)/cyberindex news recheck

run: load ## Install, load the bundled data, serve the dashboard (http://127.0.0.1:8050; HOST=, PORT=)
	$(BIN)/cyberindex serve --host $(HOST) --port $(PORT)

lint: install ## Ruff lint, then mypy on the packages ([tool.mypy] in pyproject.toml)
	$(BIN)/ruff check etl dashboard tests
	$(BIN)/mypy

format: install ## Ruff format and fix
	$(BIN)/ruff check --fix etl dashboard tests
	$(BIN)/ruff format etl dashboard tests

test: lint test-sqlite test-postgres ## Lint, then the whole suite on SQLite and on PostgreSQL

test-sqlite: install ## The whole suite on SQLite stores (browser tests included)
	CYBERINDEX_TEST_DATABASE=sqlite $(BIN)/python -m pytest -q

# On PostgreSQL: the server in CYBERINDEX_TEST_POSTGRES_URL, else a throwaway one started for the
# run (scripts/pg-test-server); without PostgreSQL installed it is skipped, except under CI.
PG_PYTEST := env CYBERINDEX_TEST_DATABASE=postgres $(BIN)/python -m pytest -q $(PG_PYTEST_ARGS)
test-postgres: install ## The whole suite on PostgreSQL stores (starts a throwaway server if needed)
	@if [ -n "$$CYBERINDEX_TEST_POSTGRES_URL" ]; then echo "$(PG_PYTEST)"; $(PG_PYTEST); \
	elif scripts/pg-test-server check 2>/dev/null; then \
	  echo "scripts/pg-test-server run -- $(PG_PYTEST)"; scripts/pg-test-server run -- $(PG_PYTEST); \
	elif [ -n "$$CI" ]; then echo "test-postgres: PostgreSQL is not installed" >&2; exit 1; \
	else echo "test-postgres: skipped (no PostgreSQL: apt-get install postgresql)"; fi

# One million synthetic articles (stores cached in var/bench/, --rebuild via BENCH_ARGS);
# prints every budget with PASS/FAIL, writes var/bench/results.json and docs/performance.md.
bench: install ## Benchmark the budgets (docs/performance.md), about 10 minutes
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The locks pin every package with its hashes: requirements/dev.txt (what `make install` and CI
# install) and requirements/runtime.txt (the Docker image), which holds the same versions. `lock`
# keeps every pin that still satisfies pyproject.toml and adds what is new; `lock-upgrade` moves
# every pin to the newest release pyproject allows. Run `make test` on the result before committing.
UV := $(VENV)/lock-tools/bin/uv
$(UV):
	$(PYTHON) -m venv $(VENV)/lock-tools
	$(VENV)/lock-tools/bin/pip install --quiet uv==0.13.9
LOCK_ARGS := --quiet --generate-hashes --python-version 3.11
lock: $(UV) ## Pin new or changed dependencies in requirements/ (keeps the other pins)
	$(UV) pip compile pyproject.toml --extra dev $(LOCK_ARGS) $(UPGRADE) -o requirements/dev.txt
	$(UV) pip compile pyproject.toml -c requirements/dev.txt $(LOCK_ARGS) -o requirements/runtime.txt
lock-upgrade: ## Move every pin in requirements/ to the newest release pyproject.toml allows
	$(MAKE) lock UPGRADE=--upgrade

clean: ## Remove the venv and the local store
	rm -rf $(VENV) var
