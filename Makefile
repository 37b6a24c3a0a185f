# Two commands from a fresh clone: `make run` and `make test`.
# Each makes its own virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint translations screenshots benchmarks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kneecare

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

translations: $(STAMP)
	$(BIN)/python tools/translations.py --update

screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py --out screenshots

benchmarks: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/timing.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/startup.py --lang en
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/startup.py --lang ja
	$(BIN)/python benchmarks/loader_fuzz.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/history_scale.py

clean:
	rm -rf $(VENV) build dist *.egg-info
