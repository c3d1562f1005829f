#!/usr/bin/env python3
"""Attacks a running `opmock serve` on loopback, bounded, and prints figures (bench/flood.sh runs it).

Phases: (1) a connection flood: more idle connections than the server's cap, held open, then a new client
must be served (timed) while the flood holds; (2) 1000 POSTs of ~1 MiB bodies, then a read of the request
log; (3) a settings change through the admin API, then load. The server's RSS is sampled by the caller
between phases (the script prints PHASE lines and waits for a line on stdin).
"""
import json, resource, socket, sys, time, urllib.request

direct, app, connections, bodies = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host, port = direct.split("//")[1].split(":")
port = int(port)

def phase(name):
    print("PHASE " + name, flush=True)
    sys.stdin.readline()

def post(url, body, content_type="application/json", timeout=10):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

valid = b'{"userId":"u0001flood"}'
route = direct + "/op/v2/getChatInfoByUserId"

# (1) Connection flood: idle sockets, held, more than the cap, from one client (127.0.0.2: Linux routes all of 127/8
# to lo). The server gives one client address a quarter of its cap; the new client below comes from 127.0.0.1.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, connections + 512), hard))
flood, refused = [], 0
start = time.monotonic()
for _ in range(connections):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.bind(("127.0.0.2", 0))
        s.connect((host, port))
        flood.append(s)
    except OSError:
        refused += 1
        s.close()
opened = time.monotonic() - start
# Sockets the server closed at once (over the cap) read as EOF/reset; the rest it holds.
closed = 0
for s in flood:
    s.setblocking(False)
    try:
        if s.recv(1) == b"":
            closed += 1
    except BlockingIOError:
        pass
    except OSError:
        closed += 1
print(f"flood: {len(flood)} connected of {connections} in {opened:.1f} s, {refused} refused at connect, {closed} closed by the server at once", flush=True)
phase("flood-held")

served_after, status = None, None
start = time.monotonic()
for attempt in range(600):  # bounded: at most ~60 s
    try:
        status, _ = post(route, valid, timeout=2)
        served_after = time.monotonic() - start
        break
    except OSError:
        time.sleep(0.1)
print(f"new client (another address) during the flood: {'served ' + str(status) + f' after {served_after:.2f} s' if served_after is not None else 'NOT served within 60 s'}", flush=True)
for s in flood:
    s.close()
flood.clear()

# (2) ~1 MiB bodies, then the request log.
pad = b"x" * ((1 << 20) - 100)
big = b'{"userId":"u0001big","pad":"' + pad + b'"}'
start = time.monotonic()
statuses = {}
for _ in range(bodies):
    code, _ = post(route, big, content_type="text/plain")
    statuses[code] = statuses.get(code, 0) + 1
print(f"{bodies} bodies of {len(big)} bytes in {time.monotonic() - start:.1f} s: statuses {statuses}", flush=True)
phase("after-bodies")
with urllib.request.urlopen(direct + "/__admin/requests", timeout=30) as response:
    log = response.read()
print(f"/__admin/requests: {len(json.loads(log))} entries, {len(log) // 1024} KB", flush=True)
phase("after-log-read")

# (3) Settings changed through the admin API, then load; a gzip body is not inflated.
request = urllib.request.Request(direct + "/__admin/settings", data=b'{"AllowPartialMapping":false}', headers={"Content-Type": "application/json"}, method="PUT")
with urllib.request.urlopen(request, timeout=10) as response:
    print(f"PUT /__admin/settings: {response.status}", flush=True)
for i in range(2000):
    post(route, b'{"userId":"u0001s%d"}' % i)
with urllib.request.urlopen(direct + "/__admin/requests", timeout=30) as response:
    print(f"after 2000 more requests the log holds {len(json.loads(response.read()))} entries", flush=True)
code, _ = post(route, big, content_type="text/plain")
status, _ = post(route, valid)
print(f"next valid request: {status}", flush=True)
phase("end")
