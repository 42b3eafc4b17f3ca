-- wrk script for durable single-row writes: POST /api/v1/canary/writes, every
-- request a new (client_id, seq). client_id = <run id>-t<thread>-c<seq mod 64>
-- and seq counts per thread, so no two requests of a run (or of two runs with
-- different run ids) collide; the run id is the script's first argument:
--   wrk -t1 -c64 -d10s -s bench/writes.lua http://127.0.0.1:PORT -- RUNID
-- Counts 2xx and non-2xx responses (a benchmark that counted errors as
-- throughput would lie) and prints one BENCH_JSON line at the end, as healthz.lua.
-- Paths from this file, which wrk loads by the path given to -s.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local write_summary = dofile(here .. "/lib/summary.lua")
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
  write_summary(threads, summary, latency)
end
