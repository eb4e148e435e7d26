#!/usr/bin/env bash
# Contract-conformance checks for the ISU API (openapi/openapi.json). See contract-tests/README.md.
#
# Usage: scripts/contract-tests.sh <command> [args]
#   install    npm ci (Spectral) + Python venv (Schemathesis, pytest) from the lock files
#              (no-op when already up to date)
#   lint       Spectral: spectral:oas + OWASP API Security ruleset (contract-tests/.spectral.yaml);
#              fails on any error
#   breaking   the breaking-change checker's own tests, then the contract of the base commit vs
#              the working tree: a breaking change fails unless info.version is bumped
#              (semver-incompatibly) and CHANGELOG.md lists the change under that version
#   fuzz       the hooks' tests, then Schemathesis against a live server, once per role (vendor,
#              region_analyst, analyst, admin): positive and negative data, every check; fails
#              on any failure. Starts target/debug/isu on a fresh SQLite database unless
#              CONTRACT_BASE_URL is set
#   all        install + lint + breaking + fuzz (what `make contract-test` runs); runs every
#              step, prints a summary, fails if any step failed
#   lock [pip-compile args]
#              re-resolve contract-tests/requirements.lock from requirements.in
#
# Environment:
#   CONTRACT_BASE_URL     fuzz an already running deployment (e.g. a sandbox) instead of starting
#                         a server; then the credentials of each role to fuzz come from
#                         CONTRACT_<ROLE>_CLIENT_ID / CONTRACT_<ROLE>_CLIENT_SECRET, ROLE one of
#                         VENDOR, REGISTRAR, REGION_ANALYST, ANALYST, ADMIN (roles without
#                         credentials are skipped, with a message);
#                         CONTRACT_VENDOR_UNIT_ID / CONTRACT_REGISTRAR_UNIT_ID: a unit of theirs
#   CONTRACT_ROLES        roles to fuzz, space-separated, in order
#                         (default: vendor region_analyst analyst admin)
#   CONTRACT_MAX_EXAMPLES test cases per operation and phase (default: 50)
#   CONTRACT_SEED         Hypothesis seed (default: random; printed, so a run can be repeated)
#   CONTRACT_WORKERS      Schemathesis workers (default: 1; see contract-tests/README.md)
#   CONTRACT_REPORT_DIR   where JUnit/NDJSON reports and logs go (default: contract-tests/reports)
#   CONTRACT_BASE_REF     git revision whose contract `breaking` compares against (default: HEAD
#                         when openapi/openapi.json has uncommitted changes, else HEAD~1)
#   ISU_BIN               server binary for `fuzz` (default: target/debug/isu)
#   PYTHON                interpreter for the venv (default: python3.11, else python3 >= 3.11)
#   CONTRACT_HEALTH_TIMEOUT  seconds to wait for GET /healthz == 200 (default: 60)
#   KEEP_TMP=1            keep the server's temp dir (database, signing key, log) after `fuzz`
set -euo pipefail

if ((BASH_VERSINFO[0] < 4)); then
  echo "error: bash >= 4 is required (found $BASH_VERSION; on macOS: brew install bash)" >&2
  exit 1
