# CasTyou: `make run` serves the app on SQLite; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools
BUN := $(TOOLS)/node_modules/.bin/bun
STAMP := $(VENV)/.installed
export REFLEX_USE_SYSTEM_BUN := 1
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false

.PHONY: run test lint typecheck unit e2e chaos bench install browser migrate seed clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

$(BUN):
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --no-audit --no-fund --silent bun

# axe-core (npm registry): the browser journeys inject it to check accessibility.
AXE := $(TOOLS)/node_modules/axe-core/axe.min.js

$(AXE):
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --no-audit --no-fund --silent axe-core@4.14.1

install: $(STAMP) $(BUN)

browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }
	@# nginx (Debian) for the reverse-proxy journey; the test runs its own nginx process,
	@# so the system service is switched off again. Not root: that journey is skipped.
	@[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing Debian nginx for the proxy journey"; \
	    apt-get install -y -qq nginx && { systemctl disable --now nginx 2>/dev/null || true; }; \
	  else echo "nginx not installed and not root: the proxy journey will be skipped"; fi

migrate: install
	$(PY) -m castyou migrate

seed: migrate
	$(PY) -m castyou seed-demo --if-empty

run: seed
	$(PY) -m reflex run --env prod

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: install
	$(PY) -m mypy castyou

unit: install
	$(PY) -m pytest -m "not e2e"

e2e: install browser $(AXE)
	$(PY) -m pytest -m e2e

chaos: install
	$(PY) -m pytest -m chaos --durations=5

test: install browser $(AXE) lint typecheck
	$(PY) -m pytest

bench: install
	$(PY) -m bench

clean:
	rm -rf .web $(VENV) $(TOOLS)
