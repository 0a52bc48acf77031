# Two commands for everyone: `make serve` to see the site, `make test` to test it.
# Each sets up what it needs itself (a virtual environment in .venv, Debian's Chromium).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium

.PHONY: serve build check test lint schemas chromium clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 eller nyare krävs (hittade $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: set up, generate and serve the site at http://127.0.0.1:8000 with live reload
serve: $(STAMP) schemas
	$(BIN)/kb serve

## build: set up and build the deployable site into site/
build: $(STAMP)
	$(BIN)/kb build --site-dir site

## check: validate every record and report every problem
check: $(STAMP)
	$(BIN)/kb check

# Debian's nginx, which tests/test_nginx.py serves the built site with; `make test` installs
# it the way it installs Chromium.
NGINX := /usr/sbin/nginx
.PHONY: nginx
test: nginx
nginx:
	@test -x $(NGINX) || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx; }

## schemas: JSON Schema files for editors' YAML tooling (.kb/schemas, see .vscode/)
schemas: $(STAMP)
	$(BIN)/kb schemas --out .kb/schemas

## test: set up and run the whole test suite, browser tests included
test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/pytest

chromium:
	@test -x $(CHROMIUM) || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

clean:
	rm -rf $(VENV) site .kb
