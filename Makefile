# `make demo` and `make test` work on a fresh machine: they create .venv and install the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench bench-quality train clean

# Training and cross-validating the content model need scikit-learn, pinned in bench/requirements-train.txt.
TRAIN_VENV := bench/.work/venv
TRAIN_STAMP := $(TRAIN_VENV)/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,datatrove]'
	touch $(STAMP)

$(TRAIN_STAMP): bench/requirements-train.txt pyproject.toml
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(TRAIN_VENV)/bin/python -m pip install --quiet -r bench/requirements-train.txt -e .
	touch $(TRAIN_STAMP)

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

# Speed on the 458 distinct pages of ../shared/bench against datatrove, jusText and trafilatura (bench/speed.py),
# memory flat in corpus size on 40 MB of copies (bench/throughput.py), peak memory on one 200 MB text file
# (bench/large_file.py); not part of `make test`.
bench: $(STAMP)
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/throughput.py --memory-only --min-mb 10
	$(BIN)/python bench/large_file.py

# Site-held-out cross-validation of the text path on both dev sets of ../shared/bench (docs/quality.md);
# then the HTML pages of both sets (news, CleanEval) through cleaner beside trafilatura alone.
bench-quality: $(STAMP) $(TRAIN_STAMP)
	$(TRAIN_VENV)/bin/python bench/quality.py
	$(BIN)/python bench/quality_html.py

# Re-train the content model on both dev sets: reproduces cleaner/content/weights.json byte for byte.
train: $(TRAIN_STAMP)
	$(TRAIN_VENV)/bin/python bench/train_content.py

clean:
	rm -rf $(VENV) out out2 .mypy_cache .ruff_cache .pytest_cache
