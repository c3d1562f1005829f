-- POST 2.36 for a different user each request (ids of the world's shape), so OpMock generates each answer.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"userId":"u0001%032x"}', counter)
  return wrk.format(nil, wrk.path, nil, body)
end
