-- wrk script: the refresh_token grant with rotation. Every response carries the
-- next refresh token, which goes back into the thread's pool; each request
-- takes one from the pool. The pool is seeded from a file (one token per line,
-- at least as many as connections), so no token is ever presented twice
-- (that would be a reuse and revoke its family). wrk calls request() once
-- before the run to check the script, so the file holds a few spare tokens.
--   wrk -t1 -c64 -d10s -s refresh.lua URL -- SEED_FILE PATH CLIENT_ID CLIENT_SECRET
-- PATH is the token endpoint's path (/oidc/token here, /token for oidc-provider).
-- Counts 2xx and non-2xx and prints one BENCH_JSON line, as bench/healthz.lua.
-- Paths from this file, which wrk loads by the path given to -s.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local write_summary = dofile(here .. "/../lib/summary.lua")
local b64 = dofile(here .. "/../lib/base64.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  pool = {}
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(pool, line) end
  end
  path = args[2]
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. b64(args[3] .. ":" .. args[4]),
  }
  ok = 0
  non2xx = 0
  starved = 0
  statuses = ""
end

function request()
  local token = table.remove(pool)
  if token == nil then
    starved = starved + 1
    token = "starved"
  end
  return wrk.format("POST", path, headers, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  local next_token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if status >= 200 and status < 300 and next_token then
    ok = ok + 1
    table.insert(pool, next_token)
  else
    non2xx = non2xx + 1
    if #statuses < 200 then
      statuses = statuses .. status .. ":" .. (body:match('"error_description"%s*:%s*"([^"]+)"') or "") .. "|"
    end
  end
end

function done(summary, latency, requests)
  write_summary(threads, summary, latency)
end
