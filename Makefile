# Two commands on a fresh machine: `make demo` and `make test`. Everything installs from uv.lock.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_PROJECT_ENVIRONMENT := $(VENV)
RUN := $(VENV)/bin
DEMO_DIR ?= svduty-demo

.PHONY: postgres-up setup demo serve test test-fast lint format bench clean web-assets browser-deps test-postgres

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode  # no .pyc otherwise when PYTHONDONTWRITEBYTECODE is set
	touch $@

setup: $(VENV)/.synced web-assets

demo: setup
	$(RUN)/svduty demo --no-serve --out $(DEMO_DIR)

# The web app on the demo's home (run `make demo` first): http://127.0.0.1:8000
serve: setup
	SVDUTY_HOME=$(abspath $(DEMO_DIR)) $(RUN)/svduty serve

# The whole suite on SQLite, then the database-backed web tests again on PostgreSQL.
test: setup browser-deps postgres-up
	$(RUN)/ruff check .
	$(RUN)/ruff format --check .
	$(RUN)/pytest -n 2 --dist loadfile
	DATABASE_URL=$(TEST_DATABASE_URL) $(RUN)/pytest -n 2 --dist loadfile -p no:cacheprovider tests/web tests/e2e

test-fast: setup
	$(RUN)/pytest -n 2 --dist loadfile -m "not slow and not realdata and not browser"

lint: setup
	$(RUN)/ruff check .
	$(RUN)/ruff format --check .

format: setup
	$(RUN)/ruff format .
	$(RUN)/ruff check --fix .

bench: setup
	$(RUN)/python -m bench

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache

# --- web application (svduty.web) -------------------------------------------------------------
WEB_STATIC := src/svduty/web/static/govuk-frontend
CHROMIUM ?= /usr/bin/chromium
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test

# GOV.UK Frontend (and axe-core for the accessibility tests) from package-lock.json, copied into the
# app's static files. The stylesheet's absolute /assets/ URLs are made relative so the fonts and
# images are served (and fingerprinted) from our own static files: no CDN.
node_modules/.installed: package.json package-lock.json
	command -v npm >/dev/null || (apt-get update && apt-get install -y nodejs npm)
	npm ci --no-audit --no-fund
	touch $@

$(WEB_STATIC)/.copied: node_modules/.installed
	rm -rf $(WEB_STATIC)
	mkdir -p $(WEB_STATIC)
	cp -R node_modules/govuk-frontend/dist/govuk/assets $(WEB_STATIC)/assets
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js* $(WEB_STATIC)/
	sed 's#url(/assets/#url(assets/#g' node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
		| sed 's#/\*\# sourceMappingURL=[^*]*\*/##' > $(WEB_STATIC)/govuk-frontend.min.css
	touch $@

# Vega, Vega-Lite and vega-embed for the insight dashboards, served locally (no CDN). The expression
# interpreter is an ES module importing vega-util: it is wrapped as a plain script over the vega
# global so charts run without eval under the CSP (vega-embed's `ast` mode).
VEGA_STATIC := src/svduty/web/static/vega
$(VEGA_STATIC)/.copied: node_modules/.installed
	rm -rf $(VEGA_STATIC)
	mkdir -p $(VEGA_STATIC)
	cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
		node_modules/vega-embed/build/vega-embed.min.js $(VEGA_STATIC)/
	( echo '(function (vegaUtil) {'; \
	  sed -e "s#^import { \(.*\) } from 'vega-util';#const { \1 } = vegaUtil;#" \
	      -e 's#^export { expression as expressionInterpreter };#window.vegaInterpreter = { expressionInterpreter: expression };#' \
	      node_modules/vega-interpreter/build/vega-interpreter.js; \
	  echo '})(window.vega);' ) > $(VEGA_STATIC)/vega-interpreter.js
	sed -i 's#//\# sourceMappingURL=[^ ]*$$##' $(VEGA_STATIC)/*.js   # maps are not shipped
	touch $@

web-assets: $(WEB_STATIC)/.copied $(VEGA_STATIC)/.copied

# Debian's Chromium for the Playwright browser tests (never `playwright install`).
browser-deps:
	test -x $(CHROMIUM) || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

# PostgreSQL on 127.0.0.1:5432 (trust auth), started if this machine has it stopped.
postgres-up:
	pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	pg_isready -h 127.0.0.1 -p 5432

# The web tests against PostgreSQL (pytest-django creates and drops test_test).
test-postgres: setup postgres-up
	DATABASE_URL=$(TEST_DATABASE_URL) $(RUN)/pytest -q -p no:cacheprovider tests/web
