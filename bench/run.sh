#!/usr/bin/env bash
# OpMock's speed against a static WireMock.Net mapping, measured in one run on this machine.
# Usage: bench/run.sh [duration-seconds]   (from the repo root; needs wrk, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
WARMUP="${WARMUP:-15}"   # seconds of load before each measured run, so JIT tiering is over
OPMOCK_PORT=18180; OPMOCK_APP=18186; BASE_PORT=18190
ROUTE=/op/v2/getChatInfoByUserId
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# OpMock as the Docker image ships it (the Dockerfile's publish step: ReadyToRun), so the cold start is the image's.
publish_step=$(sed -n 's/^RUN \(dotnet publish .*\) --no-restore \(.*\) --output \/app$/\1 \2/p' Dockerfile)
[ -n "$publish_step" ] || { echo "bench: no publish step found in Dockerfile" >&2; exit 1; }
$publish_step --output "$WORK/app" -v q -nologo >/dev/null
dotnet build -c Release bench/Baseline -v q -nologo >/dev/null
OPMOCK="$WORK/app/opmock.dll"
BASELINE="bench/Baseline/bin/Release/net10.0/OpMock.Bench.Baseline.dll"

rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
wait_200() { # port → waits (bounded) for a 200 from the route
  for _ in $(seq 1 400); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$1$ROUTE" -H 'Content-Type: application/json' -d '{"userId":"u0001x"}' || true)
    [ "$code" = 200 ] && return 0
    sleep 0.01
  done
  echo "no 200 from port $1" >&2; exit 1
}
start_opmock() { # fixtures-folder → pid in OPMOCK_PID
  dotnet "$OPMOCK" serve --port $OPMOCK_PORT --app-port $OPMOCK_APP --fixtures "$1" >"$WORK/opmock.log" 2>&1 &
  OPMOCK_PID=$!; PIDS+=("$OPMOCK_PID")
}
# CPU time a process has used, in clock ticks (user + system): per request, the figure other load moves least.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wrk_run() { # port pid → "req/s p99ms requests cpu-µs-per-request"
  local before; before=$(cpu_ticks "$2")
  wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/post.lua "http://127.0.0.1:$1$ROUTE" >"$WORK/wrk.txt"
  local used=$(( $(cpu_ticks "$2") - before ))
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$WORK/wrk.txt")
  total=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  echo "$rps $p99 $total $(( used * 1000000 / $(getconf CLK_TCK) / total ))"
}

# Cold start: process start to first 200, three times (the goal holds for every one).
colds=()
for i in 1 2 3; do
  start=$(date +%s%N)
  start_opmock fixtures
  wait_200 $OPMOCK_PORT
  colds+=($(( ($(date +%s%N) - start) / 1000000 )))
  [ "$i" = 3 ] || { kill "$OPMOCK_PID"; wait "$OPMOCK_PID" 2>/dev/null || true; }
done
cold_ms=$(printf '%s\n' "${colds[@]}" | sort -n | tail -1)
cold_all="${colds[*]}"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# The baseline serves a real OpMock answer of the same size, with the same request-log bound (1000).
curl -s -X POST "http://127.0.0.1:$OPMOCK_PORT$ROUTE" -H 'Content-Type: application/json' -d '{"userId":"u0001bench"}' >"$WORK/body.json"
# Two baselines: WireMock.Net as a console app runs it (workstation GC) and with server GC, the setting
# ASP.NET Core apps default to and opmock ships with (see OpMock.Cli.csproj), so the GC is never the difference.
start_baseline() { # name admin|static extra-env... → pid in BASE_PID, serving on BASE_PORT
  mkfifo "$WORK/$1.in"
  env "${@:3}" dotnet "$BASELINE" $BASE_PORT $ROUTE "$WORK/body.json" 1000 "$2" <"$WORK/$1.in" >"$WORK/$1.log" 2>&1 &
  BASE_PID=$!; PIDS+=("$BASE_PID")
  exec 9>"$WORK/$1.in"
  wait_200 $BASE_PORT
}
stop_baseline() { exec 9>&-; wait "$BASE_PID" 2>/dev/null || true; }

