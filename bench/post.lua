-- POST 2.36 with the userId changing per request (ids of the world's shape). With IDS=n set, the ids
-- cycle through n users, as a frontend's traffic does; unset, every request names a new user.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local ids = tonumber(os.getenv("IDS") or "0")
local counter = 0
request = function()
  counter = counter + 1
  local n = counter
  if ids > 0 then n = counter % ids end
  local body = string.format('{"userId":"u0001%032x"}', n)
  return wrk.format(nil, wrk.path, nil, body)
end

-- With STOP_AFTER=n set, each wrk thread stops after n responses: memory measured after an exact count.
local stop_after = tonumber(os.getenv("STOP_AFTER") or "0")
if stop_after > 0 then
  local seen = 0
  response = function()
    seen = seen + 1
    if seen >= stop_after then wrk.thread:stop() end
  end
end
