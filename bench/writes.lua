-- wrk script for durable single-row writes: POST /api/v1/canary/writes, every
-- request a new (client_id, seq). client_id = <run id>-t<thread>-c<seq mod 64>
-- and seq counts per thread, so no two requests of a run (or of two runs with
-- different run ids) collide; the run id is the script's first argument:
--   wrk -t1 -c64 -d10s -s bench/writes.lua http://127.0.0.1:PORT -- RUNID
-- Counts 2xx and non-2xx responses (a benchmark that counted errors as
-- throughput would lie) and prints one BENCH_JSON line at the end, as healthz.lua.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local run_id = args[1] or tostring(os.time())
  prefix = run_id .. "-t" .. tid .. "-c"
  seq = 0
  ok = 0
  non2xx = 0
  statuses = ""
  headers = { ["Content-Type"] = "application/json" }
  payload = string.rep("x", 64)
end

function request()
  seq = seq + 1
  local body = '{"client_id":"' .. prefix .. (seq % 64) .. '","seq":' .. seq ..
               ',"payload":"' .. payload .. '"}'
  return wrk.format("POST", "/api/v1/canary/writes", headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    non2xx = non2xx + 1
    if #statuses < 200 then statuses = statuses .. status .. " " end
  end
end

function done(summary, latency, requests)
  local total_ok, total_non2xx, samples = 0, 0, ""
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_non2xx = total_non2xx + t:get("non2xx")
    samples = samples .. t:get("statuses")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"ok":%d,"non2xx":%d,"non2xx_sample":"%s","duration_us":%d,' ..
    '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
    summary.requests, total_ok, total_non2xx, samples, summary.duration,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout))
end
