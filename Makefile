# honglian — the two commands of the README, and a few helpers.
#   make run    install everything, start the local Neo4j, load the seed, serve the API
#   make test   the test suite against a throwaway Neo4j on free ports

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test venv neo4j-stop bench clean help

help:
	@echo "make run    - set up, start Neo4j, load the seed data, serve the API on 127.0.0.1:8000"
	@echo "make test   - run the test suite against a throwaway Neo4j"
	@echo "make neo4j-stop - stop the local Neo4j started by make run"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/honglian up

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

neo4j-stop: $(STAMP)
	$(BIN)/honglian neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
