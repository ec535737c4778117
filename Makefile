# xxgk — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILT := $(VENV)/.built
# A change to a screening source builds the project again (the modules compiled are listed in
# xxgk/screening/extensions.py; a change to any screening file is simply taken as one to them).
SCREENING_SOURCES := $(wildcard xxgk/screening/*.py xxgk/screening/detectors/*.py xxgk/screening/detectors/*.pyx)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# one PostgreSQL test database per checkout, so parallel checkouts do not collide
PG_TEST_DB ?= test_xxgk_$(shell printf '%s' "$(CURDIR)" | md5sum | cut -c1-10)
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the project needs: Chromium for browser tests, CJK fonts for
# PDF and charts, poppler for looking at PDFs, LibreOffice (headless) for screening legacy
# .doc/.xls/.ppt, libarchive for screening 7z/RAR/tar archives, libgl1 and libglib2.0-0 for
# OpenCV (OCR), Tesseract with Chinese for the screening bench's comparison OCR engine, a C compiler
# (build-essential) and Python's headers (python3-dev) to compile the hot screening modules with Cython at
# install time (setup.py; without them those modules run as Python: same findings, slower).
DEB_PACKAGES := chromium fonts-noto-cjk poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui \
  libreoffice-impress-nogui libarchive13 libgl1 libglib2.0-0 tesseract-ocr tesseract-ocr-chi-sim \
  build-essential python3-dev

# Debian packages `make deploy-check` needs besides DEB_PACKAGES: nginx in front of gunicorn (run there with its
# own prefix, pid and logs, never as the system's service) and openssl for a throw-away certificate.
DEPLOY_PACKAGES := nginx openssl

.PHONY: install lock lint system-deps deploy-deps migrate demo run test deploy-check bench clean

install: $(BUILT)

# Exact versions come from requirements.lock (regenerate it with `make lock` after
# changing the ranges in pyproject.toml; `make lock LOCK_FLAGS=--upgrade` takes the newest
# versions the ranges allow).
$(STAMP): pyproject.toml requirements.lock
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -r requirements.lock > $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $(STAMP)

# The project itself, installed editable. Building it compiles the screening modules listed in
# xxgk/screening/extensions.py with Cython (setup.py; Cython pinned in pyproject.toml's [build-system]), each
# beside its source. Without a C compiler or Python's headers the install still succeeds and they run as Python;
# then the stamp is not written, so the next `make install` tries again.
$(BUILT): $(STAMP) setup.py $(SCREENING_SOURCES)
	@$(BIN)/pip install --verbose --no-deps -e . > $(VENV)/build.log 2>&1 || { cat $(VENV)/build.log; exit 1; }
	@state=$$(env -u XXGK_SCREENING_PYTHON $(BIN)/python -c "import xxgk.screening as s; print(s.compiled_status())"); \
	if [ "$$state" = compiled ]; then touch $@; else \
	  echo "screening modules: $$state, not all compiled (a C compiler and Python's headers: make system-deps;" \
	    "see $(VENV)/build.log). They run as Python: same findings, slower."; \
	fi

lock: install
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --universal --python-version 3.11 \
	  -q -o requirements.lock $(LOCK_FLAGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Installs the Debian packages that are missing; does nothing when all are there.
system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# Installs the Debian packages of DEPLOY_PACKAGES that are missing (the only step that may need root).
deploy-deps:
	@missing=""; for p in $(DEPLOY_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

migrate: install
	@mkdir -p var
	XXGK_DEV=$${XXGK_DEV:-1} $(BIN)/xxgk migrate --no-input -v 0

demo: migrate
	XXGK_DEV=$${XXGK_DEV:-1} $(BIN)/xxgk demo

# The site and its background worker (`xxgk worker`: screening, messages, report builds and the schedule
# that replaces cron), started together; Ctrl-C stops both. The worker runs in its own process group
# (setsid) so that stopping it stops its code reloader too.
run: system-deps demo
	@export DEBUG=$${DEBUG:-1} XXGK_SITE_URL=$${XXGK_SITE_URL:-http://$(HOST):$(PORT)}; \
	setsid $(BIN)/xxgk worker --beat --reload & worker=$$!; \
	trap 'kill -TERM -- -$$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(BIN)/xxgk runserver $(HOST):$(PORT)

# system-deps first: the C compiler must be there when `install` compiles the screening modules, and
# XXGK_EXPECT_COMPILED=1 makes tests/screening/test_compiled_modules.py fail when they run as Python.
test: system-deps install lint
	@ran="SQLite"; export XXGK_EXPECT_COMPILED=1; \
	echo "== test suite on SQLite =="; \
	env -u DATABASE_URL $(BIN)/pytest || exit $$?; \
	if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== test suite on PostgreSQL ($(PG_URL)) =="; \
	  DATABASE_URL=$(PG_URL) TEST_DATABASE_NAME=$(PG_TEST_DB) $(BIN)/pytest || exit $$?; \
	  ran="SQLite and PostgreSQL"; \
	else \
	  echo "PostgreSQL at 127.0.0.1:5432 did not answer: skipped"; \
	fi; \
	echo "databases tested: $$ran"

# The shipped deployment (deploy/) run on loopback ports against PostgreSQL and Redis, used through nginx
# by a smoke test, then stopped (deploy/check.py). PG_URL names the PostgreSQL server.
deploy-check: install deploy-deps
	PG_URL=$(PG_URL) $(BIN)/python deploy/check.py

bench: install
	@for b in bench/*.py; do echo "== $$b =="; $(BIN)/python $$b || exit $$?; done

clean:
	rm -rf $(VENV) var *.egg-info build xxgk/screening/compiled_sources.json
	find xxgk -name '*.so' -delete
