#!/usr/bin/env python3
"""Reads `perf script` output (stdin) of an `opmock serve` profiled with DOTNET_PerfMapEnabled=1 and prints where
the CPU went, by stage of a request. Each sample is charged to the innermost frame (leaf first) that names a stage;
a sample with no such frame is the kernel's, the GC's or the runtime's. Usage: perf script | bench/profile.py"""
import re
import sys
from collections import Counter

# (stage, pattern) in order: the first pattern a frame matches names its stage; frames matching none are skipped.
STAGES = [
    ("request validation (NJsonSchema, its JSON text)", r"NJsonSchema|Newtonsoft\.Json|OpMock\.Core\.Validation\.|OpJson::ToCompactText|OpMock\.Core\.Server\.MockEngine::DirectAsync.*ToCompact"),
    ("session state (store, overlay)", r"OpMock\.Core\.World\.State\."),
    ("write actions (preconditions, changes)", r"OpMock\.Core\.World\.Actions\."),
    ("rules, lists, consistency", r"OpMock\.Core\.World\.(Rules|Lists|Consistency)\."),
    ("discovered kinds", r"OpMock\.Core\.World\.Kinds\."),
    ("world generation (entities, values, Bogus)", r"OpMock\.Core\.World\.|Bogus\."),
    ("answer serialization (envelope, writer)", r"OpMock\.Core\.Server\.(Envelope|ReplyWriter)|OpMock\.Core\.Json\."),
    ("request parse and gate", r"OpMock\.Core\.Server\.(Gate|BodyReader|RequestBody|MockRequest|JsonHazards|JsonDuplicates|BodyBudget|HeaderEncoding|CanonicalPath|TransferBody|SessionName|OriginCheck)"),
    ("request log (exchange, hub, WireMock's log)", r"OpMock\.Core\.Server\.(RequestLog|Exchange|ExchangeDraft|ExchangeHub|WireMockLog|ResponseCapture)|OpMock\.Core\.Console\.|WireMock\."),
    ("server pipeline (engine, routing, cache)", r"OpMock\.Core\.Server\.|OpMock\.Core\."),
    ("Kestrel and sockets", r"Microsoft\.AspNetCore\.|System\.Net\.|System\.IO\.Pipelines"),
]
COMPILED = [(name, re.compile(p)) for name, p in STAGES]
GC = re.compile(r"gc_heap|GCHeap|WKS::|SVR::|gc\.cpp|GCToEE|Gen2|mark_|plan_phase|relocate|memclr|background_")


def stage(frames):
    for sym, dso in frames:
        for name, pattern in COMPILED:
            if pattern.search(sym):
                return name
    leaf_sym, leaf_dso = frames[0] if frames else ("", "")
    if any(GC.search(s) for s, _ in frames):
        return "GC"
    if "kernel" in leaf_dso or leaf_dso.startswith("[k"):
        return "kernel (TCP, scheduling)"
    if "libcoreclr" in leaf_dso or "libclrjit" in leaf_dso:
        return "runtime (JIT, type system, thread pool)"
    return "other (libc, runtime helpers, unresolved)"


def samples(lines):
    frames = []
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            if frames:
                yield frames
            frames = []
            continue
        if line[0] in " \t":
            m = re.match(r"\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$", line)
            if m:
                frames.append((m.group(1), m.group(2)))
        else:
            if frames:
                yield frames
            frames = []
    if frames:
        yield frames


counts = Counter(stage(f) for f in samples(sys.stdin))
total = sum(counts.values()) or 1
print(f"{'stage':50} {'share':>7}  samples")
for name, n in counts.most_common():
    print(f"{name:50} {100.0 * n / total:6.1f} %  {n}")
print(f"{'total':50} {100.0:6.1f} %  {total}")
