-- wrk script: the client_credentials grant (client_secret_basic), every
-- request alike. Counts 2xx and non-2xx; one BENCH_JSON line at the end.
--   wrk -t1 -c64 -d10s -s client_credentials.lua URL -- PATH CLIENT_ID CLIENT_SECRET SCOPE
-- Paths from this file, which wrk loads by the path given to -s.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local write_summary = dofile(here .. "/../lib/summary.lua")
local b64 = dofile(here .. "/../lib/base64.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. b64(args[2] .. ":" .. args[3]),
  }
  req = wrk.format("POST", args[1], headers, "grant_type=client_credentials&scope=" .. args[4])
  ok = 0
  non2xx = 0
  statuses = ""
end

function request()
  return req
end

function response(status, headers, body)
  if status >= 200 and status < 300 and body:find('"access_token"', 1, true) then
    ok = ok + 1
  else
    non2xx = non2xx + 1
    if #statuses < 200 then statuses = statuses .. status .. " " end
  end
end

function done(summary, latency, requests)
  write_summary(threads, summary, latency)
end
