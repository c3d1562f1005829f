#!/usr/bin/env python3
"""Soak of `opmock proxy --timeout` (issue 16.4) against a dribbling target, on loopback (bench/flood-proxy.sh runs it).

A raw-socket target answers each request with its headers and `Content-Length: 100000` (or 20 MiB, of which it
sends 9 MiB at once: past what the proxy holds to check, so headers go on to the client), then one byte per
second. The proxy runs with --timeout TIMEOUT (default 5 s). Then:

  1. DRIBBLERS clients at once (default 200) on a documented route: each must get a 504 within the timeout (+2 s);
  2. LARGE clients at once (default 20) on the large body: each must see its connection cut within the timeout (+2 s);
  3. UPLOADERS clients at once (default 200) declaring 100,000 bytes and sending 99,000 at once, then nothing (a
     stall late enough that Kestrel's average-rate check never fires): each must get a 408 within the upload
     deadline (10 s + 100,000 B at 32 KiB/s = 13.05 s, +2 s);
  4. one ordinary request must still pass.

Usage: flood_proxy.py OPMOCK_DLL; prints figures and PASS or FAIL.
"""
import os, re, socket, subprocess, sys, threading, time

opmock = sys.argv[1]
TIMEOUT = float(os.environ.get("TIMEOUT", 5))
DRIBBLERS = int(os.environ.get("DRIBBLERS", 200))
LARGE = int(os.environ.get("LARGE", 20))
UPLOADERS = int(os.environ.get("UPLOADERS", 200))
ROUTE = "/op/v2/getChatInfoByUserId"
UPLOAD_DEADLINE = 10 + 100_000 / (32 * 1024)
OK_BODY = b'{"code":200,"message":"ok","data":null,"page":null,"foot":null}'
stop = threading.Event()
failures = []


def serve_target(listener):
    while not stop.is_set():
        try:
            client, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=answer, args=(client,), daemon=True).start()


def answer(client):
    with client:
        try:
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1)) if re.search(rb"(?i)content-length:", head) else 0
            body = head.split(b"\r\n\r\n", 1)[1]
            while len(body) < length:
                chunk = client.recv(65536)
                if not chunk:
                    return
                body += chunk
            if "case=dribble" in line or "case=large" in line:
                declared, first = (100_000, b"{") if "case=dribble" in line else (20 << 20, b"x" * (9 << 20))
                client.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n".encode() + first)
                while not stop.is_set():
                    time.sleep(1)
                    client.sendall(b" ")
            else:
                client.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(OK_BODY)}\r\nConnection: close\r\n\r\n".encode() + OK_BODY)
        except OSError:
            pass


