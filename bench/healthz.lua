-- wrk script for GET /healthz: prints one machine-readable line at the end
-- (parsed by bench/run):
--   BENCH_JSON {"requests":…,"ok":…,"non2xx":…,"duration_us":…,"latency_us":{…},"errors":{…}}
--
-- No response() callback: with one, wrk hands every response's headers to Lua
-- (its documentation warns that collecting headers is expensive), so the
-- client's cost grows with the number of response headers, and a server that
-- sends its security headers (CSP, nosniff, frame options …) was measured
-- partly by the client's slowdown. Both servers are now measured the same way;
-- failures are wrk's own count of responses with status ≥ 400.
-- Paths from this file, which wrk loads by the path given to -s.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local write_summary = dofile(here .. "/lib/summary.lua")

function done(summary, latency, requests)
  write_summary(nil, summary, latency)
end