fi

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
CT=$ROOT/contract-tests
VENV=$CT/.venv
SPEC=$ROOT/openapi/openapi.json
SPEC_REL=openapi/openapi.json
PIP_TOOLS_VERSION=7.6.2
STAMP_NAME=.isu-contract-tests.stamp
HEALTH_TIMEOUT_SECS=${CONTRACT_HEALTH_TIMEOUT:-60}
REPORT_DIR=${CONTRACT_REPORT_DIR:-$CT/reports}
[[ $REPORT_DIR == /* ]] || REPORT_DIR=$PWD/$REPORT_DIR

# --- output helpers -------------------------------------------------------------------------

if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_YEL=$'\e[33m' C_GRN=$'\e[32m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_RED='' C_YEL='' C_GRN='' C_OFF=''
fi
step() { printf '%s==> %s%s\n' "$C_BOLD" "$*" "$C_OFF"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%swarning:%s %s\n' "$C_YEL" "$C_OFF" "$*" >&2; }
die() { printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2; exit 1; }
ok() { printf '%s%s%s' "$C_GRN" "$*" "$C_OFF"; }
bad() { printf '%s%s%s' "$C_RED" "$*" "$C_OFF"; }

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}"; }

hash_of() { # sha256 of the files' concatenation (sha256sum on Linux, shasum on macOS)
  if command -v sha256sum >/dev/null 2>&1; then
    cat -- "$@" | sha256sum | cut -d' ' -f1
  else
    cat -- "$@" | shasum -a 256 | cut -d' ' -f1
  fi
}

TMP_DIRS=()
cleanup_tmp_dirs() {
  local d
  for d in "${TMP_DIRS[@]+"${TMP_DIRS[@]}"}"; do rm -rf -- "$d"; done
}

# --- install --------------------------------------------------------------------------------

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

install_node() {
  command -v node >/dev/null 2>&1 || die "node not found (Node.js >= 20 is required for Spectral)"
  command -v npm >/dev/null 2>&1 || die "npm not found"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || die "Node.js >= 20 is required, found $(node --version)"
  local want stamp=$CT/node_modules/$STAMP_NAME
  want="$(hash_of "$CT/package.json" "$CT/package-lock.json") node$major"
  if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
    info "Spectral (npm) dependencies up to date"
    return
  fi
  step "npm ci (contract-tests)"
  # --ignore-scripts: Spectral needs no install scripts (one dependency's postinstall is only
  # usage telemetry, @scarf/scarf).
  (cd "$CT" && SCARF_ANALYTICS=false npm ci --ignore-scripts --no-audit --no-fund)
  printf '%s\n' "$want" >"$stamp"
}

install_py() {
  local py want stamp=$VENV/$STAMP_NAME
  py=$(find_python)
  want="$(hash_of "$CT/requirements.lock") $("$py" -c 'import sys; print("py%d.%d" % sys.version_info[:2])')"
  if [[ -x $VENV/bin/python && -f $stamp && $(<"$stamp") == "$want" ]]; then
    info "Python dependencies up to date"
    return
  fi
  step "Python venv (contract-tests/.venv, $("$py" -V 2>&1))"
  rm -rf -- "$VENV"
  "$py" -m venv "$VENV"
  # Every transitive dependency is pinned with hashes; --no-deps makes a missing pin an error.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --require-hashes --no-deps -r "$CT/requirements.lock"
  "$VENV/bin/python" -m pip check --disable-pip-version-check
  printf '%s\n' "$want" >"$stamp"
}

INSTALLED_NODE=0 INSTALLED_PY=0
ensure_node() { ((INSTALLED_NODE)) || { install_node; INSTALLED_NODE=1; }; }
ensure_py() { ((INSTALLED_PY)) || { install_py; INSTALLED_PY=1; }; }

npm_version() { # <package> (read package.json directly: some packages do not export it)
  (cd "$CT" && node -p "JSON.parse(require('fs').readFileSync('node_modules/$1/package.json', 'utf8')).version")
}

cmd_install() {
  step "install"
  ensure_node
  ensure_py
  info "schemathesis $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))')," \
    "spectral-cli $(npm_version @stoplight/spectral-cli)," \
    "spectral-owasp-ruleset $(npm_version @stoplight/spectral-owasp-ruleset)"
}

# --- lint -----------------------------------------------------------------------------------

cmd_lint() {
  ensure_node
  step "lint: Spectral (spectral:oas + OWASP API Security Top 10 2023) on $SPEC_REL"
  [[ -s $SPEC ]] || die "contract not found: $SPEC"
  # Run from contract-tests/: the ruleset's overrides name the contract by its path relative to
  # the ruleset (../openapi/openapi.json).
  local rc=0
  (cd "$CT" && node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error \
    --display-only-failures=false "../$SPEC_REL") || rc=$?
  if ((rc != 0)); then
    printf '%s\n' "$(bad "Spectral found errors in $SPEC_REL") (warnings are accepted; see contract-tests/README.md)" >&2
    return 1
  fi
  info "$(ok 'no Spectral errors')"
}

# --- breaking -------------------------------------------------------------------------------

cmd_breaking() {
  ensure_py
  step "breaking: tests of the breaking-change checker"
  (cd "$CT/breaking" && PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    test_oas_breaking.py) || { printf '%s\n' "$(bad 'the breaking-change checker fails its own tests')" >&2; return 1; }

  local base_ref=${CONTRACT_BASE_REF:-}
  if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    warn "not a git checkout: no previous contract to compare with; breaking-change check skipped"
    return 0
  fi
  if [[ -z $base_ref ]]; then
    # The contract being committed is compared with the last committed one: with uncommitted
    # changes to the contract that is HEAD, otherwise HEAD is the commit under test and its
    # parent the base (a fresh clone in CI).
    if ! git -C "$ROOT" diff --quiet HEAD -- "$SPEC_REL" 2>/dev/null; then base_ref=HEAD; else base_ref=HEAD~1; fi
  fi
  step "breaking: $SPEC_REL at $base_ref -> working tree"
  if ! git -C "$ROOT" rev-parse --verify --quiet "$base_ref^{commit}" >/dev/null; then
    if [[ $base_ref == HEAD~1 && $(git -C "$ROOT" rev-parse --is-shallow-repository) == true ]]; then
      # A shallow clone: fetch one more commit if a remote answers; otherwise the check cannot
      # run here. That is said loudly but does not fail the build: a clone's depth is the CI's
      # setting, not a property of the change (set fetch-depth: 2 to have the check in CI).
      git -C "$ROOT" fetch --quiet --deepen=1 2>/dev/null || true
      if ! git -C "$ROOT" rev-parse --verify --quiet "$base_ref^{commit}" >/dev/null; then
        warn "shallow clone: $base_ref is not available (fetch at least 2 commits, e.g. actions/checkout fetch-depth: 2); breaking-change check SKIPPED"
        return 0
      fi
    fi
    if [[ -z ${CONTRACT_BASE_REF:-} && $base_ref == HEAD~1 ]]; then
      info "HEAD is the first commit: no previous contract, nothing to compare"
      return 0
    fi
    printf '%s\n' "$(bad "CONTRACT_BASE_REF=$base_ref is not a commit")" >&2
    return 1
  fi
  local tmp
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/isu-contract-breaking.XXXXXX")
  TMP_DIRS+=("$tmp")
  if ! git -C "$ROOT" show "$base_ref:$SPEC_REL" >"$tmp/base.json" 2>/dev/null; then
    info "$SPEC_REL does not exist at $base_ref: nothing to compare"
    return 0
  fi
  local rc=0
  PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" "$CT/breaking/oas_breaking.py" \
    --base "$tmp/base.json" --base-label "$SPEC_REL@$base_ref" \
    --new "$SPEC" --new-label "$SPEC_REL (working tree)" \
    --changelog "$ROOT/CHANGELOG.md" || rc=$?
  ((rc == 0)) || return 1
}

# --- fuzz -----------------------------------------------------------------------------------

SERVER_PID='' RUN_DIR=''
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

json_field() { # <file> <python expression over `d`>
  "$VENV/bin/python" -c 'import json, sys
d = json.load(open(sys.argv[1]))
v = eval(sys.argv[2], {"d": d})
assert isinstance(v, str) and v, f"missing value: {sys.argv[2]}"
print(v)' "$1" "$2"
}

# isu clients create ... before the server starts; sets NEW_ID and NEW_SECRET.
cli_client() { # <bin> <db url> <name> <role> [extra args]
  local bin=$1 db=$2 name=$3 role=$4
  shift 4
  local out=$RUN_DIR/client-$name.json
  if ! (cd "$RUN_DIR" && NO_COLOR=1 "$bin" clients --database-url "$db" create --name "$name" --role "$role" "$@") \
    >"$out" 2>"$RUN_DIR/clients-create.log" </dev/null; then
    cat "$RUN_DIR/clients-create.log" >&2
    die "isu clients create --name $name --role $role failed"
  fi
  NEW_ID=$(json_field "$out" 'd["client_id"]') || die "isu clients create printed no client_id ($out)"
  NEW_SECRET=$(json_field "$out" 'd["client_secret"]') || die "isu clients create printed no client_secret ($out)"
  rm -f -- "$out"
}

# Role credentials: ROLE_ID[role], ROLE_SECRET[role], ROLE_UNIT[role].
declare -A ROLE_ID=() ROLE_SECRET=() ROLE_UNIT=()
SACRIFICIAL_ID=''
BASE_URL=''

start_local_server() {
  local bin=${ISU_BIN:-$ROOT/target/debug/isu}
  if [[ $bin != */* ]]; then
    bin=$(command -v -- "$bin" || true)
  elif [[ $bin != /* ]]; then
    bin=$PWD/$bin
  fi
  [[ -n $bin && -f $bin && -x $bin ]] \
    || die "server binary not found or not executable: ${ISU_BIN:-$ROOT/target/debug/isu}
       build it first: cargo build -p isu-api --bin isu   (or set ISU_BIN, or CONTRACT_BASE_URL for a running server)"
  command -v curl >/dev/null 2>&1 || die "curl is required to probe the server"

  RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/isu-contract-tests.XXXXXX")
  local db=sqlite:$RUN_DIR/isu-contract-tests.db

  # Clients created with the CLI before the server starts (so it bootstraps no admin of its own).
  step "create clients (isu clients create): admin, region_analyst, analyst"
  cli_client "$bin" "$db" contract-tests-admin admin
  ROLE_ID[admin]=$NEW_ID ROLE_SECRET[admin]=$NEW_SECRET
  cli_client "$bin" "$db" contract-tests-region-analyst region_analyst --region fou-valfard-gavleborg
  ROLE_ID[region_analyst]=$NEW_ID ROLE_SECRET[region_analyst]=$NEW_SECRET
  cli_client "$bin" "$db" contract-tests-analyst analyst
  ROLE_ID[analyst]=$NEW_ID ROLE_SECRET[analyst]=$NEW_SECRET

  local port
  port=$(free_port)
  BASE_URL=http://127.0.0.1:$port
  step "start server: ${bin#"$ROOT"/} serve on 127.0.0.1:$port (temp dir $RUN_DIR)"
  (
    cd "$RUN_DIR"
    unset ISU_JWT_KEYS
    export NO_COLOR=1 ISU_ENV=development ISU_LOG=${ISU_LOG:-info}
    # Rate limits and the failed-token throttle raised so the fuzzer is not throttled (429 is
    # still documented and accepted wherever it occurs).
    exec "$bin" serve --bind "127.0.0.1:$port" --database-url "$db" --dev-key "$RUN_DIR/dev-key.pem" \
      --rate-limit-per-second 100000 --rate-limit-burst 100000 --token-failures-per-minute 100000 \
      --token-failures-per-address-per-minute 100000
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
    code=$(http_status "$BASE_URL/healthz")
    [[ $code == 200 ]] && break
    if ((SECONDS >= deadline)); then
      show_server_log
      die "GET $BASE_URL/healthz did not answer 200 within ${HEALTH_TIMEOUT_SECS}s (last status: ${code:-none})"
    fi
    sleep 0.2
  done
  info "server is healthy (pid $SERVER_PID)"

  step "provision through the admin API: a unit in Söderhamn (2182), its vendor client, a sacrificial client"
  if ! CONTRACT_ADMIN_CLIENT_ID=${ROLE_ID[admin]} CONTRACT_ADMIN_CLIENT_SECRET=${ROLE_SECRET[admin]} \
    "$VENV/bin/python" "$CT/fuzz/provision.py" "$BASE_URL" >"$RUN_DIR/provision.json"; then
    show_server_log 40
    die "provisioning failed"
  fi
  ROLE_UNIT[vendor]=$(json_field "$RUN_DIR/provision.json" 'd["unit_id"]')
  ROLE_ID[vendor]=$(json_field "$RUN_DIR/provision.json" 'd["vendor"]["client_id"]')
  ROLE_SECRET[vendor]=$(json_field "$RUN_DIR/provision.json" 'd["vendor"]["client_secret"]')
  SACRIFICIAL_ID=$(json_field "$RUN_DIR/provision.json" 'd["sacrificial_client_id"]')
  rm -f -- "$RUN_DIR/provision.json"
  info "unit ${ROLE_UNIT[vendor]}; clients: admin ${ROLE_ID[admin]}, vendor ${ROLE_ID[vendor]}," \
    "region_analyst ${ROLE_ID[region_analyst]}, analyst ${ROLE_ID[analyst]}"
}

external_credentials() {
  local role var
  for role in vendor registrar region_analyst analyst admin; do
    var=CONTRACT_${role^^}_CLIENT_ID
    if [[ -n ${!var:-} ]]; then
      ROLE_ID[$role]=${!var}
      var=CONTRACT_${role^^}_CLIENT_SECRET
      [[ -n ${!var:-} ]] || die "CONTRACT_${role^^}_CLIENT_ID is set but $var is not"
      ROLE_SECRET[$role]=${!var}
      var=CONTRACT_${role^^}_UNIT_ID
      ROLE_UNIT[$role]=${!var:-}
    fi
  done
}

# The per-run Schemathesis config: the committed one, plus generated dictionaries:
#  - when the role has a unit, `unit_id` path parameters name that unit most of the time, so that
#    case operations reach their handlers instead of answering 404 for random ids;
#  - on the local server only (throwaway clients), the token endpoint's form fields `client_id`
#    and `client_secret` usually carry the role's own credentials (and `grant_type` the one
#    supported grant), so that POST /oauth/token is also fuzzed on its success path. Never
#    against CONTRACT_BASE_URL: the file lands in the reports, and failed token requests for a
#    real client id count towards its throttle.
write_run_config() { # <role> <file>
  local role=$1 file=$2 params=()
  cp -- "$CT/schemathesis.toml" "$file"
  {
    printf '\n# --- generated by scripts/contract-tests.sh for the %s run ---\n' "$role"
    if [[ -n ${ROLE_UNIT[$role]:-} ]]; then
      printf '[dictionaries.own_unit]\nvalues = ["%s"]\n\n' "${ROLE_UNIT[$role]}"
      params+=('"path.unit_id" = { dictionary = "own_unit", probability = 0.8 }')
    fi
    if [[ -n $RUN_DIR ]]; then
      printf '[dictionaries.own_client_id]\nvalues = ["%s"]\n\n' "${ROLE_ID[$role]}"
      printf '[dictionaries.own_client_secret]\nvalues = ["%s"]\n\n' "${ROLE_SECRET[$role]}"
      params+=('"body.client_id" = { dictionary = "own_client_id", probability = 0.9 }')
      params+=('"body.client_secret" = { dictionary = "own_client_secret", probability = 0.9 }')
      printf '[dictionaries.grant_type]\nvalues = ["client_credentials"]\n\n'
      params+=('"body.grant_type" = { dictionary = "grant_type", probability = 0.9 }')
    fi
    if ((${#params[@]})); then
      printf '[parameters]\n'
      printf '%s\n' "${params[@]}"
    fi
  } >>"$file"
}

# Failures and errors of a JUnit report: "<failures> <errors> <tests>".
junit_counts() {
  "$VENV/bin/python" - "$1" <<'EOF'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print("? ? ?")
    raise SystemExit
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
f = sum(int(s.get("failures", 0)) for s in suites)
e = sum(int(s.get("errors", 0)) for s in suites)
t = sum(int(s.get("tests", 0)) for s in suites)
print(f, e, t)
EOF
}

FUZZ_RESULTS=()

fuzz_role() { # <role>
  local role=$1 start=$SECONDS rc=0
  local cfg=$REPORT_DIR/$role.schemathesis.toml junit=$REPORT_DIR/$role.junit.xml
  write_run_config "$role" "$cfg"
  step "fuzz as $role (client ${ROLE_ID[$role]}${ROLE_UNIT[$role]:+, unit ${ROLE_UNIT[$role]}})"
  local protected
  protected=$(IFS=,; echo "${ROLE_ID[*]}")
  # Run from the report directory: Schemathesis and Hypothesis write caches (.hypothesis/, ...)
  # into the working directory, and they belong with the reports, not in the repository.
  (cd "$REPORT_DIR" && CONTRACT_CLIENT_ID=${ROLE_ID[$role]} CONTRACT_CLIENT_SECRET=${ROLE_SECRET[$role]} \
    CONTRACT_PROTECTED_CLIENT_IDS=$protected CONTRACT_SACRIFICIAL_CLIENT_ID=$SACRIFICIAL_ID \
    CONTRACT_FUZZ_LOG=$REPORT_DIR/$role.requests.jsonl \
    SCHEMATHESIS_HOOKS=$CT/fuzz/hooks.py PYTHONDONTWRITEBYTECODE=1 \
    "$VENV/bin/st" --config-file "$cfg" ${NO_COLOR:+--no-color} run "$SPEC" \
    --url "$BASE_URL" \
    --checks all \
    --max-examples "$MAX_EXAMPLES" \
    --continue-on-failure \
    --seed "$SEED" \
    --workers "$WORKERS" \
    --generation-database none \
    --request-timeout 30 \
    --report junit,ndjson \
    --report-junit-path "$junit" \
    --report-ndjson-path "$REPORT_DIR/$role.ndjson" \
    --report-dir "$REPORT_DIR" \
    2>&1) | tee "$REPORT_DIR/$role.log" || rc=$?
  local counts
  counts=$(junit_counts "$junit")
  FUZZ_RESULTS+=("$role|$rc|$counts|$((SECONDS - start))")
  if [[ -n $SERVER_PID ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
    show_server_log 80
    die "the server died during the $role run"
  fi
  return "$rc"
}

cmd_fuzz() {
  ensure_py
  step "fuzz: tests of the Schemathesis hooks"
  (cd "$CT/fuzz" && PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" -m pytest -q -p no:cacheprovider test_hooks.py) \
    || { printf '%s\n' "$(bad 'the fuzzing hooks fail their own tests')" >&2; return 1; }
  MAX_EXAMPLES=${CONTRACT_MAX_EXAMPLES:-50}
  WORKERS=${CONTRACT_WORKERS:-1}
  SEED=${CONTRACT_SEED:-$("$VENV/bin/python" -c 'import secrets; print(secrets.randbits(64))')}
  mkdir -p "$REPORT_DIR"
  rm -f -- "$REPORT_DIR"/*.junit.xml "$REPORT_DIR"/*.ndjson "$REPORT_DIR"/*.log "$REPORT_DIR"/*.schemathesis.toml \
    "$REPORT_DIR"/*.requests.jsonl "$REPORT_DIR"/panics.txt "$REPORT_DIR"/findings.txt "$REPORT_DIR"/server.log
  rm -rf -- "$REPORT_DIR/schemathesis-cache"
  export CONTRACT_REPORT_DIR=$REPORT_DIR # the cache directory in schemathesis.toml

  local external=0
  if [[ -n ${CONTRACT_BASE_URL:-} ]]; then
    external=1
    BASE_URL=${CONTRACT_BASE_URL%/}
    step "fuzz the deployment at CONTRACT_BASE_URL=$BASE_URL (not starting a server)"
    external_credentials
  else
    start_local_server
  fi

  local roles role any=0 rc=0 entry counts name status f e t secs
  roles=${CONTRACT_ROLES:-vendor region_analyst analyst admin}
  info "seed $SEED, $MAX_EXAMPLES examples per operation and phase, $WORKERS workers; reports in ${REPORT_DIR#"$ROOT"/}/"
  for role in $roles; do
    case $role in vendor | registrar | region_analyst | analyst | admin) ;; *) die "unknown role in CONTRACT_ROLES: $role" ;; esac
    if [[ -z ${ROLE_ID[$role]:-} ]]; then
      if ((external)); then
        warn "no CONTRACT_${role^^}_CLIENT_ID/_SECRET: the $role run is skipped"
        FUZZ_RESULTS+=("$role|skip|- - -|0")
        continue
      fi
      die "no client for role $role"
    fi
    any=1
    fuzz_role "$role" || rc=1
  done
  ((any)) || die "no role to fuzz (set CONTRACT_<ROLE>_CLIENT_ID/_SECRET; see contract-tests/README.md)"

  if [[ -n $RUN_DIR && -f $RUN_DIR/server.log ]]; then
    cp -- "$RUN_DIR/server.log" "$REPORT_DIR/server.log"
    # A panic is a bug even when the response was a documented status.
    if grep -n 'panicked at' "$RUN_DIR/server.log" >"$REPORT_DIR/panics.txt" || { rm -f -- "$REPORT_DIR/panics.txt"; false; }; then
      warn "the server panicked during the run:"
      head -n 20 "$REPORT_DIR/panics.txt" >&2
      FUZZ_RESULTS+=("server log|1|panics: $(wc -l <"$REPORT_DIR/panics.txt") - -|0")
      rc=1
    fi
  fi

  local ran=()
  for entry in "${FUZZ_RESULTS[@]}"; do
    IFS='|' read -r name status _ <<<"$entry"
    [[ $status == skip || $name == "server log" ]] || ran+=("$name")
  done
  if ((rc != 0 && ${#ran[@]} > 0)); then
    step "distinct failures of all roles (details: ${REPORT_DIR#"$ROOT"/}/findings.txt; requests and curl commands: <role>.log)"
    "$VENV/bin/python" "$CT/fuzz/findings.py" "$REPORT_DIR" "${ran[@]}" >"$REPORT_DIR/findings.txt" || true
    "$VENV/bin/python" "$CT/fuzz/findings.py" --compact "$REPORT_DIR" "${ran[@]}" || true
  fi

  if ((${#ran[@]} > 0)); then
    local unreached
    unreached=$("$VENV/bin/python" "$CT/fuzz/findings.py" --unreached "$REPORT_DIR" "${ran[@]}" || true)
    if [[ -n $unreached ]]; then
      warn "no run got a 2xx answer from these operations (their success path went untested):"
      printf '%s\n' "$unreached" >&2
    fi
  fi

  step "fuzz summary (seed $SEED; repeat with CONTRACT_SEED=$SEED)"
  for entry in "${FUZZ_RESULTS[@]}"; do
    IFS='|' read -r name status counts secs <<<"$entry"
    read -r f e t <<<"$counts"
    case $status in
      0) info "$(printf '%-15s' "$name") $(ok passed)  ($t test cases, ${secs}s)" ;;
      skip) info "$(printf '%-15s' "$name") skipped (no credentials)" ;;
      *) info "$(printf '%-15s' "$name") $(bad FAILED)  ($f failures, $e errors in $t test cases, ${secs}s; see ${REPORT_DIR#"$ROOT"/}/$name.log)" ;;
    esac
  done
  ((rc == 0)) || { printf '%s\n' "$(bad 'contract fuzzing found failures') (each is printed above with its operation and a curl command)" >&2; return 1; }
}

# --- all ------------------------------------------------------------------------------------

cmd_all() {
  local start=$SECONDS name rc
  local -a names=() rcs=()
  cmd_install
  for name in lint breaking fuzz; do
    rc=0
    "cmd_$name" || rc=$?
    names+=("$name") rcs+=("$rc")
    cleanup_run
  done
  step "contract tests: summary ($((SECONDS - start)) s)"
  local i failed=0
  for i in "${!names[@]}"; do
    if ((rcs[i] == 0)); then
      info "$(printf '%-9s' "${names[i]}") $(ok passed)"
    else
      info "$(printf '%-9s' "${names[i]}") $(bad FAILED)"
      failed=1
    fi
  done
  ((failed == 0)) || die "contract tests failed"
}

# --- lock -----------------------------------------------------------------------------------

cmd_lock() {
  local py tools
  py=$(find_python)
  tools=$(mktemp -d "${TMPDIR:-/tmp}/isu-pip-tools.XXXXXX")
  TMP_DIRS+=("$tools")
  step "pip-compile (pip-tools $PIP_TOOLS_VERSION) contract-tests/requirements.in -> requirements.lock"
  "$py" -m venv "$tools/venv"
  "$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools==$PIP_TOOLS_VERSION"
  (cd "$CT" && CUSTOM_COMPILE_COMMAND="scripts/contract-tests.sh lock" \
    "$tools/venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --output-file requirements.lock "$@" requirements.in)
  info "updated contract-tests/requirements.lock; run: scripts/contract-tests.sh install"
}

# --- main -----------------------------------------------------------------------------------

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
    lint) cmd_lint ;;
    breaking) cmd_breaking ;;
    fuzz) cmd_fuzz ;;
    all) cmd_all ;;
    lock) cmd_lock "$@" ;;
    -h | --help | help) usage ;;
    '') usage >&2; exit 2 ;;
    *) die "unknown command: $cmd (see: scripts/contract-tests.sh --help)" ;;
  esac
}

main "$@"
