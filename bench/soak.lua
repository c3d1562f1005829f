-- Soak traffic for one port (MODE=direct or MODE=app): valid requests with a new id each time, and, every
-- third or so, a bad one from a rotating subset of the bad-input corpus (tests/.../BadInputCorpusTests.cs).
-- Run with as many connections as threads (-tN -cN): each thread then has one request in flight at a time,
-- so response() always answers the request() before it and can tell valid from invalid.
-- done() prints key=value totals over all threads for bench/soak.sh to add up.

local mode = os.getenv("MODE") or "direct"
local chat = "/op/v2/getChatInfoByUserId"
local receives = "/op/v2/receives"
local transfer = "/opapp/transfer"
local json = { ["Content-Type"] = "application/json" }

local function with(headers)
  local copy = {}
  for k, v in pairs(headers) do copy[k] = v end
  return copy
end

local function post(path, body, headers)
  return { method = "POST", path = path, body = body, headers = headers or json }
end

local function requrl(value)
  return post(transfer, '{"reqUrl":' .. value .. ',"userId":"u0001soakbad"}')
end

local deep = '{"userId":"u1","a":' .. string.rep("[", 10000) .. string.rep("]", 10000) .. "}"
local oversize = '{"userId":"u1","pad":"' .. string.rep("x", 1100 * 1024) .. '"}'
local utf16 = "\255\254" .. ('{"userId":"u1"}'):gsub(".", "%0\0")

local bad = {
  direct = {
    post(chat, '{"userId":"u1",'),
    post(chat, '[{"userId":"u1"}]'),
    post(chat, '{"userId":123}'),
    post(chat, '{"userId":null}'),
    post(chat, '{"userId":""}'),
    post(chat, ""),
    post(chat, '{"userId":"u\255\254"}'),
    post(chat, utf16),
    post(receives, '{"staffId":"\176\162"}', { ["Content-Type"] = "application/json; charset=GBK" }),
    post(chat, '{"userId":"u1"}', { ["Content-Type"] = "text/plain" }),
    post(chat, "userId=u1", { ["Content-Type"] = "application/x-www-form-urlencoded" }),
    post(chat, '--b\r\nContent-Disposition: form-data; name="userId"\r\n\r\nu1\r\n--b--\r\n', { ["Content-Type"] = "multipart/form-data; boundary=b" }),
    post(chat, '{"userId":"u1"}', {}),
    { method = "GET", path = chat, headers = {} },
    { method = "PUT", path = chat, body = '{"userId":"u1"}', headers = json },
    { method = "DELETE", path = receives, headers = {} },
    { method = "PATCH", path = receives, body = "{}", headers = json },
    post("/op/v2/nothing", '{"userId":"u1"}'),
    post(chat, deep),
    post(chat, oversize),
    post(chat, '{"userId":"u1"}', { ["Content-Type"] = "application/json", ["X-OpMock-Scenario"] = "no-such-scenario" }),
  },
  app = {
    post(transfer, '{"reqUrl":"/op/v2/getChatInfoByUserId","userId":'),
    post(transfer, "[1,2]"),
    post(transfer, ""),
    post(transfer, '{"userId":"u1"}'),
    requrl("null"),
    requrl("236"),
    requrl('"http://evil.example:8080/op/v2/getChatInfoByUserId"'),
    requrl('"//evil.example/op/v2/getChatInfoByUserId"'),
    requrl('"/op/v2/../v2/getChatInfoByUserId"'),
    requrl('"/op/v2/%2e%2e/getChatInfoByUserId"'),
    requrl('"/op/v2/getChatInfoByUserId@evil.example"'),
    requrl('"\\\\\\\\evil.example\\\\op"'),
    requrl('"/op/v2/getChatInfoByUserId\\r\\nHost: evil"'),
    requrl('"/op/v2/' .. string.rep("a", 10240) .. '"'),
    post(transfer, '{"reqUrl":"/op/v2/getChatInfoByUserId","userId":42}'),
    post(transfer, '{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u1"}', { ["Content-Type"] = "text/plain" }),
    post(transfer, '{"reqUrl":"/op/v2/\255","userId":"u1"}'),
    { method = "GET", path = transfer, headers = {} },
    post("/opapp/nothing", "{}"),
    post(transfer, oversize),
  },
}

