#!/usr/bin/env bash
# Flood: attacks a fresh `opmock serve` on loopback (bounded) and prints the figures bench/README.md records.
# Usage: bench/flood.sh [connections] [bodies]   (defaults 6000 and 1000; needs python3)
#        bench/flood.sh soak                     (bench/flood_soak.py: a 40k-connection flood, then RSS for a minute;
#                                                 1000 slow readers pipelining 2000 requests each while new clients
#                                                 are timed; 1500 bodies that stall late. Env FLOOD, READERS,
#                                                 PIPELINED, STALLERS (0 skips a phase); FD_LIMIT defaults to 20000;
#                                                 then bench/flood_state.py: state in bytes, 1 MB writes in 300
#                                                 sessions, the byte budgets, RSS after a reset; STATE=0 skips it)
#        bench/flood.sh state                    (that state-bytes round alone; STATE_STORE=redis://… for Redis)
# The server runs with an fd limit of FD_LIMIT (default 4096: its connection cap is (4096-256)/2 = 1920 per port, a
# quarter of it per client address); the flood opens more connections than that from one address. Exit 1 if the
# process died or the next valid request failed. The proxy's timeout under a dribbling target is bench/flood-proxy.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS="${1:-6000}"
BODIES="${2:-1000}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

. bench/serve.sh
# The state-bytes round on the write docs; STATE_STORE=redis://HOST:PORT/DB keeps the state in that Redis instead.
state_round() {
  write_docs
  SERVE_ARGS="--docs $WORK/docs --overrides $WORK/overrides.yaml${STATE_STORE:+ --state $STATE_STORE}" start_serve
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); state: ${STATE_STORE:-memory}"
  python3 -u bench/flood_state.py "$DIRECT" "$SERVER_PID"
}
# The fd limit applies to the server only: a shell sets it, then becomes dotnet.
if [ "${1:-}" = soak ]; then
  start_serve sh -c 'ulimit -n "$0" && exec "$@"' "${FD_LIMIT:-20000}"
  curl -s -o /dev/null -X POST "$DIRECT/op/v2/getChatInfoByUserId" -H 'Content-Type: application/json' -d '{"userId":"u0001warm"}'
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server fd limit $(awk '/Max open files/ {print $4}' /proc/$SERVER_PID/limits)"
  SOAK=0
  python3 -u bench/flood_soak.py "$DIRECT" "$SERVER_PID" || SOAK=$?
  # The state-bytes round (issue 31.1) on a server of its own, on the write docs: STATE=0 skips it.
  if [ "${STATE:-1}" != 0 ]; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    state_round || SOAK=$?
  fi
  exit $SOAK
fi
if [ "${1:-}" = state ]; then
  state_round
  exit $?
fi
start_serve sh -c 'ulimit -n "$0" && exec "$@"' "${FD_LIMIT:-4096}"
fds() { ls "/proc/$SERVER_PID/fd" | wc -l; }
curl -s -o /dev/null -X POST "$DIRECT/op/v2/getChatInfoByUserId" -H 'Content-Type: application/json' -d '{"userId":"u0001warm"}'
echo "server: RSS $(rss_mb) MB at start, $(fds) fds, fd limit $(awk '/Max open files/ {print $4}' /proc/$SERVER_PID/limits)"

# The client prints PHASE lines and waits: the server's RSS is read between phases.
coproc CLIENT { python3 -u bench/flood.py "$DIRECT" "$APP" "$CONNECTIONS" "$BODIES"; }
CLIENT_PROCESS=$CLIENT_PID   # bash unsets CLIENT_PID once the client exits
while IFS= read -r line <&"${CLIENT[0]}"; do
  case "$line" in
    PHASE*)
      if kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "  [${line#PHASE }] server alive, RSS $(rss_mb) MB, $(fds) fds"
      else
        echo "  [${line#PHASE }] server DIED"; exit 1
      fi
      echo >&"${CLIENT[1]}";;
    *) echo "$line";;
  esac
done
wait "$CLIENT_PROCESS" 2>/dev/null || true
kill -0 "$SERVER_PID" 2>/dev/null || { echo "server DIED"; exit 1; }
CODE=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$DIRECT/op/v2/getChatInfoByUserId" -H 'Content-Type: application/json' -d '{"userId":"u0001last"}')
echo "server alive at the end, RSS $(rss_mb) MB; last valid request: $CODE"
[ "$CODE" = 200 ] || exit 1
