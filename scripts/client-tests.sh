#!/usr/bin/env bash
# Generated-client tests for the ISU API.
#
# Two clients are generated from the committed contract (openapi/openapi.json):
#   TypeScript  openapi-typescript -> client-tests/typescript/src/generated/schema.ts
#               (used through openapi-fetch)
#   Python      openapi-python-client -> client-tests/python/generated/isu-api-client/
# and their test suites run against a live server.
#
# Usage: scripts/client-tests.sh <command> [args]
#   install    npm ci + Python venv from the lock files (no-op when already up to date)
#   generate   regenerate both clients into their committed locations
#   check      regenerate into a temp dir and fail if the committed clients differ
#   run        create an admin client in a fresh SQLite database (`isu clients create`),
#              start `isu serve` on a free loopback port (unless ISU_BASE_URL is set)
#              and run the TypeScript, then the Python tests against it
#   all        install + check + run
#   lock [pip-compile args]
#              re-resolve client-tests/python/requirements.lock from requirements.in
#              (e.g. `lock --upgrade`, `lock --upgrade-package httpx`)
#
# Environment:
#   OPENAPI_SPEC          contract to generate from (default: openapi/openapi.json)
#   ISU_BASE_URL          test an already running server/deployment instead of starting one
#   ISU_ADMIN_CLIENT_ID, ISU_ADMIN_CLIENT_SECRET
#                         with ISU_BASE_URL: an admin client of that deployment; without
#                         them the admin and token flows are skipped (with a message).
#                         Without ISU_BASE_URL they are ignored: `run` creates its own.
#   ISU_REQUIRE_ADMIN=1   fail instead of skipping the token and admin flows when no admin
#                         client is given (always on for the local server)
#   ISU_BIN               server binary for `run` (default: target/debug/isu)
#   PYTHON                interpreter for the venv (default: python3.11, else python3 >= 3.11)
#   CLIENT_GEN_STRICT=1   treat generator warnings as errors (generate/check)
#   ISU_HEALTH_TIMEOUT    seconds to wait for GET /healthz == 200 (default: 60)
#   KEEP_TMP=1            keep the server's temp dir (database, signing key, log) after `run`
set -euo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
CT_DIR=$ROOT/client-tests
TS_DIR=$CT_DIR/typescript
PY_DIR=$CT_DIR/python
VENV=$PY_DIR/.venv

TS_GENERATED=src/generated/schema.ts   # relative to TS_DIR
PY_GENERATED=generated/isu-api-client  # relative to PY_DIR
PY_GEN_CONFIG=$PY_DIR/openapi-python-client.yaml
PY_GEN_META=poetry
PIP_TOOLS_VERSION=7.6.2

HEALTH_TIMEOUT_SECS=${ISU_HEALTH_TIMEOUT:-60}
STAMP_NAME=.isu-client-tests.stamp

# --- output helpers -----------------------------------------------------------

