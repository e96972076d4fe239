# Justice Bureau Portal (区司法局综合业务平台): developer entry points.
# `make help` lists the targets. Production deployment is described in docs/deployment.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip

# The database that settings.py will use: the last path segment of DATABASE_URL (query string
# dropped), `bureau` by default. It has to exist before the first manage.py command, because
# Django's connection pool keeps retrying a missing database for 30 s before it gives up.
DB_URL  := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/bureau)
DB_NAME := $(lastword $(subst /, ,$(firstword $(subst ?, ,$(DB_URL)))))
PSQL    := psql -h 127.0.0.1 -U postgres

# apt-get needs root; a developer who is not root goes through sudo, CI (root) does not.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# The production-like environment that `make check-deploy` checks against (see docs/deployment.md).
# The keys are throw-away: fresh ones each run, so nothing secret is ever written down here.
GEN_KEY := $(PYTHON) -c "import base64,os;print(base64.b64encode(os.urandom(64)).decode())"
DEPLOY_ENV := DEBUG=0 \
	SECRET_KEY="$$($(GEN_KEY))" \
	IDENTIFIER_KEY="$$($(GEN_KEY))" \
	ALLOWED_HOSTS=portal.example.gov.cn \
	CSRF_TRUSTED_ORIGINS=https://portal.example.gov.cn \
	BEHIND_PROXY=1

.PHONY: help run test check-deploy clean services database browser-deps

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: $(VENV)/.installed-runtime database ## Migrate, load the demo data, then serve on http://127.0.0.1:8000/ with Celery worker and beat
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data
	exec bin/run

test: $(VENV)/.installed-test services browser-deps ## Run the whole test suite (options in pytest.ini)
	$(VENV)/bin/pytest

check-deploy: $(VENV)/.installed-runtime ## `manage.py check --deploy` in an example production environment; fails on any warning
	@echo "manage.py check --deploy with DEBUG=0, fresh random keys, ALLOWED_HOSTS=portal.example.gov.cn, BEHIND_PROXY=1"
	@$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

clean: ## Remove the virtualenv and var/ (beat schedule, collected static files, local media)
	rm -rf $(VENV) var

# --- virtualenv -------------------------------------------------------------------------------
# The stamps make pip run only when a requirements file has changed since the last install,
# so `make run` and `make test` start quickly every time after the first.

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	touch $@

# requirements-test.txt includes requirements.txt, hence both prerequisites.
$(VENV)/.installed-test: requirements-test.txt requirements.txt | $(PY)
	$(PIP) install -r requirements-test.txt
	touch $@

# --- local services ---------------------------------------------------------------------------
# On the development and CI machines PostgreSQL and Redis are installed from Debian but may have
# been stopped; start whichever is installed and not answering. Elsewhere (services on another
# host, or not installed) nothing is started and the manage.py commands report what is missing.

services:
	@if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		echo "Starting PostgreSQL"; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi
	@if command -v redis-server >/dev/null && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then \
		echo "Starting Redis"; \
		redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log; \
		for i in $$(seq 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done; \
	fi

database: services
	@if [ "$$($(PSQL) -tAc "SELECT 1 FROM pg_database WHERE datname='$(DB_NAME)'")" != 1 ]; then \
		echo "Creating database $(DB_NAME)"; \
		createdb -h 127.0.0.1 -U postgres $(DB_NAME); \
	fi

# The browser tests drive Debian's Chromium (never a Playwright-downloaded browser, which this
# network cannot fetch) and need a Chinese font, or every page renders as boxes in screenshots.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy; then \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-zenhei; \
	fi
