#!/usr/bin/env bash
# `make bench`: release-build benchmarks printing figures (medians, p95, ratios, throughput) for
# SQLite and PostgreSQL side by side in one run. Starts a throwaway PostgreSQL cluster when the
# server binaries are installed and TEST_DATABASE_URL is not set.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/native-tools.sh
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
# Issue #16: information loss of a realistic region-year release (per table), a few seconds.
cargo bench --locked -p isu-api --bench disclosure
# Issue #16 part 4, #18: the largest region's release alone (Västra Götaland, 28,000 children), about a minute.
cargo bench --locked -p isu-api --bench release_scale
# Issue #13: valid writes while the token endpoint is flooded (a release server in its own process).
cargo bench --locked -p isu-api --bench token_flood

# Issue #6, #18: `isu seed synthetic --organisation national` straight into a fresh database of each
# backend (SEED_CASES records, default 1,000,000).
SEED_CASES=${SEED_CASES:-1000000}
cargo build --locked --release -q -p isu-api --bin isu
isu="${CARGO_TARGET_DIR:-target}/release/isu"
seed_rate() { # database URL -> records/s as `isu seed` reports it
  ISU_LOG=error "$isu" seed --database-url "$1" synthetic --organisation national --cases "$SEED_CASES" --years 2020-2025 --seed 1 |
    sed -n 's/.*(\([0-9]*\) records\/s).*/\1/p'
}
echo
echo "## Seeding"
echo "| backend | seed $SEED_CASES synthetic records, national organisation (21 regions), direct writes |"
echo "|---|---|"
seed_dir=$(mktemp -d)
echo "| SQLite | $(seed_rate "sqlite:$seed_dir/seed.db") records/s |"
rm -rf "$seed_dir"
if [ -n "${TEST_DATABASE_URL:-}" ] && command -v psql >/dev/null 2>&1; then
  seed_db="isu_bench_seed_$$"
  psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE $seed_db"
  echo "| PostgreSQL | $(seed_rate "${TEST_DATABASE_URL%/*}/$seed_db") records/s |"
  psql -q "$TEST_DATABASE_URL" -c "DROP DATABASE $seed_db"
else
  echo "| PostgreSQL | skipped: TEST_DATABASE_URL not set or psql missing |"
fi
