# Koers: `make run` starts the product with a demo school; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export KOERS_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint typecheck pytest install demo migrations clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/koers demo --small
	$(BIN)/koers serve

test: $(STAMP)
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

# Until the first release the schema is one initial migration per app; this regenerates them.
migrations: $(STAMP)
	rm -f src/koers/*/migrations/0*.py
	$(BIN)/python -m django makemigrations common lob schools dossier --settings=koers.settings

clean:
	rm -rf $(VENV) var
