#!/usr/bin/env bash
# Issue 18.7's round: reads only, then 10 % writes across 100 sessions (bench/actions.lua) on the direct port and
# through /opapp/transfer, then all writes into one session (a write's cost must not grow with its session), then reads only again, all against one `opmock serve` (state in memory) in one run, on
# the frozen shipped docs plus the test write docs (none of them shipped).
# Usage: bench/actions.sh [seconds]   (repo root; needs wrk, curl). Prints one line per round.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
. bench/serve.sh

serve_write_docs

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
round() { # name seconds wrk-args... → "name  req/s  p99  non-2xx  server CPU per request  load"
  local before; before=$(cpu_ticks)
  wrk -t2 -c32 -d"$2s" --latency "${@:3}" 2>"$WORK/why.txt" >"$WORK/round.txt"
  local used=$(( $(cpu_ticks) - before ))
  awk -v n="$1" -v used="$used" -v hz="$(getconf CLK_TCK)" -v load="$(cut -d' ' -f1 /proc/loadavg)" '/Requests\/sec/ {rps = $2} $1 == "99%" {p = $2} /Non-2xx/ {bad = $5} /requests in/ {total = $1}
    END {printf "%-32s %8.0f req/s  p99 %-8s  non-2xx %-5d %5.0f µs CPU/req  load %s\n", n, rps, p, bad + 0, used * 1e6 / hz / total, load}' "$WORK/round.txt"
  sort "$WORK/why.txt" | uniq -c | sort -rn | head -3 | sed 's/^/    /'
}
READS=(-s bench/post.lua "$DIRECT/op/v2/getChatInfoByUserId")
# Warm-up (JIT tiering) with the same two loads, then every session reset.
round warm-up 10 -s bench/actions.lua "$DIRECT/" >/dev/null
round warm-up 10 "${READS[@]}" >/dev/null
curl -s -o /dev/null -X POST "$DIRECT/__admin/opmock/reset"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c32, ${DURATION} s rounds"
round "reads only, direct" "$DURATION" "${READS[@]}"
round "10 % writes, direct" "$DURATION" -s bench/actions.lua "$DIRECT/"
APP=1 round "10 % writes, transfer" "$DURATION" -s bench/actions.lua "$APP/"
# Every write into one session, which grows through the round (its chat takes at most 1,000 messages: past them a
# write answers the 503 naming the limit, by design; a faster machine gets there within a round).
curl -s -o /dev/null -X POST "$DIRECT/__admin/opmock/reset?session=bench-00"
SESSIONS=1 round "10 % writes into one session" "$DURATION" -s bench/actions.lua "$DIRECT/"
round "reads only again, direct" "$DURATION" "${READS[@]}"
echo "server RSS after the rounds: $(rss_mb) MB"
