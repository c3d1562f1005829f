#!/usr/bin/env bash
# Where a request's time goes: `perf` over `opmock serve` (perf maps on) under one of the bench loads, by stage
# (bench/profile.py). Usage: bench/profile.sh reads|writes|transfer [seconds]   (repo root; needs wrk, perf, python3)
#   reads    — bench/post.lua: 2.36 with a new user per request, direct port
#   writes   — bench/actions.lua: 10 % writes across 100 sessions, direct port
#   transfer — the same through /opapp/transfer
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD="${1:-reads}"; DURATION="${2:-20}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
. bench/serve.sh

# Tiered compilation off: every method is fully optimised when first called, so a profile taken on a busy machine
# is not of the JIT still tiering up (the bench's warm-up is time-bound and does not finish it under load).
# ReadyToRun off: the framework's precompiled code has no perf-map names, so Kestrel's or LINQ's time would be
# charged to the OpMock frame that called it.
serve_write_docs DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_TieredCompilation="${TIERED:-0}" DOTNET_ReadyToRun="${R2R:-0}"
case "$LOAD" in
  reads) ARGS=(-s bench/post.lua "$DIRECT/op/v2/getChatInfoByUserId") ;;
  writes) ARGS=(-s bench/actions.lua "$DIRECT/") ;;
  transfer) export APP=1; ARGS=(-s bench/actions.lua "$APP/") ;;
  *) echo "reads, writes or transfer" >&2; exit 2 ;;
esac
wrk -t2 -c32 -d10s "${ARGS[@]}" >/dev/null   # warm-up: JIT tiering done
curl -s -o /dev/null -X POST "$DIRECT/__admin/opmock/reset"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $LOAD, wrk -t2 -c32, perf over ${DURATION} s"
wrk -t2 -c32 -d"$((DURATION + 2))s" "${ARGS[@]}" >"$WORK/wrk.txt" &
WRK=$!
sleep 1
perf record -F 1999 -g -p "$SERVER_PID" -o "$WORK/perf.data" -- sleep "$DURATION" >/dev/null 2>&1
wait "$WRK"
awk '/Requests\/sec/ {print "throughput under perf: " $2 " req/s"} /Non-2xx/ {print "non-2xx: " $5}' "$WORK/wrk.txt"
perf script -i "$WORK/perf.data" 2>/dev/null | python3 bench/profile.py
if [ -n "${KEEP:-}" ]; then perf script -i "$WORK/perf.data" 2>/dev/null >"$KEEP"; fi
