"""Sessions bench client (bench/sessions.sh): many sessions writing, and reads during a flood of writes.

Usage: sessions.py DIRECT APP SESSIONS WORLD_OP
Prints PHASE lines and waits for a line on stdin after each, so the shell can read the server's RSS between phases.
Uses only the standard library; requests go over keep-alive connections, several threads at once.
"""
import http.client
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

DIRECT, APP, SESSIONS, OTHER_OP = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
OP = "o0001403351be22c648efa24c20e842fd7351"
CHAT = "u0001d68d5da979194a4b831097de49db3dd2"
USER = "u0001248512029e4eb9d971c77e35f37f3506"
local = threading.local()
failures = []


def conn(base):
    key = "c" + base
    c = getattr(local, key, None)
    if c is None:
        u = urlparse(base)
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        setattr(local, key, c)
    return c


def post(route, body, session, via_app=False):
    base = APP if via_app else DIRECT
    path = "/opapp/transfer" if via_app else route
    if via_app:
        body = dict(reqUrl=route, **body)
    headers = {"Content-Type": "application/json", "X-OpMock-Session": session}
    for attempt in range(2):
        c = conn(base)
        try:
            c.request("POST", path + "?token=" + OP, json.dumps(body, ensure_ascii=False).encode(), headers)
            r = c.getresponse()
            data = r.read()
            if r.status != 200:
                failures.append((route, r.status, data[:200]))
            return data
        except (http.client.HTTPException, OSError):
            setattr(local, "c" + base, None)
            if attempt == 1:
                failures.append((route, "connection", ""))
    return b""


def session_writes(k):
    s = "bench-%05d" % k
    app = k % 2 == 1
    post("/op/v2/setOnline", {"staffId": OP, "online": True}, s, app)
    post("/op/v2/sendMessage", {"chatId": CHAT, "staffId": OP, "content": "第%d条消息" % k}, s, not app)
    post("/op/v2/sendMessage", {"chatId": CHAT, "staffId": OP, "content": "您好，请问有什么可以帮您？"}, s, app)
    post("/op/v2/addUserAddress", {"userId": USER, "address": "北京市朝阳区望京街%d号" % k, "remark": "家"}, s, not app)
    post("/op/v2/updateChatRemark", {"chatId": CHAT, "remark": "老客户"}, s, app)
    post("/op/v2/transferChat", {"chatId": CHAT, "staffId": OP, "toStaffId": OTHER_OP}, s, not app)
    post("/op/v2/closeChat", {"chatId": CHAT, "staffId": OP}, s, app)
    post("/op/v2/receives", {}, s, not app)
    post("/op/v2/getMessagePage", {"chatId": CHAT, "pageNo": 1, "pageSize": 50}, s, app)


def phase(name):
    print("PHASE " + name, flush=True)
    sys.stdin.readline()


phase("idle")
start = time.time()
with ThreadPoolExecutor(8) as pool:
    list(pool.map(session_writes, range(SESSIONS)))
took = time.time() - start
print("  %d sessions x 7 writes + 2 reads: %.1f s, %.0f requests/s, %d failures" % (SESSIONS, took, SESSIONS * 9 / took, len(failures)), flush=True)
phase("written")

# A flood of writes into one session while reads of the seeded world and of that session go on.
stop = threading.Event()
writes = [0]


def writer(n):
    while not stop.is_set():
        post("/op/v2/updateChatRemark", {"chatId": CHAT, "remark": "flood %d" % writes[0]}, "flood", n % 2 == 1)
        writes[0] += 1


latencies = []
threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
end = time.time() + 10
while time.time() < end:
    t0 = time.time()
    post("/op/v2/getChatInfoByUserId", {"userId": "u0001%032x" % len(latencies)}, "reader")
    post("/op/v2/receives", {}, "flood")
    latencies.append(time.time() - t0)
stop.set()
for t in threads:
    t.join()
latencies.sort()
print("  write flood: %d writes by 6 clients in 10 s; meanwhile %d read pairs, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d failures"
      % (writes[0], len(latencies), latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.99)] * 1000,
         latencies[-1] * 1000, len(failures)), flush=True)
phase("flooded")
for f in failures[:5]:
    print("  failure:", f, flush=True)
sys.exit(1 if failures else 0)
