# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LAUNCHER := graph/server/target/classes/nl/stedenlink/server/Main.class
LAUNCHER_SRC := graph/server/pom.xml $(wildcard graph/server/src/main/java/nl/stedenlink/server/*.java)

.PHONY: run test setup check-seed clean

setup: $(VENV)/.installed $(LAUNCHER)

$(VENV)/.installed: pyproject.toml
	@echo "Creating $(VENV) and installing the project (PyPI)..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(LAUNCHER): $(LAUNCHER_SRC)
	@echo "Building the Neo4j launcher (the first build downloads Neo4j's jars from Maven Central)..."
	mvn -B -q -f graph/server/pom.xml package
	touch $@

run: setup
	$(PY) -m api.serve

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

check-seed: $(VENV)/.installed
	$(PY) -m graph.load --check seed_data

clean:
	rm -rf $(VENV) graph/server/target var/test-neo4j
