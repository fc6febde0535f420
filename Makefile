# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= .coopgraph-data
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install clean

$(BIN)/coopgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/coopgraph

## Ingest the sample corpus in data/ and serve it on http://$(HOST):$(PORT)/sparql
run: install
	$(BIN)/coopgraph ingest --data-dir $(DATA_DIR) data/corpus
	$(BIN)/coopgraph serve --data-dir $(DATA_DIR) --host $(HOST) --port $(PORT)

## Format check, lint, types, layer contracts, then the test suite
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) $(DATA_DIR) *.egg-info
