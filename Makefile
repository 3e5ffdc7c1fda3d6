# OTO Match: two commands do all set-up on a fresh machine.
#   make run   - virtual environment, install, database with demo data, start the app
#   make test  - the same set-up, then lint and the whole test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OTO_DB ?= data/oto.duckdb
PORT   ?= 8501
HOST   ?= 127.0.0.1

.PHONY: run test lint bench reliability browser init clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

init: $(STAMP)
	$(BIN)/oto-match --db $(OTO_DB) init --demo

# Served on the loopback address only (HOST); put the municipality's reverse proxy with TLS in front (README,
# "Adgang og log"). umask 077: files the app creates (the database's WAL, backups) are the owner's only.
# The demo accounts' sign-in details are printed only for the demo database.
run: init
	@$(BIN)/oto-match --db $(OTO_DB) demo-accounts
	umask 077 && $(BIN)/streamlit run streamlit_app.py --server.address $(HOST) --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

# Browser tests drive Debian's Chromium; install it when we may (root, apt) and it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "Chromium could not be installed: browser tests will be skipped"; \
		else echo "Chromium is missing (apt-get install chromium): browser tests will be skipped"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check oto_match tests streamlit_app.py benchmarks
	$(BIN)/mypy --strict oto_match --exclude 'oto_match/ui/'
	$(BIN)/mypy streamlit_app.py oto_match/ui

# The leading '-' lets the tests run while the app holds the database (they use their own files).
test: $(STAMP) browser lint
	-$(BIN)/oto-match --db $(OTO_DB) init --demo
	$(BIN)/pytest -n 2 --dist loadfile

# What a person waits for, end to end, at national scale (each prints ratios against a baseline measured in the
# same run); bench_matching.py is the engine alone, with its columns already in memory.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_rank_path.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_pages.py
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_dedup.py
	$(BIN)/python benchmarks/bench_matching.py

# The full reliability run (crashes, concurrent use) with one report of the figures; a shorter version of each
# check is part of `make test`.
reliability: $(STAMP)
	$(BIN)/python -m tests.reliability

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
