#!/usr/bin/env bash
# `make bench`: release-build benchmarks printing figures (medians, p95, ratios, throughput) for
# SQLite and PostgreSQL side by side in one run. Starts a throwaway PostgreSQL cluster when the
# server binaries are installed and TEST_DATABASE_URL is not set.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_dir=""
cleanup() { if [ -n "$pg_dir" ]; then scripts/pg-test-cluster.sh stop "$pg_dir"; fi; }
trap cleanup EXIT
if [ -z "${TEST_DATABASE_URL:-}" ] && scripts/pg-test-cluster.sh available; then
  cluster=$(scripts/pg-test-cluster.sh start)
  pg_dir=$(echo "$cluster" | sed -n 's/^PG_TEST_DIR=//p')
  TEST_DATABASE_URL=$(echo "$cluster" | sed -n 's/^TEST_DATABASE_URL=//p')
  export TEST_DATABASE_URL
fi
ISU_LOG=${ISU_LOG:-error} cargo bench --locked -p isu-api --bench http
ISU_LOG=${ISU_LOG:-error} cargo bench --locked -p isu-api --bench stats
