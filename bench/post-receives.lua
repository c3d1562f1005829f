-- wrk script: POST the docs' sample request to /op/v2/receives (an OP's chat list).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"staffId":"o0001403351be22c648efa24c20e842fd7351"}'