# The ceiling: bare Kestrel answering the same bytes (no routing, no log), server GC as ASP.NET Core defaults to.
start_baseline kestrel kestrel DOTNET_gcServer=1
wrk -t2 -c32 -d"${WARMUP}s" -s bench/post.lua "http://127.0.0.1:$BASE_PORT$ROUTE" >/dev/null
read -r kes_rps kes_p99 kes_n kes_cpu <<<"$(wrk_run $BASE_PORT "$BASE_PID")"
stop_baseline
start_baseline base static DOTNET_gcServer=0
wrk -t2 -c32 -d"${WARMUP}s" -s bench/post.lua "http://127.0.0.1:$BASE_PORT$ROUTE" >/dev/null   # warm-up: JIT tiering done
read -r base_rps base_p99 base_n base_cpu <<<"$(wrk_run $BASE_PORT "$BASE_PID")"
stop_baseline
start=$(date +%s%N)
start_baseline base-server static DOTNET_gcServer=1
base_cold_ms=$(( ($(date +%s%N) - start) / 1000000 ))   # the machine's own start cost, for scale (not a goal)
wrk -t2 -c32 -d"${WARMUP}s" -s bench/post.lua "http://127.0.0.1:$BASE_PORT$ROUTE" >/dev/null
read -r bsrv_rps bsrv_p99 bsrv_n bsrv_cpu <<<"$(wrk_run $BASE_PORT "$BASE_PID")"
stop_baseline
# Not a goal, an explanation: the same static stub with WireMock's admin interface on, as opmock has it.
start_baseline base-admin admin DOTNET_gcServer=1
wrk -t2 -c32 -d"${WARMUP}s" -s bench/post.lua "http://127.0.0.1:$BASE_PORT$ROUTE" >/dev/null
read -r badm_rps badm_p99 badm_n badm_cpu <<<"$(wrk_run $BASE_PORT "$BASE_PID")"
stop_baseline
wrk -t2 -c32 -d"${WARMUP}s" -s bench/post.lua "http://127.0.0.1:$OPMOCK_PORT$ROUTE" >/dev/null
read -r op_rps op_p99 op_n op_cpu <<<"$(wrk_run $OPMOCK_PORT "$OPMOCK_PID")"
export IDS=1000
read -r rep_rps rep_p99 rep_n rep_cpu <<<"$(wrk_run $OPMOCK_PORT "$OPMOCK_PID")"
unset IDS
op_rss=$(rss_mb "$OPMOCK_PID")
kill "$OPMOCK_PID"; wait "$OPMOCK_PID" 2>/dev/null || true

# The memory goal as stated: a fresh server's RSS after 200k requests (new users), 2 threads x 100k
# (wrk waits out -d even when its threads have stopped, so -d only has to be long enough).
start_opmock fixtures; wait_200 $OPMOCK_PORT
STOP_AFTER=100000 wrk -t2 -c32 -d30s -s bench/post.lua "http://127.0.0.1:$OPMOCK_PORT$ROUTE" >"$WORK/wrk200k.txt"
rss_200k=$(rss_mb "$OPMOCK_PID"); n_200k=$(awk '/requests in/ {print $1}' "$WORK/wrk200k.txt")
kill "$OPMOCK_PID"; wait "$OPMOCK_PID" 2>/dev/null || true

