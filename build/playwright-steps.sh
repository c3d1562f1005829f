#!/usr/bin/env bash
# The frontend's test recipe (docs/frontend-testing.md), run as a frontend team runs it: examples/playwright's
# npm packages pinned (package.json + package-lock.json, `npm ci`), a Vite dev server proxying /op/v2 and /opapp
# to `opmock serve --docs examples/workbench`, and Playwright driving Debian's Chromium (executablePath), each test
# in its own X-OpMock-Session. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

example=examples/playwright
# npm ci only when the lock changed since the last install (a copy of it is kept beside node_modules).
if ! cmp -s "$example/package-lock.json" "$example/node_modules/.installed-lock.json" 2>/dev/null; then
  (cd "$example" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$example/package-lock.json" "$example/node_modules/.installed-lock.json"
fi

start=$SECONDS
dotnet build src/OpMock.Cli -v q -nologo -clp:ErrorsOnly
# Ports of their own, so a developer's `opmock serve` on 8080/8086 does not answer instead.
(cd "$example" && CI=1 OPMOCK_CMD="dotnet run --no-build --project ../../src/OpMock.Cli --" \
  OPMOCK_PORT="${OPMOCK_E2E_PORT:-18080}" OPMOCK_APP_PORT="${OPMOCK_E2E_APP_PORT:-18086}" VITE_PORT="${OPMOCK_E2E_VITE_PORT:-15173}" \
  ./node_modules/.bin/playwright test)
echo "playwright-steps: the frontend recipe's tests: ok ($((SECONDS - start)) s)"
