#!/usr/bin/env bash
# Server CPU per request of two or more published apps, alternated in the same minutes (new user per request,
# wrk -t2 -c32, 8 s after 8 s of warm-up): the A/B a busy machine still allows. Usage: bench/ab-cpu.sh ROUNDS APP_DIR...
cd "$(dirname "$0")/.."
N=$1; shift
tck=$(getconf CLK_TCK)
for r in $(seq 1 $N); do
  for app in "$@"; do
    dotnet $app/opmock.dll serve --port 18580 --app-port 18586 --fixtures fixtures >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 2000); do [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:18580/op/v2/getChatInfoByUserId -H 'Content-Type: application/json' -d '{"userId":"u0001x"}' || true)" = 200 ] && break; sleep 0.01; done
    wrk -t2 -c32 -d8s -s bench/post.lua http://127.0.0.1:18580/op/v2/getChatInfoByUserId >/dev/null
    before=$(awk '{print $14+$15}' /proc/$pid/stat)
    out=$(wrk -t2 -c32 -d8s --latency -s bench/post.lua http://127.0.0.1:18580/op/v2/getChatInfoByUserId)
    used=$(( $(awk '{print $14+$15}' /proc/$pid/stat) - before ))
    n=$(awk '/requests in/ {print $1}' <<<"$out"); rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    echo "$app: $rps req/s p99 $p99 $(( used * 1000000 / tck / n )) µs CPU/req load $(cut -d' ' -f1 /proc/loadavg)"
    kill $pid; wait $pid 2>/dev/null
  done
done
