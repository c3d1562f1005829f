#!/usr/bin/env bash
# Replicas sharing session state in Redis (issue 21) against one instance keeping it in memory, in one run on this
# machine: 10 % writes across 100 sessions on the frozen shipped docs plus the test write docs, one wrk process on a
# direct port and one on an app port (/opapp/transfer). MIX=actions (default): bench/actions.lua, issue 18's round,
# whose reads name entities nobody changed; MIX=replicas: bench/replicas.lua, whose reads show what the writes change.
# Usage: [MIX=replicas] bench/replicas.sh [duration-seconds]   (repo root; needs wrk, curl, /usr/bin/redis-server)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
WARMUP="${WARMUP:-10}"   # seconds of the same load before each measured round (JIT tiering, caches)
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
. bench/serve.sh

write_docs

redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$WORK" --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 250); do [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] && break; sleep 0.02; done
STATE="redis://127.0.0.1:$redis_port"

SCRIPT="bench/${MIX:-actions}.lua"
[ -f "$SCRIPT" ] || { echo "no $SCRIPT: MIX is actions or replicas" >&2; exit 2; }

start() { # memory|redis → its direct URL in $URL, its app URL in $APP_URL, pid in $PID
  start_serve env OPMOCK_DOCS="$WORK/docs" OPMOCK_OVERRIDES="$WORK/overrides.yaml" OPMOCK_STATE="$([ "$1" = redis ] && echo "$STATE" || echo memory)"
  PIDS+=("$SERVER_PID"); PID=$SERVER_PID; URL=$DIRECT; APP_URL=$APP
}
round() { # seconds direct-url app-url → "req/s p99ms requests non2xx" over two wrk processes at once
  wrk -t1 -c16 -d"$1s" --latency -s "$SCRIPT" "$2/" >"$WORK/wrk0.txt" &
  local direct=$!
  APP=1 wrk -t1 -c16 -d"$1s" --latency -s "$SCRIPT" "$3/" >"$WORK/wrk1.txt" &
  wait "$direct" $!
  awk '/Requests\/sec/ {rps += $2} /requests in/ {n += $1} /Non-2xx/ {bad += $5}
       $1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; if (v > p99) p99 = v}
       END {printf "%.0f %.2f %d %d\n", rps, p99, n, bad}' "$WORK"/wrk0.txt "$WORK"/wrk1.txt
}
measure() { # direct-url app-url → a warm-up, a reset of every session, then the measured round
  round "$WARMUP" "$@" >/dev/null
  curl -s -o /dev/null -X POST "$1/__admin/opmock/reset"
  round "$DURATION" "$@"
}
# Round trips OpMock made: each store call is one Lua script (EVALSHA, or EVAL the first time).
scripts() { redis-cli -p "$redis_port" info commandstats | awk -F'[=:,]' '/^cmdstat_eval(sha)?:/ {n += $3} END {print n + 0}'; }
rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

# 1. One instance, state in memory (the default): the baseline, measured first and again last (the machine's load
# drifts, and the first round after a build runs slower), the ratios taken against the mean of the two.
memory_round() { # → "req/s p99ms requests non2xx rss" in $ROUND
  start memory
  ROUND="$(measure "$URL" "$APP_URL") $(rss_mb "$PID")"
  kill "$PID"; wait "$PID" 2>/dev/null || true
}
memory_round
read -r mem_rps mem_p99 mem_n mem_bad mem_rss <<<"$ROUND"

# 2. One instance, state in Redis: what the shared store costs by itself.
start redis
read -r one_rps one_p99 one_n one_bad <<<"$(measure "$URL" "$APP_URL")"
kill "$PID"; wait "$PID" 2>/dev/null || true

# 3. Two instances (two processes) on one Redis: one wrk process on A's direct port, one on B's app port.
start redis; A=$URL; A_PID=$PID
start redis; B=$URL; B_APP=$APP_URL; B_PID=$PID
round "$WARMUP" "$A" "$B_APP" >/dev/null
curl -s -o /dev/null -X POST "$A/__admin/opmock/reset"
before=$(scripts)
read -r two_rps two_p99 two_n two_bad <<<"$(round "$DURATION" "$A" "$B_APP")"
per_request=$(awk -v c="$(( $(scripts) - before ))" -v n="$two_n" 'BEGIN {printf "%.2f", c / n}')
two_rss="$(rss_mb "$A_PID") / $(rss_mb "$B_PID")"

# And they are one server: a write through A is read back through B.
curl -s -o /dev/null -X POST "$A/op/v2/updateChatRemark?token=o0001403351be22c648efa24c20e842fd7351" -H 'Content-Type: application/json' \
  -H 'X-OpMock-Session: check' -d '{"chatId":"u0001d68d5da979194a4b831097de49db3dd2","remark":"via A"}'
shared=$(curl -s -X POST "$B/op/v2/getChatDetail?token=o0001403351be22c648efa24c20e842fd7351" -H 'Content-Type: application/json' \
  -H 'X-OpMock-Session: check' -d '{"chatId":"u0001d68d5da979194a4b831097de49db3dd2"}' | grep -c '"remark":"via A"' || true)

kill "$A_PID" "$B_PID"; wait "$A_PID" "$B_PID" 2>/dev/null || true

# 4. The baseline again.
memory_round
read -r mem2_rps mem2_p99 mem2_n mem2_bad mem2_rss <<<"$ROUND"

printf 'replicas: %s, %ss rounds (warm-up %ss), wrk -t1 -c16 on a direct port + the same on an app port, 10%% writes across 100 sessions\n' "$SCRIPT" "$DURATION" "$WARMUP"
printf 'in memory, 1 instance  : %8s req/s  p99 %7s ms  (%s requests, %s non-2xx; RSS %s MB; first round)\n' "$mem_rps" "$mem_p99" "$mem_n" "$mem_bad" "$mem_rss"
printf '  same, again           : %8s req/s  p99 %7s ms  (%s requests, %s non-2xx; RSS %s MB; last round)\n' "$mem2_rps" "$mem2_p99" "$mem2_n" "$mem2_bad" "$mem2_rss"
printf 'Redis, 1 instance      : %8s req/s  p99 %7s ms  (%s requests, %s non-2xx)\n' "$one_rps" "$one_p99" "$one_n" "$one_bad"
printf 'Redis, 2 instances     : %8s req/s  p99 %7s ms  (%s requests, %s non-2xx; RSS %s MB)\n' "$two_rps" "$two_p99" "$two_n" "$two_bad" "$two_rss"
awk -v m="$mem_rps" -v m2="$mem2_rps" -v o="$one_rps" -v t="$two_rps" -v mp="$mem_p99" -v mp2="$mem2_p99" -v tp="$two_p99" 'BEGIN {
  m = (m + m2) / 2; mp = (mp + mp2) / 2
  printf "throughput ratio       : %.2f one instance on Redis, %.2f two instances on Redis (vs in memory, mean of both rounds)\n", o / m, t / m
  printf "p99 ratio              : %.2f two instances on Redis (vs in memory, mean of both rounds)\n", tp / mp }'
printf 'Redis round trips/req. : %s (two instances; one "anything changed?" per request, one more per write)\n' "$per_request"
printf 'write via A, read via B: %s\n' "$([ "$shared" = 1 ] && echo same || echo DIFFERENT)"
[ "$mem_bad" = 0 ] && [ "$mem2_bad" = 0 ] && [ "$one_bad" = 0 ] && [ "$two_bad" = 0 ] && [ "$shared" = 1 ]
