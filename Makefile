# The front door: `make run` and `make test`. Everything else is a helper they use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

ISU_BIND ?= 127.0.0.1:8080
DATABASE_URL ?= sqlite:data/isu.db

.PHONY: help tools run demo test build openapi openapi-check clients client-test contract-test browser-test screenshot fmt lint bench pg-start

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

tools: ## Build tools of the HiGHS solver (cmake, libclang) into .tools/native; every target below runs it
	scripts/native-tools.sh

run: tools ## Build and serve the API on the embedded SQLite default (data/isu.db)
	cargo run --locked --release -p isu-api --bin isu -- serve --bind $(ISU_BIND) --database-url $(DATABASE_URL)

DEMO_DB ?= data/demo.db

demo: tools ## A demo in a minute: synthetic records of 3 regions, releases, a token per role and links; then serves it
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	cargo build --locked --release -p isu-api --bin isu
	target/release/isu demo --database-url sqlite:$(DEMO_DB) --base-url http://$(ISU_BIND)
	target/release/isu serve --bind $(ISU_BIND) --database-url sqlite:$(DEMO_DB)

test: ## Everything CI checks: fmt, clippy, tests on SQLite + PostgreSQL, contract, clients
	scripts/test.sh

build: tools ## Debug build of the server
	cargo build --locked -p isu-api --bin isu

openapi: tools ## Regenerate the committed contract openapi/openapi.json from the code
	cargo run --locked -q -p isu-api --bin isu -- openapi > openapi/openapi.json.tmp
	mv openapi/openapi.json.tmp openapi/openapi.json

openapi-check: tools ## Fail when openapi/openapi.json differs from what the code generates
	cargo test --locked -p isu-api --test api contract::committed_contract_matches_the_code

clients: ## Regenerate the committed TypeScript and Python clients from the contract
	scripts/client-tests.sh install
	scripts/client-tests.sh generate

client-test: build ## Run the generated clients against a live server
	scripts/client-tests.sh all

contract-test: build ## Contract checks: Spectral (OAS + OWASP), breaking changes vs the previous commit, Schemathesis per role
	scripts/contract-tests.sh all

browser-test: build ## The report page in headless Chromium (installs Debian's chromium when missing)
	scripts/browser.sh install
	scripts/browser.sh test

screenshot: build ## Retake the README's picture of the report page (docs/images/report-page.png)
	scripts/browser.sh screenshot docs/images/report-page.png 3000

fmt: ## Format the code
	cargo fmt --all

lint: tools ## fmt check and clippy, as CI runs them
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

bench: ## Benchmarks: prints figures (medians, ratios); see README
	scripts/bench.sh