-- Valid: a new user (or OP) each time, so every answer is generated, never cached.
local function valid(n)
  local id = string.format("%032x", n)
  if mode == "app" then
    if n % 4 == 0 then
      return post(transfer, '{"reqUrl":"/op/v2/receives","staffId":"o0001' .. id .. '"}')
    end
    return post(transfer, '{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u0001' .. id .. '"}')
  end
  if n % 4 == 0 then
    return post(receives, '{"staffId":"o0001' .. id .. '"}')
  end
  return post(chat, '{"userId":"u0001' .. id .. '"}')
end

local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
  table.insert(threads, thread)
end

-- Per-thread state (each thread has its own Lua state).
valid_sent, valid_ok, valid_failed = 0, 0, 0
invalid_sent, invalid_4xx, invalid_other = 0, 0, 0
status_5xx = 0
pending = nil
local counter = 0

function init(args)
  counter = (thread_id or 1) * 100000000
  -- wrk calls request() once more on the first thread, to check the script, and never sends that one.
  verifying = thread_id == 1
end

request = function()
  if verifying then
    verifying = false
    return wrk.format("POST", chat, with(json), "{}")
  end
  counter = counter + 1
  local r
  if counter % 10 < 3 then
    local list = bad[mode]
    r = list[(math.floor(counter / 10) + counter) % #list + 1]
    invalid_sent = invalid_sent + 1
    pending = "invalid"
  else
    r = valid(counter)
    valid_sent = valid_sent + 1
    pending = "valid"
  end
  return wrk.format(r.method, r.path, with(r.headers), r.body)
end

response = function(status, headers, body)
  if status >= 500 then status_5xx = status_5xx + 1 end
  local json_type = (headers["Content-Type"] or ""):find("application/json", 1, true) ~= nil
  local envelope = json_type and body ~= nil and body:find('"code":', 1, true) ~= nil and body:find('"message":', 1, true) ~= nil
  if pending == "valid" then
    if status == 200 and body ~= nil and body:find('"code":200,', 1, true) then valid_ok = valid_ok + 1 else valid_failed = valid_failed + 1 end
  elseif pending == "invalid" then
    if status >= 400 and status < 500 and envelope then invalid_4xx = invalid_4xx + 1 else invalid_other = invalid_other + 1 end
  end
  pending = nil
end

done = function(summary, latency, requests)
  local keys = { "valid_sent", "valid_ok", "valid_failed", "invalid_sent", "invalid_4xx", "invalid_other", "status_5xx" }
  local totals = { in_flight_valid = 0, in_flight_invalid = 0 }
  for _, k in ipairs(keys) do totals[k] = 0 end
  for _, t in ipairs(threads) do
    for _, k in ipairs(keys) do totals[k] = totals[k] + t:get(k) end
    -- A request still in flight when wrk stopped has no answer; it is neither ok nor failed.
    local p = t:get("pending")
    if p == "valid" then totals.in_flight_valid = totals.in_flight_valid + 1 end
    if p == "invalid" then totals.in_flight_invalid = totals.in_flight_invalid + 1 end
  end
  for _, k in ipairs(keys) do io.write(string.format("%s=%d\n", k, totals[k])) end
  io.write(string.format("in_flight_valid=%d\nin_flight_invalid=%d\n", totals.in_flight_valid, totals.in_flight_invalid))
  local e = summary.errors
  io.write(string.format("socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("requests=%d\nduration_s=%.1f\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("p99_ms=%.2f\n", latency:percentile(99) / 1000))
end
