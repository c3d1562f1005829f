# Sourced by the bench scripts: builds opmock in Release and starts `opmock serve` on two free loopback ports
# (port 0: the OS picks, serve prints them). Sets SERVER_PID, DIRECT and APP; needs WORK. Arguments are a
# command that execs the server (bench/flood.sh: a shell that sets the fd limit, then becomes dotnet).
# SERVE_ARGS (an array of more serve options) and SERVE_LOG (a log name, for several servers) may be set first.
OPMOCK="src/OpMock.Cli/bin/Release/net10.0/opmock.dll"
dotnet build -c Release src/OpMock.Cli -v q -nologo >/dev/null

start_serve() {
  local log="$WORK/${SERVE_LOG:-serve.log}"
  "$@" dotnet "$OPMOCK" serve --host 127.0.0.1 --port 0 --app-port 0 --fixtures fixtures ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"} >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 500); do
    grep -q '^direct API: ' "$log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; exit 2; }
    sleep 0.02
  done
  DIRECT=$(sed -n 's|^direct API: \(http://127\.0\.0\.1:[0-9]*\) .*|\1|p' "$log")
  APP=$(sed -n 's|.*app API: \(http://127\.0\.0\.1:[0-9]*\) .*|\1|p' "$log")
  [ -n "$DIRECT" ] && [ -n "$APP" ] || { echo "serve did not print its ports" >&2; cat "$log" >&2; exit 2; }
}

rss_mb() { echo $(( $(ps -o rss= -p "$SERVER_PID") / 1024 )); }