# Memory by world size: 1,000 users against 1,000,000, after the same load.
rss_for_users() {
  mkdir -p "$WORK/f$1"; cp fixtures/*.yaml "$WORK/f$1/"
  printf 'world:\n  users: %s\n' "$1" >"$WORK/f$1/zz-size.yaml"
  start_opmock "$WORK/f$1"; wait_200 $OPMOCK_PORT
  wrk -t2 -c32 -d5s -s bench/post.lua "http://127.0.0.1:$OPMOCK_PORT$ROUTE" >/dev/null
  rss_mb "$OPMOCK_PID"; kill "$OPMOCK_PID"; wait "$OPMOCK_PID" 2>/dev/null || true
}
rss_1k=$(rss_for_users 1000)
rss_1m=$(rss_for_users 1000000)

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
awk -v kc="$kes_cpu" -v bc="$base_cpu" -v sc="$bsrv_cpu" -v ac="$badm_cpu" -v oc="$op_cpu" -v rc="$rep_cpu" -v kr="$kes_rps" -v kp="$kes_p99" -v kn="$kes_n" -v call="$cold_all" -v l0="$load_start" -v l1="$load_end" -v ar="$badm_rps" -v ap="$badm_p99" -v an="$badm_n" -v sr="$bsrv_rps" -v sp="$bsrv_p99" -v sn="$bsrv_n" -v br="$base_rps" -v bp="$base_p99" -v orr="$op_rps" -v op="$op_p99" -v on="$op_n" -v bn="$base_n" \
    -v rr="$rep_rps" -v rp="$rep_p99" -v rn="$rep_n" -v cold="$cold_ms" -v bcold="$base_cold_ms" -v rss="$op_rss" -v r1k="$rss_1k" -v r1m="$rss_1m" -v d="$DURATION" -v r200="$rss_200k" -v n200="$n_200k" 'BEGIN {
  printf "wrk -t2 -c32 -d%ss, POST %s, a different userId per request\n", d, "/op/v2/getChatInfoByUserId"
  printf "machine: 2 cores, load average %s at the start of the rounds, %s at the end\n", l0, l1
  printf "bare Kestrel        : %8.0f req/s  p99 %7.2f ms  %5d µs CPU/req  (%d requests; the same bytes, no routing, no log)\n", kr, kp, kc, kn
  printf "static WireMock.Net : %8.0f req/s  p99 %7.2f ms  %5d µs CPU/req  (%d requests)\n", br, bp, bc, bn
  printf "  same, server GC    : %8.0f req/s  p99 %7.2f ms  %5d µs CPU/req  (%d requests)\n", sr, sp, sc, sn
  printf "  + admin interface  : %8.0f req/s  p99 %7.2f ms  %5d µs CPU/req  (%d requests; explains, not a goal)\n", ar, ap, ac, an
  printf "opmock serve        : %8.0f req/s  p99 %7.2f ms  %5d µs CPU/req  (%d requests)\n", orr, op, oc, on
  printf "opmock, 1000 users  : %8.0f req/s  p99 %7.2f ms  %5d µs CPU/req  (%d requests; ids repeat, answers cached)\n", rr, rp, rc, rn
  printf "vs bare Kestrel     : %.2f new users (goal >= 0.50), %.2f repeating users; p99 %.2f (goal <= 2.00)\n", orr / kr, rr / kr, op / kp
  printf "  static WM.Net / Kestrel: %.2f\n", br / kr
  printf "by CPU per request  : %.2f of bare Kestrel new users (%.2f repeating), %.2f of static WireMock.Net (server GC %.2f): the ratios other load moves least\n", kc / oc, kc / rc, bc / oc, sc / oc
  printf "throughput ratio    : %.2f new users (goal >= 1.50), %.2f repeating users (vs static WireMock.Net)\n", orr / br, rr / br
  printf "  vs server-GC base  : %.2f new users, %.2f repeating users\n", orr / sr, rr / sr
  printf "  vs base with admin : %.2f new users, %.2f repeating users\n", orr / ar, rr / ar
  printf "p99 ratio           : %.2f new users, %.2f repeating users (target <= 2.00)\n", op / bp, rp / bp
  printf "  vs server-GC base  : %.2f new users, %.2f repeating users\n", op / sp, rp / sp
  printf "cold start          : %s ms, worst %d (goal <= 1000 each; the static WireMock.Net stub: %d ms, a JIT-built app on this machine)\n", call, cold, bcold
  printf "RSS after 200k      : %d MB after %d requests, fresh server (target <= 200)\n", r200, n200
  printf "RSS after the runs  : %d MB after %d requests (explains, not a goal)\n", rss, on + rn
  printf "RSS 1k / 1M users   : %d MB / %d MB, ratio %.2f (target <= 1.20)\n", r1k, r1m, r1m / r1k
}'