if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_YEL=$'\e[33m' C_GRN=$'\e[32m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_RED='' C_YEL='' C_GRN='' C_OFF=''
fi
step() { printf '%s==> %s%s\n' "$C_BOLD" "$*" "$C_OFF"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%swarning:%s %s\n' "$C_YEL" "$C_OFF" "$*" >&2; }
die() { printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}"; }

# Absolute path of the contract; a relative OPENAPI_SPEC is relative to the caller's cwd.
spec_path() {
  local spec=${OPENAPI_SPEC:-$ROOT/openapi/openapi.json}
  [[ $spec == /* ]] || spec=$PWD/$spec
  [[ -f $spec ]] || die "OpenAPI document not found: $spec (set OPENAPI_SPEC to override)"
  [[ -s $spec ]] || die "OpenAPI document is empty: $spec"
  printf '%s\n' "$spec"
}

hash_of() { # sha256 of the files' concatenation (sha256sum on Linux, shasum on macOS)
  if command -v sha256sum >/dev/null 2>&1; then
    cat -- "$@" | sha256sum | cut -d' ' -f1
  else
    cat -- "$@" | shasum -a 256 | cut -d' ' -f1
  fi
}

# --- install -----------------------------------------------------------------

find_python() {
  local py=${PYTHON:-}
  if [[ -z $py ]]; then
    if command -v python3.11 >/dev/null 2>&1; then py=python3.11; else py=python3; fi
  fi
  command -v "$py" >/dev/null 2>&1 || die "$py not found (set PYTHON to a Python >= 3.11 interpreter)"
  "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || die "$py is $("$py" -V 2>&1); Python >= 3.11 is required (set PYTHON)"
  printf '%s\n' "$py"
}

install_ts() {
  command -v node >/dev/null 2>&1 || die "node not found (Node.js >= 20 is required)"
  command -v npm >/dev/null 2>&1 || die "npm not found"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || die "Node.js >= 20 is required, found $(node --version)"

  local want stamp=$TS_DIR/node_modules/$STAMP_NAME
  want="$(hash_of "$TS_DIR/package.json" "$TS_DIR/package-lock.json") node$major"
  if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
    info "TypeScript dependencies up to date"
    return
  fi
  step "npm ci (client-tests/typescript)"
  (cd "$TS_DIR" && npm ci --no-audit --no-fund)
  printf '%s\n' "$want" >"$stamp"
}

install_py() {
  local py want stamp=$VENV/$STAMP_NAME
  py=$(find_python)
  want="$(hash_of "$PY_DIR/requirements.lock") $("$py" -c 'import sys; print("py%d.%d" % sys.version_info[:2])')"
  if [[ -x $VENV/bin/python && -f $stamp && $(<"$stamp") == "$want" ]]; then
    info "Python dependencies up to date"
    return
  fi
  step "Python venv (client-tests/python/.venv, $("$py" -V 2>&1))"
  rm -rf -- "$VENV"
  "$py" -m venv "$VENV"
  # Every transitive dependency is pinned with hashes; --no-deps makes a missing pin an error.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --require-hashes --no-deps -r "$PY_DIR/requirements.lock"
  "$VENV/bin/python" -m pip check --disable-pip-version-check
  printf '%s\n' "$want" >"$stamp"
}

INSTALLED=0
# Install once per invocation; later calls (generate/check/run after install) are silent.
ensure_installed() {
  ((INSTALLED)) && return 0
  install_ts
  install_py
  INSTALLED=1
}

cmd_install() {
  step "install"
  ensure_installed
}

# --- generate / check --------------------------------------------------------

GEN_WARNINGS=0

# Print a generator's diagnostics; count them as warnings.
report_generator_output() { # <generator name> <log file>
  if grep -q '[^[:space:]]' "$2"; then
    GEN_WARNINGS=$((GEN_WARNINGS + 1))
    warn "$1 reported diagnostics for the contract:"
    sed 's/^/    | /' "$2" >&2
  fi
}

# Generate both clients into <out>/typescript/schema.ts and <out>/python/isu-api-client.
generate_into() { # <spec> <out dir>
  local spec=$1 out=$2
  local log=$out/generator.log
  mkdir -p "$out/typescript" "$out/python"

  info "openapi-typescript $(cd "$TS_DIR" && node -p 'require("openapi-typescript/package.json").version')"
  # stdout is its banner; warnings and errors go to stderr.
  if ! (cd "$TS_DIR" && node_modules/.bin/openapi-typescript "$spec" --output "$out/typescript/schema.ts") \
    >/dev/null 2>"$log"; then
    cat "$log" >&2
    die "openapi-typescript failed on $spec"
  fi
  report_generator_output openapi-typescript "$log"

  info "openapi-python-client $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("openapi-python-client"))')"
  # Post-hooks (ruff) must come from the venv; stdout only says "Generating <path>".
  if ! (cd "$PY_DIR" && PATH=$VENV/bin:$PATH "$VENV/bin/openapi-python-client" generate \
    --path "$spec" --config "$PY_GEN_CONFIG" --meta "$PY_GEN_META" \
    --output-path "$out/python/isu-api-client" --overwrite) >/dev/null 2>"$log"; then
    cat "$log" >&2
    die "openapi-python-client failed on $spec"
  fi
  report_generator_output openapi-python-client "$log"

  if ((GEN_WARNINGS > 0)) && [[ ${CLIENT_GEN_STRICT:-0} == 1 ]]; then
    die "generator warnings are errors (CLIENT_GEN_STRICT=1)"
  fi
}

TMP_DIRS=()
cleanup_tmp_dirs() {
  local d
  for d in "${TMP_DIRS[@]+"${TMP_DIRS[@]}"}"; do rm -rf -- "$d"; done
}

cmd_generate() {
  local spec tmp
  spec=$(spec_path)
  ensure_installed
  step "generate clients from ${spec#"$ROOT"/}"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/isu-client-gen.XXXXXX")
  TMP_DIRS+=("$tmp")
  generate_into "$spec" "$tmp"
  # Replace the committed outputs only once both generators succeeded.
  mkdir -p "$TS_DIR/$(dirname "$TS_GENERATED")" "$PY_DIR/$(dirname "$PY_GENERATED")"
  cp -- "$tmp/typescript/schema.ts" "$TS_DIR/$TS_GENERATED"
  rm -rf -- "${PY_DIR:?}/$PY_GENERATED"
  cp -R -- "$tmp/python/isu-api-client" "$PY_DIR/$PY_GENERATED"
  info "wrote client-tests/typescript/$TS_GENERATED"
  info "wrote client-tests/python/$PY_GENERATED/"
}

cmd_check() {
  local spec tmp stale=0
  spec=$(spec_path)
  ensure_installed
  step "check generated clients against ${spec#"$ROOT"/}"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/isu-client-check.XXXXXX")
  TMP_DIRS+=("$tmp")
  generate_into "$spec" "$tmp"
  if ! diff -u --label "committed/$TS_GENERATED" --label "regenerated/$TS_GENERATED" \
    "$TS_DIR/$TS_GENERATED" "$tmp/typescript/schema.ts" >"$tmp/ts.diff" 2>&1; then
    stale=1
    warn "client-tests/typescript/$TS_GENERATED differs from a fresh generation:"
    head -n 200 "$tmp/ts.diff" >&2
  fi
  if ! diff -ru -x __pycache__ "$PY_DIR/$PY_GENERATED" "$tmp/python/isu-api-client" >"$tmp/py.diff" 2>&1; then
    stale=1
    warn "client-tests/python/$PY_GENERATED/ differs from a fresh generation:"
    head -n 200 "$tmp/py.diff" >&2
  fi
  if ((stale)); then
    die "generated client is stale: run make clients"
  fi
  info "${C_GRN}generated clients are up to date${C_OFF}"
}

# --- run ---------------------------------------------------------------------

SERVER_PID=''
RUN_DIR=''
# shellcheck source=scripts/lib/live-server.sh
source "$ROOT/scripts/lib/live-server.sh"




free_port() {
  "$VENV/bin/python" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

http_status() { # <url>
  curl --silent --output /dev/null --write-out '%{http_code}' --max-time 2 -- "$1" 2>/dev/null || true
}

start_server() {
  local bin=${ISU_BIN:-$ROOT/target/debug/isu}
  # A bare name is looked up on PATH; a relative path is relative to the caller's cwd.
  if [[ $bin != */* ]]; then
    bin=$(command -v -- "$bin" || true)
  elif [[ $bin != /* ]]; then
    bin=$PWD/$bin
  fi
  [[ -n $bin && -f $bin && -x $bin ]] \
    || die "server binary not found or not executable: ${ISU_BIN:-$ROOT/target/debug/isu}
       build it first: cargo build -p isu-api --bin isu   (or set ISU_BIN, or ISU_BASE_URL for a running server)"
  command -v curl >/dev/null 2>&1 || die "curl is required to probe the server"

  RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/isu-client-tests.XXXXXX")
  local db_url=sqlite:$RUN_DIR/isu-client-tests.db

  # The admin client the suites start from: created before the server starts, so the server
  # does not bootstrap one of its own (it only does so on a database without clients).
  # `--database-url` belongs to `isu clients`, not to `isu clients create`.
  step "create the admin client (isu clients create --role admin)"
  if ! (cd "$RUN_DIR" && NO_COLOR=1 "$bin" clients --database-url "$db_url" \
    create --name client-tests-admin --role admin) >"$RUN_DIR/admin-client.json" 2>"$RUN_DIR/clients-create.log" </dev/null; then
    cat "$RUN_DIR/clients-create.log" >&2
    die "isu clients create failed"
  fi
  local creds
  if ! creds=$("$VENV/bin/python" -c 'import json, sys
c = json.load(open(sys.argv[1]))
assert isinstance(c["client_id"], str) and c["client_id"] and isinstance(c["client_secret"], str) and c["client_secret"]
print(c["client_id"]); print(c["client_secret"])' "$RUN_DIR/admin-client.json" 2>"$RUN_DIR/clients-create.parse.log"); then
    cat "$RUN_DIR/clients-create.parse.log" >&2
    die "isu clients create did not print {client_id, client_secret} as JSON (see $RUN_DIR/admin-client.json)"
  fi
  ISU_ADMIN_CLIENT_ID=${creds%%$'\n'*}
  ISU_ADMIN_CLIENT_SECRET=${creds#*$'\n'}
  rm -f -- "$RUN_DIR/admin-client.json" "$RUN_DIR/clients-create.parse.log"
  info "admin client: $ISU_ADMIN_CLIENT_ID"

  local port
  port=$(free_port)
  ISU_BASE_URL=http://127.0.0.1:$port
  step "start server: ${bin#"$ROOT"/} serve on 127.0.0.1:$port (temp dir $RUN_DIR)"
  (
    cd "$RUN_DIR"
    # Development mode with its signing key in the temp dir (never in the repository);
    # configured keys from the caller's environment must not leak in.
    unset ISU_JWT_KEYS
    # NO_COLOR: plain server log (it goes to a file and is shown on failure).
    export ISU_BIND=127.0.0.1:$port DATABASE_URL=$db_url ISU_ENV=development NO_COLOR=1
    exec "$bin" serve --dev-key "$RUN_DIR/dev-key.pem"
  ) >"$RUN_DIR/server.log" 2>&1 </dev/null &
  SERVER_PID=$!

  local deadline=$((SECONDS + HEALTH_TIMEOUT_SECS)) code
  while :; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      local rc=0
      wait "$SERVER_PID" || rc=$?
      SERVER_PID=''
      show_server_log
      die "server exited (status $rc) before answering GET /healthz"
    fi
    code=$(http_status "$ISU_BASE_URL/healthz")
    [[ $code == 200 ]] && break
    if ((SECONDS >= deadline)); then
      show_server_log
      die "GET $ISU_BASE_URL/healthz did not answer 200 within ${HEALTH_TIMEOUT_SECS}s (last status: ${code:-none})"
    fi
    sleep 0.2
  done
  info "server is healthy (pid $SERVER_PID)"
}

cmd_run() {
  ensure_installed

  local external=0
  if [[ -n ${ISU_BASE_URL:-} ]]; then
    external=1
    ISU_BASE_URL=${ISU_BASE_URL%/}
    step "using the server at ISU_BASE_URL=$ISU_BASE_URL (not starting one)"
    if [[ -n ${ISU_ADMIN_CLIENT_ID:-} && -n ${ISU_ADMIN_CLIENT_SECRET:-} ]]; then
      info "admin client: $ISU_ADMIN_CLIENT_ID (from ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET)"
      export ISU_ADMIN_CLIENT_ID ISU_ADMIN_CLIENT_SECRET
    else
      [[ ${ISU_REQUIRE_ADMIN:-0} == 1 ]] \
        && die "ISU_REQUIRE_ADMIN=1 but ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET are not set"
      warn "ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET not set: the token and admin flows will be skipped"
      unset ISU_ADMIN_CLIENT_ID ISU_ADMIN_CLIENT_SECRET
    fi
  else
    start_server
    # The local server always has the admin client: a suite that cannot find it fails, not skips.
    export ISU_ADMIN_CLIENT_ID ISU_ADMIN_CLIENT_SECRET ISU_REQUIRE_ADMIN=1
  fi
  export ISU_BASE_URL

  local ts_rc=0 py_rc=0
  step "TypeScript client tests (openapi-fetch, node --test)"
  (cd "$TS_DIR" && npm test --silent) || ts_rc=$?

  step "Python client tests (openapi-python-client, pytest)"
  (cd "$PY_DIR" && PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" -m pytest) || py_rc=$?

  if ((ts_rc != 0 || py_rc != 0)) && ((!external)); then
    show_server_log 80
  fi
  step "summary"
  local name rc
  for name in TypeScript Python; do
    if [[ $name == TypeScript ]]; then rc=$ts_rc; else rc=$py_rc; fi
    if ((rc == 0)); then
      info "$name: ${C_GRN}passed${C_OFF}"
    else
      info "$name: ${C_RED}FAILED${C_OFF} (exit status $rc)"
    fi
  done
  ((ts_rc == 0 && py_rc == 0)) || die "client tests failed against $ISU_BASE_URL"
}

# --- lock --------------------------------------------------------------------

cmd_lock() {
  local py tools
  py=$(find_python)
  tools=$(mktemp -d "${TMPDIR:-/tmp}/isu-pip-tools.XXXXXX")
  TMP_DIRS+=("$tools")
  step "pip-compile (pip-tools $PIP_TOOLS_VERSION) client-tests/python/requirements.in -> requirements.lock"
  "$py" -m venv "$tools/venv"
  "$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools==$PIP_TOOLS_VERSION"
  (cd "$PY_DIR" && CUSTOM_COMPILE_COMMAND="scripts/client-tests.sh lock" \
    "$tools/venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --output-file requirements.lock "$@" requirements.in)
  info "updated client-tests/python/requirements.lock; run: scripts/client-tests.sh install"
}

# --- main --------------------------------------------------------------------

on_exit() {
  cleanup_run
  cleanup_tmp_dirs
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    install) cmd_install ;;
    generate) cmd_generate ;;
    check) cmd_check ;;
    run) cmd_run ;;
    all)
      local start=$SECONDS
      cmd_install
      cmd_check
      cmd_run
      step "all done in $((SECONDS - start)) s"
      ;;
    lock) cmd_lock "$@" ;;
    -h | --help | help) usage ;;
    '') usage >&2; exit 2 ;;
    *) die "unknown command: $cmd (see: scripts/client-tests.sh --help)" ;;
  esac
}

main "$@"
