#!/usr/bin/env bash
# Soak of `opmock proxy --timeout` (issue 16.4): a dribbling target (headers, Content-Length, then a byte a second)
# behind the proxy, hundreds of clients at once; every one must get its 504 (or its cut connection, once headers
# went on) within the timeout, and a stalled upload its 408 at the upload deadline. See bench/flood_proxy.py.
# Usage: bench/flood-proxy.sh   (env: TIMEOUT seconds, default 5; DRIBBLERS, LARGE, UPLOADERS). Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
OPMOCK="src/OpMock.Cli/bin/Release/net10.0/opmock.dll"
dotnet build -c Release src/OpMock.Cli -v q -nologo >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -u bench/flood_proxy.py "$OPMOCK"
