-- The end-of-run summary of the wrk scripts: one machine-readable line, parsed by
-- bench/run and bench/oidc/run.mjs:
--   BENCH_JSON {"requests":…,"ok":…,"non2xx":…,"non2xx_sample":"…","duration_us":…,"latency_us":{…},"errors":{…}}
-- Each thread counts its own `ok`, `non2xx` and `statuses` (a sample of what was
-- not ok) as globals; the script keeps its threads from setup() and calls this
-- from done(). Loaded with dofile (wrk has no package path of ours):
--   local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
--   local write_summary = dofile(here .. "/lib/summary.lua")
--
-- With `threads` nil the script has no response() callback, and the counts
-- come from wrk itself: summary.errors.status is its count of responses with a
-- status of 400 or more.
return function(threads, summary, latency)
  local total_ok, total_non2xx, samples = 0, 0, ""
  local e = summary.errors
  if threads == nil then
    total_non2xx = e.status
    total_ok = summary.requests - e.status
  else
    for _, t in ipairs(threads) do
      total_ok = total_ok + t:get("ok")
      total_non2xx = total_non2xx + t:get("non2xx")
      samples = samples .. t:get("statuses")
    end
  end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"ok":%d,"non2xx":%d,"non2xx_sample":"%s","duration_us":%d,' ..
    '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
    summary.requests, total_ok, total_non2xx, samples, summary.duration,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout))
end
