#!/usr/bin/env bash
# The full hostile-input corpus (issue 16.5): 30,000 seeded raw requests against both ports of a test server, each
# answered without a 5xx or a stack trace, the server still serving after. The test suite runs a few thousand of
# the same corpus; this runs all of it (about a minute on 2 cores).
#   bench/fuzz.sh [cases]
set -euo pipefail
cd "$(dirname "$0")/.."
OPMOCK_FUZZ_CASES="${1:-30000}" dotnet test tests/OpMock.Tests --filter "FullyQualifiedName~PipelineFuzzTests.Send" \
  --logger "console;verbosity=detailed" | grep -E "^\s+[0-9]+: [0-9]+|slowest|Passed!|Failed!|status 5"
