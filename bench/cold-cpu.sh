#!/usr/bin/env bash
# What the cold start costs in CPU and JIT, load-independent figures: for each published app (alternating, N rounds), the
# server process's CPU time (user + system) until its first 200 and the methods the JIT compiled by then (full-opts among them).
# Usage: bench/cold-cpu.sh ROUNDS APP_DIR...   (APP_DIR: a `dotnet publish` output; run from anywhere)
cd "$(dirname "$0")/.."
N=$1; shift
tck=$(getconf CLK_TCK)
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 $N); do
  for app in "$@"; do
    f=$(mktemp); rm -f $f
    s=$(date +%s%N)
    DOTNET_JitStdOutFile=$f DOTNET_JitDisasmSummary=1 dotnet $app/opmock.dll serve --port 18380 --app-port 18386 --fixtures fixtures >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 2000); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:18380/op/v2/getChatInfoByUserId -H 'Content-Type: application/json' -d '{"userId":"u0001x"}' || true)" = 200 ] && break
      sleep 0.005
    done
    wall=$(( ($(date +%s%N) - s) / 1000000 ))
    cpu=$(awk -v t=$tck '{print int(($14+$15)*1000/t)}' /proc/$pid/stat)
    jit=$(wc -l < $f); full=$(grep -c FullOpts $f)
    echo "$app wall ${wall} ms cpu ${cpu} ms jitted ${jit} (full-opts ${full})"
    kill $pid; wait $pid 2>/dev/null; rm -f $f
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
