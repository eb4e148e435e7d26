#!/usr/bin/env bash
# The report page in a real browser: Debian's Chromium, headless.
#
# Usage: scripts/browser.sh <command>
#   install          install Debian's `chromium` when /usr/bin/chromium is missing (apt-get, as
#                    root; CI runs as root). Without root and without sudo it fails under CI=true
#                    and otherwise says loudly that the browser test will be skipped.
#   test             seed a demo into a temp SQLite database (`isu demo`), serve it, fetch a
#                    release's report page and the region analyst's internal page with curl and a
#                    token, then in headless Chromium: screenshot (a non-trivial PNG of the page),
#                    DOM dump (the page parsed: every diagram's SVG with its title, every figure,
#                    no script, no error text) and print to PDF (A4 pages).
#   screenshot OUT [HEIGHT]
#                    the same demo, and a screenshot of the report page's top, 1240 pixels wide
#                    and HEIGHT high (default 1754, A4's proportions), written to OUT (the README's
#                    picture: docs/images/report-page.png).
#
# Environment:
#   ISU_BIN          server binary (default: target/debug/isu; build it first)
#   CHROMIUM         browser binary (default: /usr/bin/chromium)
#   KEEP_TMP=1       keep the temp dir (database, pages, screenshot, PDF, logs)
#
# Chosen over a Rust test gated on the binary: the browser and its install belong to the
# project's scripts (CI installs it as root), and `make test` runs this after the cargo tests.
set -euo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
REGION=fou-valfard-gavleborg

step() { printf '==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

cmd_install() {
  if [[ -x $CHROMIUM ]]; then
    info "chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    return
  fi
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    elif [[ ${CI:-} == true ]]; then
      die "chromium is missing and this is not root: CI must run the browser test"
    else
      warn "chromium is missing and cannot be installed without root: the browser test will be SKIPPED"
      return
    fi
  fi
  step "apt-get install chromium"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium >/dev/null
  [[ -x $CHROMIUM ]] || die "apt-get install chromium did not provide $CHROMIUM"
  info "installed: $("$CHROMIUM" --version)"
}

TMP=''
SERVER_PID=''
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n $TMP && -d $TMP ]]; then
    if [[ ${KEEP_TMP:-0} == 1 ]]; then info "kept $TMP"; else rm -rf -- "$TMP"; fi
  fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Seeds the demo, serves it, and fetches the two pages into $TMP.
serve_demo_and_fetch() {
  local bin=${ISU_BIN:-$ROOT/target/debug/isu}
  [[ -x $bin ]] || die "server binary not found: $bin (build it: cargo build -p isu-api --bin isu)"
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/isu-browser.XXXXXX")
  local port db=sqlite:$TMP/demo.db
  port=$(free_port)
  step "isu demo into a temp database"
  (cd "$TMP" && ISU_LOG=warn "$bin" demo --database-url "$db" --dev-key "$TMP/dev-key.pem" \
    --base-url "http://127.0.0.1:$port" --regions "$REGION" --years 2024 --no-national \
    --json "$TMP/demo.json") >"$TMP/demo.log" 2>&1 || { cat "$TMP/demo.log" >&2; die "isu demo failed"; }
  step "isu serve on 127.0.0.1:$port"
  (cd "$TMP" && unset ISU_JWT_KEYS && exec env ISU_LOG=warn NO_COLOR=1 "$bin" serve --bind "127.0.0.1:$port" \
    --database-url "$db" --dev-key "$TMP/dev-key.pem") >"$TMP/server.log" 2>&1 </dev/null &
  SERVER_PID=$!
  local deadline=$((SECONDS + 60))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true) == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; die "the server exited"; }
    ((SECONDS < deadline)) || die "the server did not become healthy within 60 s"
    sleep 0.2
  done
  local analyst region_analyst release
  analyst=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(c["access_token"] for c in d["clients"] if c["role"]=="analyst"))' "$TMP/demo.json")
  region_analyst=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(c["access_token"] for c in d["clients"] if c["role"]=="region_analyst"))' "$TMP/demo.json")
  release=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["releases"][-1]["id"])' "$TMP/demo.json")
  step "GET /v1/releases/$release/report (analyst)"
  local type
  type=$(curl -s -o "$TMP/report.html" -w '%{http_code} %{content_type}' -H "Authorization: Bearer $analyst" \
    "http://127.0.0.1:$port/v1/releases/$release/report")
  [[ $type == "200 text/html; charset=utf-8" ]] || die "report page: $type"
  info "$(wc -c <"$TMP/report.html") bytes"
  step "GET /v1/reports/su-x/page (region analyst)"
  type=$(curl -s -o "$TMP/internal.html" -w '%{http_code} %{content_type}' -H "Authorization: Bearer $region_analyst" \
    "http://127.0.0.1:$port/v1/reports/su-x/page?region=$REGION&year=2024")
  [[ $type == "200 text/html; charset=utf-8" ]] || die "internal page: $type"
}

chromium() { # <profile dir> <args...>
  local profile=$1
  shift
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>>"$TMP/chromium.log"
}

screenshot() { # <page.html> <out.png> [height]
  chromium "$(mktemp -d "$TMP/profile.XXXX")" --hide-scrollbars --screenshot="$2" --window-size="1240,${3:-1754}" \
    "file://$1" >/dev/null
}

# Checks one page in the browser: screenshot, DOM, PDF. <page.html> <name> <expected audience>
check_page() {
  local page=$1 name=$2 audience=$3
  step "$name: screenshot"
  screenshot "$page" "$TMP/$name.png"
  # The baseline a blank screenshot is measured against: an empty page, taken the same way.
  printf '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>tom</title></head><body></body></html>' >"$TMP/blank.html"
  screenshot "$TMP/blank.html" "$TMP/$name.png.blank.png"
  step "$name: DOM dump"
  chromium "$(mktemp -d "$TMP/profile.XXXX")" --dump-dom "file://$page" >"$TMP/$name.dom.html"
  step "$name: print to PDF"
  chromium "$(mktemp -d "$TMP/profile.XXXX")" --no-pdf-header-footer --print-to-pdf="$TMP/$name.pdf" "file://$page" >/dev/null
  python3 "$ROOT/scripts/lib/check_page.py" "$page" "$TMP/$name.dom.html" "$TMP/$name.png" "$TMP/$name.pdf" "$audience"
}

cmd_test() {
  [[ -x $CHROMIUM ]] || {
    [[ ${CI:-} == true ]] && die "chromium is missing (run scripts/browser.sh install)"
    warn "chromium is missing: the browser test is SKIPPED (scripts/browser.sh install)"
    return
  }
  local start=$SECONDS
  serve_demo_and_fetch
  check_page "$TMP/report.html" report published
  check_page "$TMP/internal.html" internal internal
  step "browser test passed in $((SECONDS - start)) s"
}

cmd_screenshot() {
  local out=${1:?usage: scripts/browser.sh screenshot OUT.png [HEIGHT]} height=${2:-1754}
  [[ $out == /* ]] || out=$PWD/$out
  [[ -x $CHROMIUM ]] || die "chromium is missing (run scripts/browser.sh install)"
  serve_demo_and_fetch
  screenshot "$TMP/report.html" "$out" "$height"
  info "wrote $out ($(wc -c <"$TMP/report.html") bytes of HTML)"
}

case ${1:-} in
  install) cmd_install ;;
  test) cmd_test ;;
  screenshot) shift; cmd_screenshot "$@" ;;
  *) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac
