-- wrk script for GET /api/v1/catalog/search: rotates through request paths
-- read from a file (one "/api/v1/catalog/search?q=…" per line, already
-- percent-encoded; bench/catalog/run.mjs writes it from the labelled and
-- generated queries), each thread starting at a different line.
--   wrk … -s bench/catalog/search.lua URL -- PATHS_FILE
-- Prints one BENCH_JSON line at the end (bench/lib/summary.lua). No
-- response() callback (see bench/healthz.lua): failures are wrk's own count
-- of statuses ≥ 400.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local write_summary = dofile(here .. "/../lib/summary.lua")

local paths = {}
local next_index = 1
local thread_count = 0

function setup(thread)
  thread:set("offset", thread_count * 97)
  thread_count = thread_count + 1
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open " .. tostring(args[1]))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  assert(#paths > 0, "no request paths in " .. args[1])
  next_index = ((offset or 0) % #paths) + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  write_summary(nil, summary, latency)
end
