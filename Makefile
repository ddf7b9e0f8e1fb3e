# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= tollbook.db
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run demo test system bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: install, build the demo ledger into $(DB), print it, serve the review app
run: demo
	$(BIN)/tollbook serve --db $(DB) --host $(HOST) --port $(PORT)

## demo: install and build the demo ledger without serving it
demo: $(STAMP)
	$(BIN)/tollbook demo --db $(DB)

## system: Debian packages the tests drive (chromium, PostgreSQL)
system:
	bash scripts/setup-system.sh

## test: install everything the tests need and run the whole suite
test: $(STAMP) system
	$(BIN)/pytest

## bench: speed and memory figures (printed, never asserted)
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/tollbook

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