def exchange(proxy_port, target, upload=None, results=None):
    """Sends one request through the proxy; appends (seconds, status or 'cut', bytes of body received)."""
    start = time.monotonic()
    status, received = None, 0
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT + UPLOAD_DEADLINE + 30)
    try:
        s.connect(("127.0.0.1", proxy_port))
        if upload is None:
            s.sendall(f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}".encode())
        else:
            declared, sent = upload
            s.sendall(f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n".encode() + b"{" * sent)
        # Read the head, then the body by its Content-Length: a complete answer ends there (the connection stays open).
        data, length = b"", None
        while length is None or received < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            if length is None:
                data += chunk
                if b"\r\n\r\n" in data:
                    head, rest = data.split(b"\r\n\r\n", 1)
                    status = int(head.split(b" ", 2)[1])
                    match = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
                    length = int(match.group(1)) if match else float("inf")
                    received = len(rest)
            else:
                received += len(chunk)
        outcome = status if length is not None and received >= length else ("cut" if status is not None else None)
    except OSError:
        outcome = "cut" if status is not None else None
    finally:
        s.close()
    results.append((time.monotonic() - start, outcome, received, status))


def crowd(count, proxy_port, target, upload=None):
    shared = []
    threads = [threading.Thread(target=exchange, args=(proxy_port, target, upload, shared), daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return shared


def proxy_memory(pid):
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1]) // 1024
    return values


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(1024)
threading.Thread(target=serve_target, args=(listener,), daemon=True).start()
target_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
proxy = subprocess.Popen(["dotnet", opmock, "proxy", "--target", target_url, "--port", "0", "--timeout", f"{TIMEOUT:g}s"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
first = proxy.stdout.readline()
match = re.search(r"listening on http://[^:]+:(\d+)", first)
if not match:
    print("proxy did not start: " + first + proxy.stdout.read(2000))
    sys.exit(2)
proxy_port = int(match.group(1))
log_lines = []
threading.Thread(target=lambda: log_lines.extend(proxy.stdout), daemon=True).start()
print(f"proxy on port {proxy_port}, --timeout {TIMEOUT:g}s, target {target_url}; memory {proxy_memory(proxy.pid)}", flush=True)

results = crowd(DRIBBLERS, proxy_port, ROUTE + "?case=dribble")
times = sorted(r[0] for r in results)
got = {}
for r in results:
    got[r[1]] = got.get(r[1], 0) + 1
late = sum(1 for r in results if r[1] != 504 or r[0] > TIMEOUT + 2)
print(f"[dribble] {DRIBBLERS} clients: outcomes {got}; time to answer min {times[0]:.2f} s, max {times[-1]:.2f} s; {late} not a 504 within {TIMEOUT + 2:g} s", flush=True)
if late:
    failures.append(f"{late} dribbling exchanges not a 504 within the timeout")

results = crowd(LARGE, proxy_port, ROUTE + "?case=large")
times = sorted(r[0] for r in results)
late = sum(1 for r in results if r[3] != 200 or r[0] > TIMEOUT + 2 or r[2] >= (20 << 20))
print(f"[large] {LARGE} clients: headers 200 then cut after {min(r[2] for r in results) >> 20}-{max(r[2] for r in results) >> 20} MiB; "
      f"time to the cut min {times[0]:.2f} s, max {times[-1]:.2f} s; {late} not cut within {TIMEOUT + 2:g} s", flush=True)
if late:
    failures.append(f"{late} large dribbling bodies not cut at the timeout")

results = crowd(UPLOADERS, proxy_port, ROUTE + "?case=ok", upload=(100_000, 99_000))
times = sorted(r[0] for r in results)
got = {}
for r in results:
    got[r[1]] = got.get(r[1], 0) + 1
late = sum(1 for r in results if r[1] != 408 or r[0] > UPLOAD_DEADLINE + 2)
print(f"[upload] {UPLOADERS} clients declaring 100000 bytes, sending 99000: outcomes {got}; time to answer min {times[0]:.2f} s, "
      f"max {times[-1]:.2f} s (deadline {UPLOAD_DEADLINE:.2f} s); {late} not a 408 within {UPLOAD_DEADLINE + 2:.1f} s", flush=True)
if late:
    failures.append(f"{late} stalled uploads not a 408 at their deadline")

ok = crowd(1, proxy_port, ROUTE + "?case=ok")[0]
print(f"[after] an ordinary request: {ok[1]} in {ok[0]:.2f} s; proxy memory {proxy_memory(proxy.pid)}", flush=True)
if ok[1] != 200:
    failures.append("the ordinary request after the soak failed")
# Idle: the proxy gives back what the burst left (its idle trim looks every 10 s); sampled for 30 s.
idle = []
for second in range(0, 31, 5):
    if second:
        time.sleep(5)
    idle.append(f"{second}:{proxy_memory(proxy.pid)['VmRSS']}")
print(f"[idle] proxy RSS after the soak (s:MB): {' '.join(idle)}", flush=True)
stop.set()
proxy.terminate()
proxy.wait(timeout=30)
def count(text):
    return sum(1 for line in log_lines if text in line)


print(f"[log] {len(log_lines)} lines; {count('warning: 504:')} notes of a 504, {count('warning: connection cut at the deadline')} of a cut, "
      f"{count('warning: 408:')} of a 408", flush=True)
print("FAIL: " + "; ".join(failures) if failures else "PASS", flush=True)
sys.exit(1 if failures else 0)
