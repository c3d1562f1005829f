# Sourced by the bench scripts: builds opmock in Release and starts `opmock serve` on two free loopback ports
# (port 0: the OS picks, serve prints them). Sets SERVER_PID, DIRECT and APP; needs WORK. Arguments are a
# command that execs the server (bench/flood.sh: a shell that sets the fd limit, then becomes dotnet).
OPMOCK="src/OpMock.Cli/bin/Release/net10.0/opmock.dll"
dotnet build -c Release src/OpMock.Cli -v q -nologo >/dev/null

start_serve() {
  # SERVE_ARGS: more of serve's options (the write rounds' --docs), split on spaces.
  # shellcheck disable=SC2086
  "$@" dotnet "$OPMOCK" serve --host 127.0.0.1 --port 0 --app-port 0 --fixtures fixtures ${SERVE_ARGS:-} >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 500); do
    grep -q '^direct API: ' "$WORK/serve.log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 2; }
    sleep 0.02
  done
  DIRECT=$(sed -n 's|^direct API: \(http://127\.0\.0\.1:[0-9]*\) .*|\1|p' "$WORK/serve.log")
  APP=$(sed -n 's|.*app API: \(http://127\.0\.0\.1:[0-9]*\) .*|\1|p' "$WORK/serve.log")
  [ -n "$DIRECT" ] && [ -n "$APP" ] || { echo "serve did not print its ports" >&2; cat "$WORK/serve.log" >&2; exit 2; }
}

rss_mb() { echo $(( $(ps -o rss= -p "$SERVER_PID") / 1024 )); }

# The write rounds' docs in $WORK/docs (overrides in $WORK/overrides.yaml): the frozen shipped three and the write
# docs the actions tests use (none of them shipped).
write_docs() {
  mkdir -p "$WORK/docs"
  cp -r tests/OpMock.Tests/TestDocs/base/docs/. "$WORK/docs/"
  cp tests/OpMock.Tests/TestDocs/actions/get-op-api/*.txt "$WORK/docs/get-op-api/"
  cp tests/OpMock.Tests/TestDocs/base/overrides.yaml "$WORK/overrides.yaml"
}

# `opmock serve` on the write docs, state in memory: the write rounds' server. Arguments: more environment (NAME=value).
serve_write_docs() {
  write_docs
  start_serve env "$@" OPMOCK_DOCS="$WORK/docs" OPMOCK_OVERRIDES="$WORK/overrides.yaml" OPMOCK_STATE=memory
}
