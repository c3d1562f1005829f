#!/usr/bin/env bash
# Sessions: 3,000 sessions writing (issue 18.6) keep the server's RSS within 300 MB of idle, and a flood of writes
# never stops reads. Starts `opmock serve` on loopback on the frozen shipped docs plus the tests' write docs
# (tests/OpMock.Tests/TestDocs/actions), then runs bench/sessions.py. Prints the figures bench/README.md records.
# Usage: bench/sessions.sh [sessions]   (default 3000; needs python3). Exit 1 on a failed request or the bound broken.
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS="${1:-3000}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/docs"
cp -r tests/OpMock.Tests/TestDocs/base/docs/. "$WORK/docs/"
cp tests/OpMock.Tests/TestDocs/actions/get-op-api/*.txt "$WORK/docs/get-op-api/"
cp tests/OpMock.Tests/TestDocs/base/overrides.yaml "$WORK/overrides.yaml"
. bench/serve.sh
start_serve env OPMOCK_DOCS="$WORK/docs" OPMOCK_OVERRIDES="$WORK/overrides.yaml"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# The other OP of transfers: one of the world's (serve prints a curl naming a few ids).
OTHER_OP="o0001$(printf '%032x' 7)"
# Warm up (JIT, caches) on reads, so idle is the RSS of a server that has served.
python3 - "$DIRECT" <<'PY'
import http.client, json, sys
from urllib.parse import urlparse
u = urlparse(sys.argv[1]); c = http.client.HTTPConnection(u.hostname, u.port)
for i in range(3000):
    c.request("POST", "/op/v2/getChatInfoByUserId", json.dumps({"userId": "u0001%032x" % i}), {"Content-Type": "application/json"}); c.getresponse().read()
    c.request("POST", "/op/v2/receives?token=o0001403351be22c648efa24c20e842fd7351", "{}", {"Content-Type": "application/json"}); c.getresponse().read()
PY

IDLE=""
status=0
coproc CLIENT { python3 -u bench/sessions.py "$DIRECT" "$APP" "$SESSIONS" "$OTHER_OP"; }
CLIENT_PROCESS=$CLIENT_PID
while IFS= read -r line <&"${CLIENT[0]}"; do
  case "$line" in
    PHASE*)
      kill -0 "$SERVER_PID" 2>/dev/null || { echo "  [${line#PHASE }] server DIED"; exit 1; }
      rss=$(rss_mb)
      [ -z "$IDLE" ] && IDLE=$rss
      echo "  [${line#PHASE }] RSS $rss MB ($(( rss - IDLE )) MB over idle)"
      if [ $(( rss - IDLE )) -gt 300 ]; then echo "  over the 300 MB bound"; status=1; fi
      echo >&"${CLIENT[1]}";;
    *) echo "$line";;
  esac
done
wait "$CLIENT_PROCESS" || status=1
sessions=$(curl -s "$DIRECT/__admin/opmock/sessions" | python3 -c 'import json,sys; s=json.load(sys.stdin)["sessions"]; print(len(s), "sessions listed,", sum(x["changes"] for x in s), "changed records")')
echo "  $sessions"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
