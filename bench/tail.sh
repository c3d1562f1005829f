#!/usr/bin/env bash
# What the p99 tail is made of: `opmock serve` under the run.sh load (new user per request) while dotnet-counters
# records the runtime's GC, thread-pool and lock counters each second; prints wrk's latency spread and the counters'
# per-second means. Usage: bench/tail.sh APP_DIR [seconds]   (APP_DIR: a `dotnet publish` output)
set -euo pipefail
cd "$(dirname "$0")/.."
APP="${1:?usage: bench/tail.sh APP_DIR [seconds]}"; SECONDS_RUN="${2:-10}"
COUNTERS="${COUNTERS:-/tmp/dt/dotnet-counters}"
PORT=18480; ROUTE=/op/v2/getChatInfoByUserId; WORK="$(mktemp -d)"
dotnet "$APP/opmock.dll" serve --port $PORT --app-port 18486 --fixtures fixtures >"$WORK/serve.log" 2>&1 &
PID=$!; trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 1000); do [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT$ROUTE" -H 'Content-Type: application/json' -d '{"userId":"u0001x"}' || true)" = 200 ] && break; sleep 0.01; done
wrk -t2 -c32 -d10s -s bench/post.lua "http://127.0.0.1:$PORT$ROUTE" >/dev/null   # warm-up: JIT tiering done
"$COUNTERS" collect -p $PID --format csv -o "$WORK/counters.csv" --refresh-interval 1 --duration "00:00:00:$(printf %02d $((SECONDS_RUN + 1)))" \
  --counters 'System.Runtime[dotnet.gc.collections,dotnet.gc.pause.time,dotnet.gc.heap.total_allocated,dotnet.thread_pool.queue.length,dotnet.thread_pool.thread.count,dotnet.monitor.lock_contentions,dotnet.gc.last_collection.heap.size]' >/dev/null 2>&1 &
CPID=$!
sleep 1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c32 -d"${SECONDS_RUN}s" --latency -s bench/post.lua "http://127.0.0.1:$PORT$ROUTE" | grep -E "Latency|Req/Sec|50%|75%|90%|99%|Requests/sec|requests in"
wait $CPID || true
echo "counters (sum over the run, or mean of per-second values):"
awk -F, 'NR>1 { key=$3; gsub(/"/,"",key); if ($4 ~ /gen/) key=key" "$4; v[key]+=$NF; n[key]++ } END { for (k in v) printf "  %-70s sum %14.1f  mean %12.1f\n", k, v[k], v[k]/n[k] }' "$WORK/counters.csv" | sort
