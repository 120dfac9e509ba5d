-- wrk script for bench/run.sh: the same signed POST on every request, and one parseable summary line.
--
-- Environment (set by run.sh):
--   BENCH_BODY_FILE   file holding the exact request body (its bytes are what was signed)
--   BENCH_SIGNATURE   Base64(HMAC-SHA256(secret, body)), sent as PUSHBACK_SIGNATURE
--   BENCH_PATH        request path, e.g. /pushback/<key>
--   BENCH_LABEL       scenario name printed in the summary line

local function read_file(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  local data = f:read("*a")
  f:close()
  return data
end

wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/"
wrk.body = read_file(os.getenv("BENCH_BODY_FILE"))
wrk.headers["Content-Type"] = "application/json"
wrk.headers["PUSHBACK_SIGNATURE"] = os.getenv("BENCH_SIGNATURE") or ""

-- One line for run.sh to parse: label, requests/s, p50/p99/p99.9 in ms, requests, non-2xx/3xx, socket errors.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT %s rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
    os.getenv("BENCH_LABEL") or "run",
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000,
    latency.max / 1000,
    summary.requests,
    errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
