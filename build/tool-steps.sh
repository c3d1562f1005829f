#!/usr/bin/env bash
# The dotnet-tool steps of docs/docker-and-scaling.md, as a newcomer runs them: pack, install from the local folder, and run
# `opmock` outside the repo, where it falls back to the docs packed inside it. Temporary folders only.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet pack -o "$work/pkg"
dotnet tool install --tool-path "$work/tool" --add-source "$work/pkg" OpMock

mkdir "$work/elsewhere"
cd "$work/elsewhere"
"$work/tool/opmock" lint
"$work/tool/opmock" openapi --out openapi.json
test -s openapi.json
echo "tool-steps: pack, install and run outside the repo: ok"
