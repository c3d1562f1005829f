#!/usr/bin/env python3
"""Soak phases against a running `opmock serve` (`bench/flood.sh soak` runs it), bounded, on loopback.

Each attacker comes from its own loopback addresses (127.0.x.y: Linux routes all of 127/8 to lo), so the server
counts them as other clients than the probe, which is a new client on 127.0.0.1.

  1. connection flood: FLOOD connections (default 40000), each sending one valid request and never reading,
     held until all are open, then closed; the server's RSS is then sampled for 60 s (goal: under 400 MB);
  2. slow readers: READERS connections (default 1000) each pipelining PIPELINED requests (default 2000) and
     never reading; meanwhile a new client asks every 0.25 s for 30 s (goal: every answer within 1 s);
  3. bodies that stall late: STALLERS connections (default 1500) each declaring 1,048,576 bytes and sending
     1,048,000, then nothing; how many the server answers or closes within 60 s, and its RSS (issue 16.3's
     deadline; the figure is recorded whatever the server does).

Prints figures and, last, PASS or FAIL for the goals of 1 and 2.
"""
import http.client, multiprocessing, os, resource, select, socket, sys, threading, time

direct, server_pid = sys.argv[1], int(sys.argv[2])
host, port = direct.split("//")[1].split(":")
port = int(port)
FLOOD = int(os.environ.get("FLOOD", 40000))
READERS = int(os.environ.get("READERS", 1000))
PIPELINED = int(os.environ.get("PIPELINED", 2000))
STALLERS = int(os.environ.get("STALLERS", 1500))
ROUTE = "/op/v2/getChatInfoByUserId"
VALID = b'{"userId":"u0001soak"}'
REQUEST = (f"POST {ROUTE} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(VALID)}\r\n\r\n").encode() + VALID
failures = []


