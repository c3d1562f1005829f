#!/usr/bin/env bash
# Runs the Dockerfile's build steps without a Docker engine (CI machines have none): every `RUN dotnet …`
# line of the Dockerfile, with the same arguments, publishing into a temporary folder instead of /app.
# Then checks the published app the way the image uses it: from an empty folder, on its packed defaults.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

mapfile -t steps < <(sed -n 's/^RUN \(dotnet .*\)$/\1/p' Dockerfile)
if (( ${#steps[@]} < 2 )); then
    echo "docker-steps: expected the restore and publish steps in Dockerfile, found ${#steps[@]}" >&2
    exit 1
fi

for step in "${steps[@]}"; do
    step=${step//" /app"/" $out/app"}
    echo "docker-steps: $step"
    read -r -a words <<<"$step"
    "${words[@]}"
done

# The image's WORKDIR holds no docs unless a volume is mounted: the packed copies must be found and lint clean.
mkdir "$out/data"
(cd "$out/data" && dotnet "$out/app/opmock.dll" lint)
echo "docker-steps: restore and publish as in Dockerfile: ok"
