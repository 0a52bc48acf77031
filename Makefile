# Two commands for everyone: `make serve` to see the site, `make test` to test it.
# Each sets up what it needs itself (a virtual environment in .venv, Debian's Chromium).
#
# Installs come from requirements.lock: exact versions with their hashes, so a fresh machine on
# any day gets what CI tested. `make lock` updates it to the newest releases pyproject.toml
# allows; `make test-latest` runs the suite on those newest releases without touching the lock.

SHELL := bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCK := requirements.lock
# uv resolves the lock; it is pinned too, so the same command gives the same kind of lock.
UV_VERSION := 0.13.9
TOOLS := .venv-tools
LATEST := .venv-latest
CHROMIUM := /usr/bin/chromium

.PHONY: serve build check test test-stress test-latest lock lint schemas chromium cms cms-install js-install js-check clean python-version

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 eller nyare krävs (hittade $$($(PYTHON) --version))."; exit 1; }

# The locked packages, then the project itself without build isolation (its build backend,
# setuptools, is in the lock too, so nothing unpinned is fetched).
$(STAMP): $(LOCK) pyproject.toml | python-version
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## serve: set up, generate and serve the site at http://127.0.0.1:8000 with live reload
# `exec`: kb takes the recipe shell's place, so that make's only child is kb, a signal make
# passes on (its SIGTERM) reaches kb, and kb's own stop is all that is printed (see
# generator/site/children.py and tests/test_stop_signal.py).
serve: $(STAMP) schemas
	exec $(BIN)/kb serve

## build: set up and build the deployable site into site/
build: $(STAMP)
	$(BIN)/kb build --site-dir site

## check: validate every record and report every problem
check: $(STAMP)
	$(BIN)/kb check

# Debian's packages the tests need, installed (as root, or through sudo) unless the shell test
# $(1) finds them already there: $(call apt_install,TEST,PACKAGES).
apt_install = @test $(1) || { \
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(2); }

# Debian's nginx, which tests/test_nginx.py serves the built site with; `make test` installs
# it the way it installs Chromium.
NGINX := /usr/sbin/nginx
# and its brotli module, which tests/test_nginx.py loads with the sample's nginx-brotli.conf.
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
.PHONY: nginx
test: nginx
nginx:
	$(call apt_install,-x $(NGINX) -a -f $(NGINX_BROTLI),nginx libnginx-mod-http-brotli-filter)

# Debian's Caddy, which tests/test_caddy.py serves the built site with (the sample
# generator/site/publishing/deploy/kunskapsbank.caddy).
CADDY := /usr/bin/caddy
.PHONY: caddy
test: caddy
caddy:
	$(call apt_install,-x $(CADDY),caddy)

# Debian's Java, which runs the Nu HTML Checker (vnu-jar from tests/js's lock) over every built
# page in tests/test_valid_html.py; `make test` installs it the way it installs nginx.
JAVA := /usr/bin/java
.PHONY: java
test: java
java:
	$(call apt_install,-x $(JAVA),default-jre-headless)

## schemas: JSON Schema files for editors' YAML tooling (.kb/schemas, see .vscode/)
schemas: $(STAMP)
	$(BIN)/kb schemas --out .kb/schemas

## cms: the form editor for the records at http://127.0.0.1:8100 (Decap CMS, installed by npm ci)
cms: $(STAMP)
	exec $(BIN)/kb cms

# Decap CMS and decap-server from generator/site/editor/cms/package-lock.json into .kb/cms (needs npm)
cms-install: $(STAMP)
	$(BIN)/kb cms --install

# ESLint and TypeScript's checker for the browser scripts in content/assets/, installed by
# `npm ci` from tests/js/package-lock.json (exact versions; no package's install scripts run)
# into tests/js/node_modules, again only when the lock changes.
JS := tests/js
JS_STAMP := $(JS)/node_modules/.installed-stamp

$(JS_STAMP): $(JS)/package-lock.json
	cd $(JS) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(JS_STAMP)

## js-install: ESLint and TypeScript for the browser scripts (needs Node.js 20.19 or newer and npm)
js-install: $(JS_STAMP)

# TypeScript checks every script's JSDoc types strictly (tests/js/tsconfig.json).
define JS_CHECK
	$(JS)/node_modules/.bin/eslint --config $(JS)/eslint.config.js content/assets
	$(JS)/node_modules/.bin/tsc -p $(JS)
endef

## js-check: lint and type-check the browser scripts
js-check: $(JS_STAMP)
	$(JS_CHECK)

# The suite runs on two workers (pytest-xdist), one per core: while one waits for a browser
# or a build, the other works. Work-stealing hands a worker whose queue is empty the other's
# pending tests, so that a slow file does not leave a core idle at the end. The ten slowest
# tests are listed at the end of every run, in CI too.
PYTEST := $(BIN)/pytest -n 2 --dist worksteal --durations=10

## test: set up from the lock files, lint, type-check (mypy --strict; ESLint and tsc over the
## browser scripts) and run every test
test: $(STAMP) chromium cms-install js-install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(JS_CHECK)
	$(PYTEST)

## test-stress: the browser tests three times in a row while two CPU hogs load the machine,
## as CI's machine may be loaded; the first failure stops it
test-stress: $(STAMP) chromium cms-install
	@hogs=(); for i in 1 2; do yes > /dev/null & hogs+=($$!); done; \
	trap 'kill $${hogs[@]}' EXIT; \
	for round in 1 2 3; do \
		echo "Omgång $$round av 3 med två processer som belastar datorn"; \
		$(PYTEST) -m browser || exit 1; \
	done

## lock: update requirements.lock to the newest releases that pyproject.toml allows
lock: | python-version
	test -x $(TOOLS)/bin/uv || { $(PYTHON) -m venv $(TOOLS) && \
		$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION); }
	echo 'setuptools>=68' | $(TOOLS)/bin/uv pip compile pyproject.toml - --extra test \
		--generate-hashes --universal --python-version 3.11 --quiet -o $(LOCK)

## test-latest: run the suite on the newest releases (a drift report; the lock is untouched)
test-latest: chromium | python-version
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/pip install --quiet --upgrade pip
	$(LATEST)/bin/pip install --quiet --upgrade -e '.[test]'
	@echo 'Skillnader mot $(LOCK) (< låst, > nyaste):'
	@diff <(grep -oE '^[a-z0-9_.-]+==[^ ;]+' $(LOCK) | sort -u) \
		<($(LATEST)/bin/pip freeze --exclude-editable | tr 'A-Z_' 'a-z-' | sort) || true
	$(LATEST)/bin/ruff check .
	$(LATEST)/bin/mypy
	$(LATEST)/bin/pytest

chromium:
	$(call apt_install,-x $(CHROMIUM),chromium)

clean:
	rm -rf $(VENV) $(TOOLS) $(LATEST) site .kb $(JS)/node_modules
