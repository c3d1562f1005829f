-- Issue 21's harder mix: 10 % writes across 100 sessions, as bench/actions.lua, but the reads are of what the writes
-- change (the OP's 2.19 list with its chats, a chat's detail), so a replica reads the session's records again
-- whenever another replica wrote. Writes in turn: a chat's remark, the OP online or offline, a message sent.
-- APP=1 sends everything through /opapp/transfer. Used by bench/replicas.sh (MIX=replicas).
wrk.method = "POST"
local app = os.getenv("APP") == "1"
local op = "o0001403351be22c648efa24c20e842fd7351"
local counter = 0
request = function()
  counter = counter + 1
  local chat = string.format("u0001%032x", counter % 50)
  local route, body
  if counter % 10 == 0 then
    local kind = (counter / 10) % 3
    if kind == 0 then
      route, body = "/op/v2/updateChatRemark", string.format('"chatId":"%s","remark":"备注%d"', chat, counter)
    elseif kind == 1 then
      route, body = "/op/v2/setOnline", string.format('"staffId":"%s","online":%s', op, (counter % 20 == 0) and "true" or "false")
    else
      route, body = "/op/v2/sendMessage", string.format('"chatId":"%s","staffId":"%s","content":"消息%d"', chat, op, counter)
    end
  elseif counter % 2 == 0 then
    route, body = "/op/v2/receives", ""
  else
    route, body = "/op/v2/getChatDetail", string.format('"chatId":"%s"', chat)
  end
  local headers = { ["Content-Type"] = "application/json", ["X-OpMock-Session"] = string.format("bench-%02d", counter % 100) }
  if app then
    return wrk.format(nil, "/opapp/transfer?token=" .. op, headers, '{"reqUrl":"' .. route .. '"' .. (body == "" and "" or "," .. body) .. "}")
  end
  return wrk.format(nil, route .. "?token=" .. op, headers, "{" .. body .. "}")
end
