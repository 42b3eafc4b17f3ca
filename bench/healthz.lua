-- wrk script for GET /healthz: counts 2xx and non-2xx responses per thread and
-- prints one machine-readable line at the end (parsed by bench/run):
--   BENCH_JSON {"requests":…,"ok":…,"non2xx":…,"duration_us":…,"latency_us":{…},"errors":{…}}
-- Paths from this file, which wrk loads by the path given to -s.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local write_summary = dofile(here .. "/lib/summary.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  non2xx = 0
  statuses = ""
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
