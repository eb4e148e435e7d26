# Shared by scripts/client-tests.sh and scripts/contract-tests.sh: stopping the live `isu`
# server they start and cleaning up after it. Expects SERVER_PID, RUN_DIR and the callers'
# info/warn helpers and colour variables (C_BOLD, C_OFF).
# shellcheck shell=bash

stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do # up to 10 s for a graceful shutdown
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      warn "server (pid $SERVER_PID) did not stop within 10 s; killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=''
}

cleanup_run() {
  stop_server
  if [[ -n $RUN_DIR && -d $RUN_DIR ]]; then
    if [[ ${KEEP_TMP:-0} == 1 ]]; then
      info "kept server temp dir: $RUN_DIR"
    else
      rm -rf -- "$RUN_DIR"
    fi
  fi
  RUN_DIR=''
}

show_server_log() { # [last N lines]
  [[ -n $RUN_DIR && -f $RUN_DIR/server.log ]] || return 0
  if [[ -n ${1:-} ]]; then
    printf '%s---- server log (last %s lines) ----%s\n' "$C_BOLD" "$1" "$C_OFF" >&2
    tail -n "$1" "$RUN_DIR/server.log" >&2
  else
    printf '%s---- server log ----%s\n' "$C_BOLD" "$C_OFF" >&2
    cat "$RUN_DIR/server.log" >&2
  fi
  printf '%s---- end of server log ----%s\n' "$C_BOLD" "$C_OFF" >&2
}
