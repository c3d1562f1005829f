#!/usr/bin/env bash
# A HAR of ENTRIES failing entries (default 1,000,000) through `opmock validate` with every report at once:
# peak RSS (GNU time's %M) and wall time, then a check that each report is complete. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-1000000}
out=${TMPDIR:-/tmp}/opmock-bench-failing-out
mkdir -p "$out"
dotnet build -c Release -v q src/OpMock.Cli >/dev/null
dotnet build -c Release -v q bench/Har >/dev/null
har=${TMPDIR:-/tmp}/opmock-bench-failing-$entries.har
[ -f "$har" ] || dotnet bench/Har/bin/Release/net10.0/OpMock.Bench.Har.dll failing "$entries"
cli=src/OpMock.Cli/bin/Release/net10.0/opmock.dll
run() {
  local name=$1; shift
  set +e
  /usr/bin/time -f "$name: peak RSS %M KB, %e s" dotnet "$cli" validate --har "$har" "$@"
  echo "$name: exit $?" >&2
  set -e
}
run text --junit "$out/junit.xml" --html "$out/report.html" > "$out/report.txt"
run json --format json > "$out/report.json"
python3 - "$out" "$entries" <<'PY'
import json, sys, re
out, entries = sys.argv[1], int(sys.argv[2])
documented = entries - entries // 10
text = open(f"{out}/report.txt", encoding="utf-8").read()
last = text.rstrip("\n").split("\n")[-1]
print("text :", last)
j = json.load(open(f"{out}/report.json", encoding="utf-8"))
print("json :", len(j["responses"]), "responses,", len(j["skippedResponses"]), "skipped,", "checked", j["checked"], "failed", j["failed"])
junit = open(f"{out}/junit.xml", encoding="utf-8").read()
cases = junit.count("<testcase "); skipped = junit.count("<skipped ")
head = re.search(r'<testsuites [^>]*>', junit).group(0)
print("junit:", cases, "testcases,", skipped, "skipped;", head)
html = open(f"{out}/report.html", encoding="utf-8").read()
print("html :", len(html) // 1024, "KiB;", re.search(r'<p class="verdict[^>]*>[^<]*', html).group(0))
assert j["checked"] == documented and len(j["responses"]) == documented and len(j["skippedResponses"]) == entries - documented
assert cases == entries and skipped == entries - documented
assert f"{documented} responses checked, {documented} failed" in last
print("every report is complete")
PY
