#!/usr/bin/env bash
# Issue 28's figure: `opmock diff` on two folders of 50 docs answers in under 2 s. The folders are the diff test docs
# (tests/OpMock.Tests/TestDocs/diff/before and after) multiplied under other route names and doc numbers, so every copy
# carries the same changes (a rename, a narrowed maximum, a removed and an added route, a transfer whose target changed).
# Baseline in the same run: `opmock lint` of the later folder alone (process start plus reading one folder), so the
# ratio says what comparing costs over reading. Each command runs RUNS times (default 5); the median is printed.
# Usage: bench/diff.sh [runs]   (repo root; needs dotnet). Not a test: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
DOCS=50
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
OPMOCK="src/OpMock.Cli/bin/Release/net10.0/opmock.dll"
dotnet build -c Release src/OpMock.Cli -v q -nologo >/dev/null

# copy FROM TO: each doc of FROM again as doc number 100+i, its routes suffixed with i, until TO holds $DOCS docs.
multiply() {
  local from="$1" to="$2" i=0 count=0 file name
  while [ "$count" -lt "$DOCS" ]; do
    i=$((i + 1))
    for file in "$from"/*/*.txt; do
      [ "$count" -lt "$DOCS" ] || break
      name="$(basename "$(dirname "$file")")/$((100 + i)).$(basename "$file" | cut -d. -f2-)"
      mkdir -p "$to/$(dirname "$name")"
      sed -e "s#/op/v2/\([A-Za-z]*\)#/op/v2/\1N$i#g" -e "s#get-op-api/9\.#get-op-api/$((100 + i)).#g" \
        -e "s/^\(#\{1,2\} \{0,1\}\)9\./\1$((100 + i))./" -e "s/> 9\./> $((100 + i))./" "$file" >"$to/$name"
      count=$((count + 1))
    done
  done
}
multiply tests/OpMock.Tests/TestDocs/diff/before "$WORK/before"
multiply tests/OpMock.Tests/TestDocs/diff/after "$WORK/after"

median() { # command... → median wall seconds of $RUNS runs (exit 1 is diff's answer, not a failure)
  local times=() start end
  for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(find "$WORK/before" -name '*.txt' | wc -l) and $(find "$WORK/after" -name '*.txt' | wc -l) docs; median of $RUNS runs"
LINT=$(median dotnet "$OPMOCK" lint --docs "$WORK/after")
DIFF=$(median dotnet "$OPMOCK" diff --base "$WORK/before" --docs "$WORK/after")
JSON=$(median dotnet "$OPMOCK" diff --base "$WORK/before" --docs "$WORK/after" --format json)
printf 'opmock lint (baseline) : %6.2f s\n' "$LINT"
printf 'opmock diff            : %6.2f s  (goal < 2 s)\n' "$DIFF"
printf 'opmock diff --format json: %4.2f s\n' "$JSON"
printf 'ratio diff / lint      : %6.2f\n' "$(echo "$DIFF / $LINT" | bc -l)"
dotnet "$OPMOCK" diff --base "$WORK/before" --docs "$WORK/after" | tail -1 || true
