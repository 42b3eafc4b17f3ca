-- wrk script: GET userinfo with a bearer access token (read from a file),
-- every request alike. Counts 2xx and non-2xx; one BENCH_JSON line at the end.
--   wrk -t1 -c64 -d10s -s userinfo.lua URL -- PATH TOKEN_FILE
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
