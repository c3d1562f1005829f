#!/usr/bin/env bash
# Soak under floods (issue 16: 3, 7): a fresh `opmock serve` (Release) on loopback, attacked by bench/flood_soak.py:
# a 40k-connection flood (RSS back under 400 MB within a minute after it), 1000 slow readers pipelining 2000
# requests each (new clients answered within a second meanwhile), 1500 bodies that stall late (figures recorded).
# Usage: bench/flood-soak.sh   (env: FD_LIMIT, default 20000; FLOOD, READERS, PIPELINED, STALLERS; 0 skips a phase)
# Exit 1 if a goal failed or the server died. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

. bench/serve.sh
start_serve sh -c 'ulimit -n "$0" && exec "$@"' "${FD_LIMIT:-20000}"
curl -s -o /dev/null -X POST "$DIRECT/op/v2/getChatInfoByUserId" -H 'Content-Type: application/json' -d '{"userId":"u0001warm"}'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server fd limit $(awk '/Max open files/ {print $4}' /proc/$SERVER_PID/limits)"
python3 -u bench/flood_soak.py "$DIRECT" "$SERVER_PID"
