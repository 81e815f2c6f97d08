# `make site` and `make test` are the whole quick start (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Silence Material's banner about MkDocs 2; this project pins mkdocs<2.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve bench bench-build clean

# The virtual environment, reinstalled whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

site: $(STAMP)  ## build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

test: $(STAMP)  ## run every test, including a strict build of the site
	$(BIN)/pytest

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000, reloading on edits to docs/ and snippets/
	$(BIN)/mkdocs serve

bench: $(STAMP)  ## time the reference MNIST training in NumPy (and PyTorch, if installed); last line is JSON
	$(BIN)/python -m snippets.bench

bench-build: $(STAMP)  ## time a cold build, an unchanged rebuild and a rebuild after a prose edit; one JSON line
	$(BIN)/python -m snippets.sitebuild.bench_build

clean:  ## remove build output and caches (not the MNIST download cache)
	rm -rf site .cache .pytest_cache test-artifacts
