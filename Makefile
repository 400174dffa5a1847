# Koers: `make run` starts the product with a demo school; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export KOERS_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint typecheck pytest install demo migrations messages pictograms clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The OS packages Koers uses at run time (espeak-ng for read-aloud, Pango for PDFs), a fresh small demo school
# (its logins are printed), then the server on http://127.0.0.1:8000.
run: $(STAMP)
	scripts/os-packages.sh
	$(BIN)/koers demo --small
	$(BIN)/koers serve

# `make demo` rebuilds the small demo; `make demo STUDENTS=2000 SEED=7` a bigger one.
demo: $(STAMP)
	$(BIN)/koers demo $(if $(STUDENTS),--students $(STUDENTS),--small) $(if $(SEED),--seed $(SEED))

# Python's bytecode cache is kept even where the environment turns it off: both test workers and the servers
# and commands the tests start import the same modules, and compiling them again each time cost seconds.
test: $(STAMP)
	scripts/os-packages.sh
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n auto --dist worksteal

migrations: $(STAMP)
	$(BIN)/python -m django makemigrations --settings=koers.settings

# Refresh the translation catalogues from the code and compile them (needs GNU gettext: apt-get install gettext).
messages: $(STAMP)
	cd src/koers && ../../$(BIN)/python -m django makemessages --settings=koers.settings --all --no-obsolete --add-location=file
	cd src/koers && ../../$(BIN)/python -m django compilemessages --settings=koers.settings

pictograms: $(STAMP)
	$(BIN)/python scripts/vendor_pictograms.py

clean:
	rm -rf $(VENV) var
