# Two commands from a fresh clone: `make run` and `make test`.
# Each first installs the Debian/Ubuntu packages it needs that are missing
# (tools/system_packages.py, from .ci/debian-packages.txt: as root, else with sudo, else it
# stops and names them), then makes its own virtual environment in .venv on first use.
# `make dist` builds the self-contained app (packaging/), `make smoke` tests what it built.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: run test lint translations screenshots benchmarks dist smoke clean \
	system-packages-run system-packages-test

system-packages-run:
	@$(PYTHON) tools/system_packages.py run

system-packages-test:
	@$(PYTHON) tools/system_packages.py test

# The venv needs python3-venv: the [run] packages come first (order-only: no rebuild).
$(STAMP): pyproject.toml | system-packages-run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,clinic]'
	touch $(STAMP)

$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,clinic,dist]'
	touch $(DIST_STAMP)

run: system-packages-run $(STAMP)
	$(BIN)/kneecare

test: system-packages-test $(STAMP)
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

# Not tests: each prints its figures and ends with one JSON line (none runs in `make test`).
# They take about an hour together; figures taken while the machine is busy say so.
benchmarks: $(STAMP)
	$(BIN)/python benchmarks/timing.py --platform offscreen
	$(BIN)/python benchmarks/timing.py --platform xcb
	$(BIN)/python benchmarks/startup.py --lang en
	$(BIN)/python benchmarks/startup.py --lang ja
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/soak.py
	$(BIN)/python benchmarks/idle.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/history_scale.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/history_scale.py --patients 20
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/history_scale.py --patients 20 --backend postgresql
	$(BIN)/python benchmarks/loader_fuzz.py

# dist/kneecare-VERSION-linux-x86_64.tar.gz from packaging/kneecare.spec, with its figures.
dist: system-packages-test $(DIST_STAMP)
	$(BIN)/python packaging/build_dist.py --venv-python $(BIN)/python

# The frozen app from a fresh unpacked copy, beside this venv (packaging/smoke.py).
smoke: system-packages-test $(DIST_STAMP)
	$(BIN)/python packaging/smoke.py --venv-python $(BIN)/python

clean:
	rm -rf $(VENV) build dist *.egg-info
