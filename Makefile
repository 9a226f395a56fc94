# Developer commands. `make help` lists them.
PY ?= python3

.PHONY: help install build test lint format typecheck precommit check schema data-fmt ci

help:  ## list the developer commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install:  ## install the project with its test and dev tools (editable; pre-commit included)
	$(PY) -m pip install -e ".[dev]"

build:  ## the main job: entente build on data/actors.yaml
	entente build data/actors.yaml

test:  ## run the whole test suite (warnings are errors)
	$(PY) -m pytest -q

lint:  ## ruff lint and format check
	$(PY) -m ruff check network tests && $(PY) -m ruff format --check network tests

format:  ## apply ruff's formatting and fixes
	$(PY) -m ruff format network tests && $(PY) -m ruff check --fix network tests

typecheck:  ## mypy on the package
	$(PY) -m mypy network

precommit:  ## every pre-commit hook on every file (ruff, ruff format, mypy, check-yaml, data schema)
	pre-commit run --all-files

check: test lint typecheck  ## tests, lint and type check: what CI's first stage runs

schema:  ## regenerate network/schemas/format-1.schema.json from the field specs
	entente schema --out network/schemas/format-1.schema.json

data-fmt:  ## put the data files in canonical form
	entente fmt data/actors.yaml && entente fmt data/tribes.yaml && entente fmt data/triple-entente.yaml && entente fmt data/second-coding.yaml

ci:  ## what CI runs: fresh venvs, the tests, mypy and ruff, the installed wheel
	bash .ci/run
