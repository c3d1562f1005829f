#!/usr/bin/env bash
# The OpenAPI export checked with tools nobody here wrote, pinned in .ci/tools (package.json + lock, `npm ci`):
#  1. Spectral (spectral:oas) — any error fails;
#  2. openapi-typescript + tsc --strict — a type per route and per transfer reqUrl, the export's samples typed, each
#     route's data read as clients read it; the typed-client example (openapi-fetch) compiled against the workbench;
#  3. Prism's validation proxy (build/prism-check.mjs) — a drifted server is caught on every route, opmock serve never.
# Every route list comes from the export itself. Loopback only; temporary files only.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=.ci/tools
# npm ci only when the lock changed since the last install (a copy of it is kept beside node_modules).
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.installed-lock.json" 2>/dev/null; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$tools/package-lock.json" "$tools/node_modules/.installed-lock.json"
fi
bin="$tools/node_modules/.bin"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$SECONDS

dotnet build src/OpMock.Cli -v q -nologo -clp:ErrorsOnly
opmock=(dotnet run --no-build --project src/OpMock.Cli --)
"${opmock[@]}" openapi --out "$work/openapi.json"

"$bin/spectral" lint --ruleset "$tools/.spectral.yaml" --fail-severity error "$work/openapi.json"

"$bin/openapi-typescript" "$work/openapi.json" -o "$work/api.ts"
node build/typescript-check.mjs "$work/openapi.json" "$work/check.ts"
ln -s "$PWD/$tools/node_modules" "$work/node_modules"   # openapi-fetch's helper types, as a client compiles with them
"$bin/tsc" --strict --noEmit --target es2022 --module nodenext --moduleResolution nodenext "$work/check.ts"

# The typed-client example (examples/typed-client): openapi-fetch over the workbench's export, the code a frontend
# writes (`r.data?.data?.user?.nickName`), compiled as it is, no casts; node_modules (above) is the pinned tools'.
mkdir -p "$work/typed"
"${opmock[@]}" openapi --docs examples/workbench --out "$work/typed/workbench.json"
"$bin/openapi-typescript" "$work/typed/workbench.json" -o "$work/typed/api.ts"
cp examples/typed-client/*.ts "$work/typed/"
# As a frontend compiles (Vite: bundler resolution, the browser's lib); no @types from the tools' node_modules.
cat > "$work/typed/tsconfig.json" <<'JSON'
{ "compilerOptions": { "strict": true, "noEmit": true, "target": "es2022", "lib": ["es2022", "dom"], "module": "esnext", "moduleResolution": "bundler", "types": [] }, "files": ["workbench.ts"] }
JSON
"$bin/tsc" -p "$work/typed/tsconfig.json"

node build/prism-check.mjs "$work/openapi.json" "$bin/prism" "${opmock[@]}" serve
echo "openapi-steps: Spectral, openapi-typescript + tsc --strict, typed client, Prism proxy: ok ($((SECONDS - start)) s)"
