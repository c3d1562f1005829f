#!/usr/bin/env bash
# Where `opmock serve`'s cold start goes, and which runtime settings move it (issue 29: <= 1 s in each of three runs).
# Usage: bench/cold.sh APP_DIR [rounds]   APP_DIR: a `dotnet publish` output (bench/run.sh makes one as the Dockerfile does).
# Each round, alternating so the machine's load falls on every variant alike: the runtime and CLI alone (`--version`),
# the docs and world loaded without listening (`lint`), and `serve` to its first 200 under each DOTNET_* setting in
# VARIANTS. Prints each variant's median and worst in ms, with the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
APP="${1:?usage: bench/cold.sh APP_DIR [rounds]}"; ROUNDS="${2:-5}"
PORT=18280; APP_PORT=18286; ROUTE=/op/v2/getChatInfoByUserId
VARIANTS=("${VARIANTS[@]:-default}")
[ -n "${VARIANT_LIST:-}" ] && read -r -a VARIANTS <<<"$VARIANT_LIST"
declare -A times
now() { date +%s%N; }
serve_ms() { # env-assignments… → ms from start to the first 200
  local start; start=$(now)
  env "$@" dotnet "$APP/opmock.dll" serve --port $PORT --app-port $APP_PORT --fixtures fixtures >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 1000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT$ROUTE" -H 'Content-Type: application/json' -d '{"userId":"u0001x"}' || true)" = 200 ] && break
    sleep 0.005
  done
  echo $(( ($(now) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  s=$(now); dotnet "$APP/opmock.dll" --version >/dev/null 2>&1 || true; times[version]+="$(( ($(now) - s) / 1000000 )) "
  s=$(now); dotnet "$APP/opmock.dll" lint >/dev/null 2>&1 || true; times[lint]+="$(( ($(now) - s) / 1000000 )) "
  for v in "${VARIANTS[@]}"; do
    if [ "$v" = default ]; then times[$v]+="$(serve_ms X=1) "; else times[$v]+="$(serve_ms ${v//,/ }) "; fi
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
for k in version lint "${VARIANTS[@]}"; do
  printf '%-40s median %5d ms  worst %5d ms  (%s)\n' "$k" "$(tr ' ' '\n' <<<"${times[$k]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(tr ' ' '\n' <<<"${times[$k]}" | grep . | sort -n | tail -1)" "${times[$k]}"
done
