#!/usr/bin/env bash
# Soak: valid and invalid requests mixed under load for a bounded time, on loopback only.
# Usage: bench/soak.sh [duration-seconds]   (from anywhere; needs wrk; default 180 s)
# Fails (exit 1) if any valid request failed, any answer was a 5xx, or RSS grew more than 20% from the
# sample after warm-up to the last one.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-180}"
case "$DURATION" in ''|*[!0-9]*) echo "duration must be whole seconds, got '$DURATION'" >&2; exit 2;; esac
[ "$DURATION" -ge 20 ] || { echo "duration must be at least 20 s" >&2; exit 2; }
SAMPLE_EVERY=10
WARMUP=$(( DURATION / 6 < 30 ? DURATION / 6 : 30 ))   # 30 s, or a sixth of a short run
MAX_GROWTH_PCT=20
WORK="$(mktemp -d)"
SERVER_PID=""
WRK_PIDS=()
cleanup() {
  for p in "${WRK_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

. bench/serve.sh
start_serve

# One connection per thread (see soak.lua); two processes, so both ports take load at once.
MODE=direct wrk -t3 -c3 -d"${DURATION}s" --timeout 10s -s bench/soak.lua "$DIRECT/" >"$WORK/direct.txt" 2>&1 &
WRK_PIDS+=($!)
MODE=app wrk -t2 -c2 -d"${DURATION}s" --timeout 10s -s bench/soak.lua "$APP/" >"$WORK/app.txt" 2>&1 &
WRK_PIDS+=($!)

# RSS every SAMPLE_EVERY seconds while wrk runs: a bounded number of samples.
SAMPLES=()
for i in $(seq 0 $(( DURATION / SAMPLE_EVERY ))); do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server died" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  SAMPLES+=("$(( i * SAMPLE_EVERY )):$(rss_mb)")
  if [ "$i" -lt $(( DURATION / SAMPLE_EVERY )) ]; then sleep "$SAMPLE_EVERY"; fi
done
for p in "${WRK_PIDS[@]}"; do wait "$p"; done
WRK_PIDS=()
SAMPLES+=("end:$(rss_mb)")

total() { # key → the sum over both wrk runs
  awk -F= -v k="$1" '$1 == k { s += $2 } END { print s + 0 }' "$WORK/direct.txt" "$WORK/app.txt"
}
for f in direct app; do
  grep -q '^valid_sent=' "$WORK/$f.txt" || { echo "wrk ($f) printed no totals:" >&2; cat "$WORK/$f.txt" >&2; exit 2; }
done
valid_sent=$(total valid_sent); valid_ok=$(total valid_ok); valid_failed=$(total valid_failed)
invalid_sent=$(total invalid_sent); invalid_4xx=$(total invalid_4xx); invalid_other=$(total invalid_other)
status_5xx=$(total status_5xx); socket_errors=$(total socket_errors)
in_flight=$(( $(total in_flight_valid) + $(total in_flight_invalid) ))
# A valid request with no answer (its connection broke) failed too, unless it was in flight at the end.
valid_lost=$(( valid_sent - valid_ok - valid_failed - $(total in_flight_valid) ))
invalid_lost=$(( invalid_sent - invalid_4xx - invalid_other - $(total in_flight_invalid) ))

rss_values=$(printf '%s\n' "${SAMPLES[@]}" | cut -d: -f2)
rss_first=$(echo "$rss_values" | head -1)
rss_last=$(echo "$rss_values" | tail -1)
rss_max=$(echo "$rss_values" | sort -n | tail -1)
rss_warm=$(printf '%s\n' "${SAMPLES[@]}" | awk -F: -v w="$WARMUP" '$1 != "end" && $1 + 0 >= w { print $2; exit }')
growth=$(awk -v a="$rss_warm" -v b="$rss_last" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')

echo "soak: ${DURATION}s, wrk -t3 -c3 on the direct port and -t2 -c2 on the app port, ~30% invalid requests"
echo "valid requests     : $valid_sent sent, $valid_ok answered 200, $valid_failed failed, $valid_lost without an answer"
echo "invalid requests   : $invalid_sent sent, $invalid_4xx answered 4xx with a JSON envelope, $invalid_other otherwise, $invalid_lost without an answer"
echo "5xx answers        : $status_5xx"
echo "socket errors      : $socket_errors (wrk: connect/read/write/timeout); $in_flight in flight at the end"
for f in direct app; do
  printf '%-19s: %s\n' "$f port" "$(awk -F= '$1 == "requests" { r = $2 } $1 == "duration_s" { d = $2 } $1 == "p99_ms" { p = $2 } END { printf "%.0f req/s, p99 %s ms", r / d, p }' "$WORK/$f.txt")"
done
echo "RSS (MB)           : first $rss_first, after warm-up (${WARMUP}s) $rss_warm, last $rss_last, max $rss_max; growth ${growth}% (limit ${MAX_GROWTH_PCT}%)"
echo "RSS samples        : ${SAMPLES[*]}"

failed=0
if [ $(( valid_failed + valid_lost )) -ne 0 ]; then echo "FAIL: valid requests failed" >&2; failed=1; fi
if [ "$status_5xx" -ne 0 ]; then echo "FAIL: 5xx answers" >&2; failed=1; fi
if awk -v g="$growth" -v m="$MAX_GROWTH_PCT" 'BEGIN { exit !(g > m) }'; then echo "FAIL: RSS grew more than ${MAX_GROWTH_PCT}%" >&2; failed=1; fi
if [ "$failed" -eq 0 ]; then echo "PASS"; fi
exit "$failed"
