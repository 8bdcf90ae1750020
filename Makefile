# cyberindex: `make run` sets everything up and serves the dashboard; `make test` runs lint and tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8050

.DEFAULT_GOAL := help
.PHONY: help install load run test lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project (reused when up to date)

load: install ## Load the bundled data into the embedded store (var/cyberindex.db)
	$(BIN)/cyberindex etl run --all

run: load ## Install, load the bundled data, serve the dashboard on http://$(HOST):$(PORT)
	$(BIN)/cyberindex serve --host $(HOST) --port $(PORT)

lint: install ## Ruff lint
	$(BIN)/ruff check etl dashboard tests

format: install ## Ruff format and fix
	$(BIN)/ruff check --fix etl dashboard tests
	$(BIN)/ruff format etl dashboard tests

test: lint ## Lint, then the whole test suite
	$(BIN)/python -m pytest -q

clean: ## Remove the venv and the local store
	rm -rf $(VENV) var
