# The README names two commands: `make run` and `make test`. Each does all of its own set-up
# on a fresh machine that has only python3 and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SCALE  := $(VENV)/.installed-scale
PORT   ?= 8501

.PHONY: run test browser lint bench scale-test bench-scale clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt -c constraints.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests (about a minute)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped (install: sudo apt-get install chromium)"; fi; }

run: $(STAMP)
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

test: $(STAMP) browser
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/python -m ruff format --check calculator app.py pages ui tests scripts
	$(BIN)/python -m ruff check calculator app.py pages ui tests scripts

bench: $(STAMP)
	PYTHONPATH=. $(BIN)/python scripts/bench_caseload.py
	PYTHONPATH=. $(BIN)/python scripts/benchmark.py
	PYTHONPATH=. $(BIN)/python scripts/benchmark_analysis.py
	PYTHONPATH=. $(BIN)/python scripts/bench_app.py

# The optional Dask extra (requirements-scale.txt) for caseloads past one machine: `make test`
# skips its test with a reason; these targets install the extra into the same venv and run it.
$(SCALE): $(STAMP) requirements-scale.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-scale.txt -c constraints.txt
	touch $@

scale-test: $(SCALE)
	$(BIN)/python -m pytest -q -p no:logging tests/test_caseload_dask.py

bench-scale: $(SCALE)
	PYTHONPATH=. $(BIN)/python scripts/bench_caseload.py --dask

clean:
	rm -rf $(VENV)
