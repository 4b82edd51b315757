-- wrk request script: one POST with the body in $BODY_FILE and the bearer token in $TOKEN;
-- at the end, the 99th percentile latency (microseconds) and requests per second.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

function done(summary, latency, requests)
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
  io.write(string.format("rps %.1f\n", summary.requests / (summary.duration / 1e6)))
end
