# The README names two commands: `make run` and `make test`. Each does all of its own set-up
# on a fresh machine that has only python3 and make. Paths are absolute, so
# `make -f path/to/Makefile run` works from any directory.
ROOT   := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
PYTHON ?= python3
VENV   ?= $(ROOT).venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SCALE  := $(VENV)/.installed-scale
PORT   ?= 8501

.PHONY: run test slow browser lint bench scale-test bench-scale clean i18n

# Translations: locale/<lang>/LC_MESSAGES/messages.po (kept in git) compiled to .mo (not kept).
LOCALES := es
MO      := $(foreach l,$(LOCALES),$(ROOT)locale/$(l)/LC_MESSAGES/messages.mo)

$(STAMP): $(ROOT)requirements.txt $(ROOT)requirements-dev.txt $(ROOT)constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r $(ROOT)requirements-dev.txt -c $(ROOT)constraints.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests (about a minute)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped (install: sudo apt-get install chromium)"; fi; }

$(ROOT)locale/%/LC_MESSAGES/messages.mo: $(ROOT)locale/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel -q compile -d $(ROOT)locale -l $* -D messages

# After adding or changing any user-facing string: extract them all (Python sources and the
# library's figure labels, see babel.cfg), merge them into every catalog, compile, and report
# how many each language still lacks (tests/test_i18n.py names them).
i18n: $(STAMP)
	cd $(ROOT) && PYTHONPATH=. $(BIN)/pybabel -q extract -F babel.cfg -k N_ -k _ --no-wrap --sort-by-file \
	  --project "treatment cost calculator" -c "TRANSLATORS:" -o locale/messages.pot .
	cd $(ROOT) && $(BIN)/pybabel -q update -i locale/messages.pot -d locale -D messages --no-wrap --ignore-pot-creation-date --ignore-obsolete --no-fuzzy-matching
	cd $(ROOT) && $(BIN)/pybabel compile -d locale -D messages --statistics

# The launcher passes .streamlit/config.toml's hardened settings as flags, so they hold
# whatever the working directory or STREAMLIT_* environment (tests/test_launcher.py).
run: $(STAMP) $(MO)
	$(BIN)/python $(ROOT)scripts/serve.py --server.port $(PORT)

test: $(STAMP) browser $(MO)
	cd $(ROOT) && $(BIN)/python -m pytest

# The long runs (10,000 fuzzed scenarios, the 10,000-draw references); CI runs them after `test`.
slow: $(STAMP) $(MO)
	cd $(ROOT) && $(BIN)/python -m pytest -q -m slow --slow

lint: $(STAMP)
	cd $(ROOT) && $(BIN)/python -m ruff format --check calculator app.py pages ui tests scripts
	cd $(ROOT) && $(BIN)/python -m ruff check calculator app.py pages ui tests scripts

bench: $(STAMP)
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/benchmark_import.py
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/bench_caseload.py
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/benchmark.py
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/benchmark_analysis.py
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/bench_app.py
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/bench_load.py
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/bench_browser.py

# The optional Dask extra (requirements-scale.txt) for caseloads past one machine: `make test`
# skips its test with a reason; these targets install the extra into the same venv and run it.
$(SCALE): $(STAMP) $(ROOT)requirements-scale.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q -r $(ROOT)requirements-scale.txt -c $(ROOT)constraints.txt
	touch $@

scale-test: $(SCALE)
	cd $(ROOT) && $(BIN)/python -m pytest -q -p no:logging tests/test_caseload_dask.py

bench-scale: $(SCALE)
	cd $(ROOT) && PYTHONPATH=. $(BIN)/python scripts/bench_caseload.py --dask

clean:
	rm -rf $(VENV)
