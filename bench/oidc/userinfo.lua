-- wrk script: GET userinfo with a bearer access token (read from a file),
-- every request alike. Counts 2xx and non-2xx; one BENCH_JSON line at the end.
--   wrk -t1 -c64 -d10s -s userinfo.lua URL -- PATH TOKEN_FILE
-- Paths from this file, which wrk loads by the path given to -s.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local write_summary = dofile(here .. "/../lib/summary.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = io.open(args[2])
  local token = f:read("*l")
  f:close()
  req = wrk.format("GET", args[1], { ["Authorization"] = "Bearer " .. token })
  ok = 0
  non2xx = 0
  statuses = ""
end

function request()
  return req
end

function response(status, headers, body)
  if status >= 200 and status < 300 and body:find('"sub"', 1, true) then
    ok = ok + 1
  else
    non2xx = non2xx + 1
    if #statuses < 200 then statuses = statuses .. status .. " " end
  end
end

function done(summary, latency, requests)
  write_summary(threads, summary, latency)
end
