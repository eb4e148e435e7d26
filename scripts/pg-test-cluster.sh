#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#   scripts/pg-test-cluster.sh start   -> prints TEST_DATABASE_URL=… on stdout (last line)
#   scripts/pg-test-cluster.sh stop DIR
# PG_TEST_SYNCHRONOUS_COMMIT=on keeps every acknowledged commit across a crash (the crash drill
# counts records; the default, off, may lose the last moment's commits when the server is killed).
# Outage drills (api/tests/api/outage.rs) on a cluster started here:
#   scripts/pg-test-cluster.sh crash DIR    -> `pg_ctl stop -m immediate` (every connection dies)
#   scripts/pg-test-cluster.sh restart DIR  -> start it again on the same port
#   scripts/pg-test-cluster.sh freeze DIR   -> SIGSTOP the postmaster and its backends (a hung server)
#   scripts/pg-test-cluster.sh thaw DIR     -> SIGCONT them
# Finds the server binaries via `pg_config --bindir` or /usr/lib/postgresql/*/bin. initdb refuses
# to run as root, so as root the cluster runs as user `postgres`. Durability is switched off: the
# data is thrown away.
set -euo pipefail

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}

start_server() {
  local bindir=$1 dir=$2 port=$3 sync
  sync=$(cat "$dir/synchronous_commit")
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=$sync -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

# The postmaster and every process it started (backends, background workers).
cluster_pids() {
  local dir=$1 postmaster
  postmaster=$(head -n 1 "$dir/data/postmaster.pid")
  echo "$postmaster"
  pgrep -P "$postmaster" || true
}

case "${1:-}" in
  available)
    find_bindir >/dev/null
    ;;
  start)
    bindir=$(find_bindir) || { echo "PostgreSQL server binaries not found" >&2; exit 3; }
    dir=$(mktemp -d /tmp/isu-pg.XXXXXX)
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    port=$(free_port)
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "${PG_TEST_SYNCHRONOUS_COMMIT:-off}" >"$dir/synchronous_commit"
    start_server "$bindir" "$dir" "$port"
    echo "PG_TEST_DIR=$dir"
    echo "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    bindir=$(find_bindir) || exit 0
    if [ -d "$dir/data" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  crash)
    dir=${2:?usage: crash DIR}
    bindir=$(find_bindir)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  restart)
    dir=${2:?usage: restart DIR}
    bindir=$(find_bindir)
    start_server "$bindir" "$dir" "$(cat "$dir/port")"
    ;;
  freeze)
    dir=${2:?usage: freeze DIR}
    # The postmaster first, so that it starts no process that would escape the freeze.
    for pid in $(cluster_pids "$dir"); do kill -STOP "$pid"; done
    ;;
  thaw)
    dir=${2:?usage: thaw DIR}
    for pid in $(cluster_pids "$dir"); do kill -CONT "$pid"; done
    ;;
  *)
    echo "usage: $0 available|start|stop|crash|restart|freeze|thaw DIR" >&2
    exit 2
    ;;
esac
