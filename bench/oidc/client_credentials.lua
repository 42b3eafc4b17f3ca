-- wrk script: the client_credentials grant (client_secret_basic), every
-- request alike. Counts 2xx and non-2xx; one BENCH_JSON line at the end.
--   wrk -t1 -c64 -d10s -s client_credentials.lua URL -- PATH CLIENT_ID CLIENT_SECRET SCOPE
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
