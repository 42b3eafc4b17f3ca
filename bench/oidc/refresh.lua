-- wrk script: the refresh_token grant with rotation. Every response carries the
-- next refresh token, which goes back into the thread's pool; each request
-- takes one from the pool. The pool is seeded from a file (one token per line,
-- at least as many as connections), so no token is ever presented twice
-- (that would be a reuse and revoke its family). wrk calls request() once
-- before the run to check the script, so the file holds a few spare tokens.
--   wrk -t1 -c64 -d10s -s refresh.lua URL -- SEED_FILE PATH CLIENT_ID CLIENT_SECRET
-- PATH is the token endpoint's path (/oidc/token here, /token for oidc-provider).
-- Counts 2xx and non-2xx and prints one BENCH_JSON line, as bench/healthz.lua.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function b64(s)
  local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  return ((s:gsub(".", function(x)
    local r, byte = "", x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return chars:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#s % 3 + 1])
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
