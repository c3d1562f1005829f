-- Issue 18.7's round: 10 % writes across 100 sessions, the rest reads naming a new user per request.
-- Serve the write docs (as bench/sessions.sh does), then run against each port, e.g.:
--   wrk -t2 -c32 -d15s --latency -s bench/actions.lua http://127.0.0.1:PORT/op/v2/getChatInfoByUserId
--   APP=1 wrk -t2 -c32 -d15s --latency -s bench/actions.lua http://127.0.0.1:APP_PORT/opapp/transfer
-- and compare with bench/post.lua on the same server (the read-only rate) in the same run.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local app = os.getenv("APP") == "1"
local op = "o0001403351be22c648efa24c20e842fd7351"
-- One open chat of the world (most generated chats are closed, and a closed chat refuses a send). A session keeps at
-- most 1,000 messages of one chat: on an idle machine the one-session round reaches that after ~2 s and its later
-- sends answer 503 (counted, not hidden); the 100-session rounds stay far below it.
local chat = "u0001d68d5da979194a4b831097de49db3dd2"
local counter = 0
-- SESSIONS=1 puts every write into one session, which grows through the round: a write's cost should not grow with it.
-- A write's session is counted in writes (counter / 10), so writes reach every session, not every tenth.
local sessions = tonumber(os.getenv("SESSIONS") or "100")
request = function()
  counter = counter + 1
  local route, body
  local write = counter % 10 == 0
  if write then
    if counter % 20 == 0 then
      route, body = "/op/v2/sendMessage", string.format('"chatId":"%s","staffId":"%s","content":"消息%d"', chat, op, counter)
    else
      route, body = "/op/v2/updateChatRemark", string.format('"chatId":"%s","remark":"备注%d"', chat, counter)
    end
  else
    route, body = "/op/v2/getChatInfoByUserId", string.format('"userId":"u0001%032x"', counter)
  end
  local headers = { ["Content-Type"] = "application/json", ["X-OpMock-Session"] = string.format("bench-%02d", (write and math.floor(counter / 10) or counter) % sessions) }
  if app then
    return wrk.format(nil, "/opapp/transfer?token=" .. op, headers, '{"reqUrl":"' .. route .. '",' .. body .. "}")
  end
  return wrk.format(nil, route .. "?token=" .. op, headers, "{" .. body .. "}")
end

-- The first few answers that are not 2xx, printed (status and body) so a round says why, not just how many.
local shown = 0
response = function(status, headers, body)
  if status >= 300 and shown < 3 then
    shown = shown + 1
    io.stderr:write(string.format("non-2xx %d: %s\n", status, string.sub(body or "", 1, 300)))
  end
end
