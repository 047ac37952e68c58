# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LAUNCHER := graph/launcher/target/classes/nl/stedenlink/server/Main.class
LAUNCHER_SRC := graph/launcher/pom.xml $(wildcard graph/launcher/src/main/java/nl/stedenlink/server/*.java)
# apt-get needs root; as another user it goes through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-unit lint setup browser screenshots check-seed reset-seed clean bench

setup: $(VENV)/.installed $(LAUNCHER)

$(VENV)/.installed: pyproject.toml
	@echo "Creating $(VENV) and installing the project (PyPI)..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(LAUNCHER): $(LAUNCHER_SRC)
	@echo "Building the Neo4j launcher (the first build downloads Neo4j's jars from Maven Central)..."
	mvn -B -q -f graph/launcher/pom.xml package
	touch $@

# The browser tests drive Debian's chromium and firefox-esr (headless); each is installed once,
# when missing, in one apt-get call.
browser:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	{ command -v firefox-esr || command -v firefox; } >/dev/null 2>&1 || missing="$$missing firefox-esr"; \
	[ -z "$$missing" ] || { \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's$$missing for the browser tests..."; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	  else \
	    echo "No$$missing and no apt-get: install them yourself, or those browser tests are skipped."; \
	  fi; }

run: setup
	$(PY) -m api serve

# Lint first, so that a broken rule fails before anything slow: ruff (lint and format) and the
# layers contract (import-linter, pyproject.toml's [tool.importlinter]).
test: lint setup browser
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

# The tests that need no JVM, no database and no browser (tests/unit).
test-unit: $(VENV)/.installed
	$(PY) -m pytest tests/unit -q $(PYTEST_ARGS)

# The benchmark suite, not part of `make test`: every figure of BENCHMARKS.md at 1,000, 10,000 and
# 100,000 generated people (about 20 minutes on 2 cores), written there; BENCH_ARGS="--sizes 1000" for
# less. The goals table sets the figures beside those of the run at ad5e6b7 (bench/results-ad5e6b7.json).
BENCH_ARGS ?= --before bench/results-ad5e6b7.json
bench: setup browser
	$(PY) -m bench.suite $(BENCH_ARGS)

# Renews the screenshots in docs/screenshots/ (shown in the README) from the browser tests.
screenshots: setup browser
	STEDENLINK_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/browser/test_browser_viewer.py tests/browser/test_browser_pages.py -q

# Throws away every change made to the network since the seed (asks first); tokens and the audit
# log stay, and the reset is an entry in it. `make run` itself never loads the seed over a graph.
reset-seed: setup
	$(PY) -m graph load --reset

check-seed: $(VENV)/.installed
	$(PY) -m graph load --check seed_data

clean:
	rm -rf $(VENV) graph/launcher/target var/test-neo4j
