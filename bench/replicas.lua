-- 10 % writes across 100 sessions, on the test write docs (tests/OpMock.Tests/TestDocs/actions): every tenth request
-- is a write (in turn a chat's remark, the OP online or offline, a message sent in a chat), the others read what writes
-- change (the OP's 2.19 list with its chats, a chat's detail). Each request goes to the next of SESSIONS sessions
-- (X-OpMock-Session), over 50 chats. OFFSET shifts the sessions of a second wrk process.
local sessions = tonumber(os.getenv("SESSIONS") or "100")
local offset = tonumber(os.getenv("OFFSET") or "0")
local op = "o0001403351be22c648efa24c20e842fd7351"
local counter = 0

request = function()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["X-OpMock-Session"] = "s" .. ((counter + offset) % sessions) }
  local chat = string.format("u0001%032x", counter % 50)
  local path, body
  if counter % 10 == 0 then
    local kind = (counter / 10) % 3
    if kind == 0 then
      path, body = "/op/v2/updateChatRemark", string.format('{"chatId":"%s","remark":"备注%d"}', chat, counter)
    elseif kind == 1 then
      path, body = "/op/v2/setOnline", string.format('{"staffId":"%s","online":%s}', op, (counter % 20 == 0) and "true" or "false")
    else
      path, body = "/op/v2/sendMessage", string.format('{"chatId":"%s","staffId":"%s","content":"消息%d"}', chat, op, counter)
    end
  elseif counter % 2 == 0 then
    path, body = "/op/v2/receives", "{}"
  else
    path, body = "/op/v2/getChatDetail", string.format('{"chatId":"%s"}', chat)
  end
  return wrk.format("POST", path .. "?token=" .. op, headers, body)
end
