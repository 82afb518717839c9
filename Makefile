# Vangnet: the two commands are `make demo` and `make test` (see README.md).
# Needs GNU make and python3 (3.11 or 3.12); everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VANGNET := $(BIN)/vangnet
STAMP := $(VENV)/.installed
DEMO_ADDRESS ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.NOTPARALLEL:
.PHONY: help demo demo-serve demo-reset install lint migrations-check pytest test bench messages clean distclean screenshots

help:
	@echo "make demo        install, migrate, load the demo data, serve on http://$(DEMO_ADDRESS) with a worker"
	@echo "make demo-reset  throw the demo data away and make it again (then: make demo)"
	@echo "make test        lint, migration check and the whole test suite (DATABASE_URL or SQLite)"
	@echo "make lint        ruff check, ruff format --check and mypy (pyproject.toml [tool.mypy])"
	@echo "make bench       run the benchmarks (benchmarks/run.py)"
	@echo "make messages    refresh the nl and en catalogues in src/vangnet/locale and compile them"
	@echo "make screenshots remake the phone screenshots in docs/img/ (browser tests, Chromium)"
	@echo "make clean       remove caches and collected static files (distclean: also .venv and data/)"

# The virtualenv, created once; the install is redone only when pyproject.toml changes.
$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV) with '$(PYTHON) -m venv'."; \
	  echo "On Debian/Ubuntu install the python3-venv package first."; exit 1; }

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

data:
	@mkdir -p data

demo: $(STAMP) | data
	@$(VANGNET) migrate --noinput -v 0
	@$(VANGNET) demo-data
	@$(MAKE) --no-print-directory demo-serve

# The web server and a background worker (exports, PDFs, mail, periodic work) together, on
# the database as it is; Ctrl+C reaches both (one process group), the trap stops the worker
# in any case. tests/demo/test_demo_processes.py runs this under a pseudo-terminal.
demo-serve:
	@echo ""
	@echo "Vangnet draait op http://$(DEMO_ADDRESS)/  (stoppen met Ctrl+C)"
	@$(VANGNET) worker --worker-id demo-worker -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(VANGNET) runserver $(DEMO_ADDRESS)

demo-reset: $(STAMP) | data
	@$(VANGNET) migrate --noinput -v 0
	@$(VANGNET) demo-data --reset

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

migrations-check: $(STAMP) | data
	$(VANGNET) makemigrations --check --dry-run

pytest: $(STAMP) | data
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint migrations-check pytest

# The phone screenshots in docs/img/ (docs/session-screen.md), made by the browser tests.
screenshots: $(STAMP)
	VANGNET_SCREENSHOTS=docs/img $(BIN)/pytest -m browser tests/browser/test_session_phone.py -p no:randomly -q

# Several minutes: builds PostgreSQL datasets (reused later), times pages, runs a load test.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The msgids are Dutch, so the nl catalogue is the msgids themselves (msgen); the en
# catalogue is translated by hand in locale/en/LC_MESSAGES/django.po. Needs GNU gettext.
# The nl catalogue is made fresh each time: merging would carry over fuzzy guesses.
NL_PO := src/vangnet/locale/nl/LC_MESSAGES/django.po
messages: $(STAMP)
	rm -f $(NL_PO)
	cd src/vangnet && ../../$(VANGNET) makemessages -l nl -l en --no-location --no-obsolete
	msgen --no-wrap -o $(NL_PO) $(NL_PO)
	msgattrib --clear-fuzzy --no-wrap -o $(NL_PO) $(NL_PO)
	cd src/vangnet && ../../$(VANGNET) compilemessages
	msgfmt --statistics -o /dev/null src/vangnet/locale/en/LC_MESSAGES/django.po

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .mypy_cache .hypothesis staticfiles test-results

distclean: clean
	rm -rf $(VENV) data src/*.egg-info
