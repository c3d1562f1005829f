#!/usr/bin/env bash
# OpMock benchmark: OpMock's mock server against a static WireMock.Net mapping measured in the same run,
# reported as ratios. Loopback only; every loop is bounded. Usage: bench/run.sh [seconds-per-load-run]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
out=$(mktemp -d)
results=bench/results
mkdir -p "$results"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "bench needs wrk (apt-get install wrk)"; exit 2; }

echo "publishing Release builds…"
dotnet publish src/OpMock.Cli -c Release -o "$out/opmock" --nologo -v quiet >/dev/null
dotnet publish bench/Baseline -c Release -o "$out/baseline" --nologo -v quiet >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
post() { curl -s -o "${3:-/dev/null}" -w '%{http_code}' -H 'Content-Type: application/json' -d "$2" "$1" || true; }
body='{"staffId":"o0001403351be22c648efa24c20e842fd7351"}'

# Starts opmock serve and prints "<pid> <ms to first 200>"; polls at most 30 s.
start_opmock() {
  local port=$1 app=$2; shift 2
  local t0; t0=$(date +%s%N)
  "$out/opmock/opmock" serve --host 127.0.0.1 --port "$port" --app-port "$app" "$@" >"$out/serve-$port.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 3000); do
    [ "$(post "http://127.0.0.1:$port/op/v2/receives" "$body")" = 200 ] && { echo "$pid $(( ($(date +%s%N) - t0) / 1000000 ))"; return; }
    kill -0 "$pid" 2>/dev/null || { cat "$out/serve-$port.log" >&2; return 1; }
    sleep 0.01
  done
  echo "opmock did not answer in 30 s" >&2; return 1
}

load() { # url → "req/s p99-ms requests"
  wrk -t2 -c32 -d"${seconds}s" --latency -s bench/post-receives.lua "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p99 = v }
    /requests in/ { n = $1 }
    END { printf "%.0f %.2f %d\n", rps, p99, n }'
}

# 1. Cold start, best of three (process start → first 200).
cold=()
for _ in 1 2 3; do
  read -r pid ms < <(start_opmock "$(free_port)" "$(free_port)")
  cold+=("$ms"); kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
cold_best=$(printf '%s\n' "${cold[@]}" | sort -n | head -1)

# 2. Throughput and p99: OpMock vs a static WireMock.Net mapping serving a body of the same size.
port=$(free_port); read -r opmock_pid _ < <(start_opmock "$port" "$(free_port)"); pids+=("$opmock_pid")
post "http://127.0.0.1:$port/op/v2/receives" "$body" "$out/body.json" >/dev/null
base_port=$(free_port)
"$out/baseline/OpMock.Bench.Baseline" --port "$base_port" --path /op/v2/receives --body "$out/body.json" >"$out/baseline.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 3000); do [ "$(post "http://127.0.0.1:$base_port/op/v2/receives" "$body")" = 200 ] && break; sleep 0.01; done

read -r base_rps base_p99 base_n < <(load "http://127.0.0.1:$base_port/op/v2/receives")
read -r op_rps op_p99 op_n < <(load "http://127.0.0.1:$port/op/v2/receives")
# Top up to at least 200k requests before reading RSS.
total=$op_n
for _ in $(seq 1 20); do [ "$total" -ge 200000 ] && break; read -r _ _ n < <(load "http://127.0.0.1:$port/op/v2/receives"); total=$((total + n)); done
rss_after=$(rss_mb "$opmock_pid")

# 3. Memory against world size: 1,000 users vs 1,000,000 users, after the same requests.
world_rss() {
  local fixtures="$out/world-$1"; mkdir -p "$fixtures"
  printf 'seed: 1\nworld:\n  ops: 100\n  users: %s\n' "$1" >"$fixtures/world.yaml"
  local p; p=$(free_port); read -r pid _ < <(start_opmock "$p" "$(free_port)" --fixtures "$fixtures")
  wrk -t2 -c16 -d5s -s bench/post-receives.lua "http://127.0.0.1:$p/op/v2/receives" >/dev/null
  rss_mb "$pid"; kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
rss_1k=$(world_rss 1000)
rss_1m=$(world_rss 1000000)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
report="$results/latest.md"
{
  echo "# Benchmark $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${seconds}s"
  echo
  echo "| measure | OpMock | baseline (static WireMock.Net) | ratio | goal |"
  echo "|---|---|---|---|---|"
  echo "| throughput (req/s) | $op_rps | $base_rps | $(ratio "$op_rps" "$base_rps") | ≥ 0.8 |"
  echo "| p99 latency (ms) | $op_p99 | $base_p99 | $(ratio "$op_p99" "$base_p99") | ≤ 2.0 |"
  echo "| cold start to first 200 (ms, best of 3: ${cold[*]}) | $cold_best | | | ≤ 1000 |"
  echo "| RSS after $total requests (MB) | $rss_after | | | ≤ 200 |"
  echo "| RSS, 1,000,000-user world vs 1,000 (MB) | $rss_1m | $rss_1k | $(ratio "$rss_1m" "$rss_1k") | ≤ 1.2 |"
} | tee "$report"
