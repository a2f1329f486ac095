PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean

$(BIN)/newsgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/newsgraph

demo: install
	rm -f examples.db examples.db-wal examples.db-shm examples.gkg.tsv
	$(BIN)/newsgraph build examples/ --db examples.db
	$(BIN)/newsgraph entities --db examples.db --limit 15
	$(BIN)/newsgraph search --db examples.db "ceasefire"
	$(BIN)/newsgraph quotes --db examples.db --limit 8
	$(BIN)/newsgraph events --db examples.db --limit 8
	$(BIN)/newsgraph places --db examples.db --limit 8
	$(BIN)/newsgraph dates --db examples.db --limit 5
	$(BIN)/newsgraph amounts --db examples.db --limit 5
	$(BIN)/newsgraph themes --db examples.db --limit 10
	$(BIN)/newsgraph gkg --db examples.db --output examples.gkg.tsv
	$(BIN)/newsgraph errors --db examples.db

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) examples.db examples.db-wal examples.db-shm examples.gkg.tsv
