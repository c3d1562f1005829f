#!/usr/bin/env python3
"""The state-bytes round of `bench/flood.sh soak` (issue 31.1), against a running `opmock serve` on the write docs.

  A. 300 writes of a 1 MB message, each in a session of its own (the attack of issue 31): every one is refused
     (a written value keeps at most 65,536 characters unless its doc says otherwise), RSS stays near idle;
  B. the byte budgets at work: 300 sessions x 16 messages of 60,000 characters (~1.9 MB of state a session, ~570 MB
     in all against the default budget of 128 MB for all sessions): writes past the budget answer 503;
  then every session is reset and RSS is sampled for 20 s.

Goals (issue 31.1): RSS within +400 MB of idle through A and B; within +150 MB of idle 20 s after the reset.
Prints figures and, last, PASS or FAIL.
"""
import http.client, json, os, socket, sys, time

direct, server_pid = sys.argv[1], int(sys.argv[2])
host, port = direct.split("//")[1].split(":")
port = int(port)
OP = "o0001403351be22c648efa24c20e842fd7351"
CHAT = "u0001d68d5da979194a4b831097de49db3dd2"
ROUTE = f"/op/v2/sendMessage?token={OP}"
failures = []


def rss_mb():
    with open(f"/proc/{server_pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return None


def send(connection, session, content):
    body = json.dumps({"chatId": CHAT, "staffId": OP, "content": content}, ensure_ascii=False).encode()
    connection.request("POST", ROUTE, body, {"Content-Type": "application/json", "X-OpMock-Session": session})
    response = connection.getresponse()
    response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    return response.status


def redis_mb():
    """What the Redis of STATE_STORE (redis://HOST:PORT/DB) holds, in MB; None for state in memory."""
    store = os.environ.get("STATE_STORE", "")
    if not store.startswith("redis://"):
        return None
    address = store[len("redis://"):].split("/")[0].rsplit("@", 1)[-1]
    redis_host, redis_port = address.rsplit(":", 1)
    with socket.create_connection((redis_host, int(redis_port)), timeout=5) as redis:
        redis.sendall(b"INFO memory\r\n")
        reply = b""
        # A bulk string: "$LENGTH\r\n" then that many bytes and "\r\n".
        while b"\r\n" not in reply or len(reply) < reply.index(b"\r\n") + 2 + int(reply[1:reply.index(b"\r\n")]):
            chunk = redis.recv(65536)
            if not chunk:
                break
            reply += chunk
    for line in reply.decode(errors="replace").splitlines():
        if line.startswith("used_memory:"):
            return int(line.split(":")[1]) // (1024 * 1024)
    return None


def redis_note():
    held = redis_mb()
    return "" if held is None else f"; Redis holds {held} MB"


def tally(statuses):
    return ", ".join(f"{count}x {status}" for status, count in sorted({s: statuses.count(s) for s in statuses}.items()))


connection = http.client.HTTPConnection(host, port, timeout=30)
send(connection, "warm", "热身")
idle = rss_mb()
print(f"[state] idle RSS {idle} MB{redis_note()}", flush=True)

peak, statuses = idle, []
megabyte = "x" * 1_000_000
for i in range(300):
    statuses.append(send(connection, f"mb-{i}", megabyte))
    peak = max(peak, rss_mb())
print(f"[state] A: 300 writes of 1 MB in 300 sessions: {tally(statuses)}; peak RSS {peak} MB, now {rss_mb()} MB", flush=True)
if peak - idle > 400:
    failures.append(f"A: RSS {peak} MB, more than +400 MB over idle {idle} MB")

peak, statuses, started = idle, [], time.monotonic()
message = "字" * 60_000
for i in range(300):
    for _ in range(16):
        statuses.append(send(connection, f"budget-{i}", message))
    peak = max(peak, rss_mb())
print(f"[state] B: 300 sessions x 16 messages of 60,000 characters in {time.monotonic() - started:.1f} s: {tally(statuses)}; "
      f"peak RSS {peak} MB, now {rss_mb()} MB{redis_note()}", flush=True)
if peak - idle > 400:
    failures.append(f"B: RSS {peak} MB, more than +400 MB over idle {idle} MB")
if 503 not in statuses:
    failures.append("B: no write was refused by the byte budget")

connection.request("POST", "/__admin/opmock/reset", b"{}", {"Content-Type": "application/json"})
connection.getresponse().read()
samples = []
for _ in range(20):
    time.sleep(1)
    samples.append(rss_mb())
print(f"[state] after resetting every session, RSS each second for 20 s: {samples}{redis_note()}", flush=True)
if samples[-1] - idle > 150:
    failures.append(f"reset: RSS {samples[-1]} MB 20 s later, more than +150 MB over idle {idle} MB")

print("FAIL: " + "; ".join(failures) if failures else "PASS", flush=True)
sys.exit(1 if failures else 0)