def rss_mb():
    try:
        with open(f"/proc/{server_pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def threads():
    try:
        with open(f"/proc/{server_pid}/status") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def fds():
    try:
        return len(os.listdir(f"/proc/{server_pid}/fd"))
    except OSError:
        return None


def alive():
    return rss_mb() is not None


def probe(timeout=10):
    """A new client on 127.0.0.1: seconds until its answer (None when none came), the status, and seconds until
    its connection was accepted (a slow answer is told apart: the server's accept queue or its work)."""
    start = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    connected = None
    try:
        connection.connect()
        connected = time.monotonic() - start
        connection.request("POST", ROUTE, body=VALID, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        return time.monotonic() - start, response.status, connected
    except (OSError, http.client.HTTPException):
        return None, None, connected
    finally:
        connection.close()


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def source(block, index, per_address):
    return f"127.0.{block}.{1 + index // per_address}"


def open_all(block, count, per_address, parts, timeout):
    """Opens `count` connections from 127.0.<block>.x and sends `parts` on each: (the open sockets, how many failed)."""
    sockets, failed = [], 0
    for i in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(timeout)
        try:
            s.bind((source(block, i, per_address), 0))
            s.connect((host, port))
            for part in parts:
                s.sendall(part)
            sockets.append(s)
        except OSError:
            failed += 1
            s.close()
    return sockets, failed


def flood_worker(block, count, per_address, conn):
    """Opens `count` connections from 127.0.<block>.x, sends one request on each, reports, closes when told."""
    raise_fd_limit()
    sockets, failed = open_all(block, count, per_address, [REQUEST], 5)
    conn.send((len(sockets), failed))
    conn.recv()
    for s in sockets:
        s.close()
    conn.send("closed")


def phase_flood():
    workers, per_worker = 4, (FLOOD + 3) // 4
    print(f"[flood] {FLOOD} connections from 127.0.1-4.x ({per_worker} per process, 1000 per address), one request each, never read", flush=True)
    start, before = time.monotonic(), rss_mb()
    pipes, processes = [], []
    for w in range(workers):
        parent, child = multiprocessing.Pipe()
        process = multiprocessing.Process(target=flood_worker, args=(1 + w, per_worker, 1000, child))
        process.start()
        pipes.append(parent)
        processes.append(process)
    peak, opened, failed = before or 0, 0, 0
    pending = list(pipes)
    while pending:
        ready, _, _ = select.select(pending, [], [], 1.0)
        peak = max(peak, rss_mb() or 0)
        for pipe in ready:
            ok, bad = pipe.recv()
            opened, failed = opened + ok, failed + bad
            pending.remove(pipe)
    print(f"[flood] {opened} connected, {failed} failed to connect or send, in {time.monotonic() - start:.1f} s; "
          f"server RSS {before} MB before, {rss_mb()} MB with the flood held (peak {peak} MB), {fds()} fds", flush=True)
    # At the cap a new connection is closed as it arrives: the new client retries until it is let in (bounded).
    waited, served, tries = time.monotonic(), None, 0
    while served is None and time.monotonic() - waited < 30:
        tries += 1
        elapsed, status, _ = probe(timeout=5)
        if status == 200:
            served = time.monotonic() - waited
        else:
            time.sleep(0.1)
    print(f"[flood] a new client during the flood: {('served after %.2f s (%d tries)' % (served, tries)) if served is not None else 'NOT served within 30 s'}", flush=True)
    for pipe in pipes:
        pipe.send("close")
    for pipe in pipes:
        pipe.recv()
    for process in processes:
        process.join()
    ended = time.monotonic()
    samples, under = [], None
    for second in range(0, 61, 5):
        target = ended + second
        while time.monotonic() < target:
            time.sleep(min(0.5, target - time.monotonic()))
        value = rss_mb()
        samples.append(f"{second}:{value}")
        if under is None and value is not None and value < 400:
            under = second
    print(f"[flood] after it ended, RSS (s:MB): {' '.join(samples)}", flush=True)
    print(f"[flood] RSS under 400 MB {('after %d s' % under) if under is not None else 'NOT within 60 s'} (goal: within 60 s)", flush=True)
    if under is None:
        failures.append("RSS not under 400 MB within 60 s of the flood")
    if not alive():
        failures.append("server died in the flood")


def phase_slow_readers():
    raise_fd_limit()
    print(f"[slow] {READERS} connections from 127.0.5.x each pipelining {PIPELINED} requests, never reading", flush=True)
    payload = REQUEST * PIPELINED
    readers, offsets = [], []
    for i in range(READERS):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.bind((source(5, i, 100), 0))
            s.connect((host, port))
            s.setblocking(False)
            readers.append(s)
            offsets.append(0)
        except OSError:
            s.close()
    start, before, peak = time.monotonic(), rss_mb(), [0]
    latencies, unanswered, late, samples = [], [], [], []

    def probes():
        # A new client every 0.25 s (on 127.0.0.1), timed, on its own thread so the writers never delay it.
        while time.monotonic() - start < 30:
            asked = time.monotonic()
            samples.append((asked - start, threads()))
            elapsed, status, connected = probe(timeout=5)
            if elapsed is None or status != 200:
                unanswered.append(asked - start)
            else:
                latencies.append(elapsed)
            if elapsed is None or elapsed > 1.0:
                late.append((asked - start, elapsed, connected, status))
            peak[0] = max(peak[0], rss_mb() or 0)
            time.sleep(max(0, 0.25 - (time.monotonic() - asked)))

    prober = threading.Thread(target=probes)
    prober.start()
    while time.monotonic() - start < 30:
        progress = False
        for i, s in enumerate(readers):
            if s is None or offsets[i] >= len(payload):
                continue
            try:
                sent = s.send(payload[offsets[i]:offsets[i] + 65536])
                offsets[i] += sent
                progress = progress or sent > 0
            except BlockingIOError:
                pass
            except OSError:
                s.close()
                readers[i] = None
        if not progress:
            time.sleep(0.05)
    prober.join()
    sent = sum(offsets) // len(REQUEST)
    cut = sum(1 for s in readers if s is None)
    for s in readers:
        if s is not None:
            s.close()
    latencies.sort()
    slow = sum(1 for t in latencies if t > 1.0)
    worst = latencies[-1] if latencies else float("nan")
    median = latencies[len(latencies) // 2] if latencies else float("nan")
    print(f"[slow] {len(readers)} connected, {sent} requests written in all, {cut} connections cut by the server while writing; "
          f"server RSS {before} MB before, peak {peak[0]} MB", flush=True)
    print(f"[slow] new clients: {len(latencies) + len(unanswered)} asked, {len(latencies)} answered 200 (median {median:.3f} s, worst {worst:.3f} s), "
          f"{slow} took over 1 s, {len(unanswered)} got no 200 within 5 s (goal: all within 1 s)", flush=True)
    if late:
        print("[slow] server threads (s:n): " + " ".join(f"{t:.1f}:{n}" for t, n in samples[:40]), flush=True)
    for asked, elapsed, connected, status in late:
        print(f"[slow]   asked at {asked:.1f} s: connected after {'never' if connected is None else f'{connected:.3f} s'}, "
              f"{'no answer' if elapsed is None else f'answered {status} after {elapsed:.3f} s'}", flush=True)
    if slow or unanswered:
        failures.append(f"{slow + len(unanswered)} new clients not answered within 1 s while slow readers held their connections")


def stall_worker(block, count, conn):
    raise_fd_limit()
    body = b"x" * 1_048_000
    head = (f"POST {ROUTE} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n").encode()
    sockets, failed = open_all(block, count, 100, [head, body], 30)
    for s in sockets:
        s.setblocking(False)
    conn.send((len(sockets), failed))
    # Then count, every 5 s for 60 s, how many the server answered (a 408) or closed.
    ended = {}
    start = time.monotonic()
    for second in range(5, 61, 5):
        while time.monotonic() - start < second:
            time.sleep(0.2)
        for index, s in enumerate(sockets):
            if index in ended:
                continue
            try:
                s.recv(4096)  # an answer (the 408) or b"" (closed): either way the server ended it
                ended[index] = second
            except BlockingIOError:
                pass
            except OSError:
                ended[index] = second
        conn.send((second, len(ended)))
    for s in sockets:
        s.close()


def phase_stalled_bodies():
    workers, per_worker = 4, (STALLERS + 3) // 4
    print(f"[stall] {STALLERS} connections from 127.0.6-9.x each sending 1,048,000 of a declared 1,048,576 bytes, then nothing", flush=True)
    before, peak = rss_mb(), 0
    pipes, processes = [], []
    for w in range(workers):
        parent, child = multiprocessing.Pipe()
        process = multiprocessing.Process(target=stall_worker, args=(6 + w, per_worker, child))
        process.start()
        pipes.append(parent)
        processes.append(process)
    sent = [pipe.recv() for pipe in pipes]
    print(f"[stall] {sum(s[0] for s in sent)} sent their bytes ({sum(s[1] for s in sent)} failed); server RSS {before} MB before, {rss_mb()} MB now", flush=True)
    timeline = []
    for _ in range(12):
        counts = [pipe.recv() for pipe in pipes]
        second = counts[0][0]
        value = rss_mb()
        peak = max(peak, value or 0)
        timeline.append(f"{second}s:{sum(c[1] for c in counts)} answered/closed, RSS {value} MB")
    for process in processes:
        process.join()
    print("[stall] " + "; ".join(timeline), flush=True)
    print(f"[stall] peak RSS {peak} MB; after the stalled connections closed {rss_mb()} MB", flush=True)


multiprocessing.set_start_method("fork")
print(f"server: RSS {rss_mb()} MB, {fds()} fds at start", flush=True)
if FLOOD:
    phase_flood()
if READERS:
    phase_slow_readers()
if STALLERS:
    phase_stalled_bodies()
elapsed, status, _ = probe()
print(f"next valid request: {status}", flush=True)
if status != 200:
    failures.append("the next valid request failed")
print("FAIL: " + "; ".join(failures) if failures else "PASS", flush=True)
sys.exit(1 if failures else 0)
