# `make demo` and `make test` work on a fresh machine: they create .venv and install the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench bench-quality clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf out
	$(BIN)/cleaner clean fixtures/seeds --glob '*.raw.txt' -o out
	@echo
	@echo "--- diff of one capture, raw vs cleaned (out/003_768dd6f5783ec3bf.raw.txt) ---"
	diff -u fixtures/seeds/003_768dd6f5783ec3bf.raw.txt out/003_768dd6f5783ec3bf.raw.txt || true
	@echo
	@echo "--- why each line went ---"
	$(BIN)/cleaner explain fixtures/seeds/003_768dd6f5783ec3bf.raw.txt

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/ruff format --check cleaner tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit

# Throughput and memory against datatrove's C4 line rules (builds a 40 MB corpus under bench/.work/); not part of `make test`.
bench: $(STAMP)
	$(BIN)/python bench/throughput.py

# Clean the dev pages of ../shared/bench in default and conservative mode and score them against gold;
# then the HTML pages through trafilatura and the rules.
bench-quality: $(STAMP)
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/quality_html.py

clean:
	rm -rf $(VENV) out out2 .mypy_cache .ruff_cache .pytest_cache
