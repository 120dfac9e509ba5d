-- wrk script for bench/run.sh and bench/soak.sh: signed POSTs taken in turn from a corpus of unique,
-- pre-signed requests (written by io.pushback.bench.CorpusWriter), optionally paced to a fixed total
-- rate, and one parseable summary line.
--
-- The corpus is cut into BENCH_SLICES equal slices; thread t of this wrk process sends the requests of
-- slice BENCH_SLICE_FIRST + t in order, from the request BENCH_SKIP of its slice on, and starts that
-- slice over when it reaches its end. Threads therefore never send the same request, until a thread
-- has sent its whole slice. Each thread keeps its slice formatted in memory (about 520 bytes a request).
--
-- Environment (set by run.sh or soak.sh):
--   BENCH_CORPUS_FILE  one request per line, "<Base64(HMAC-SHA256(secret, body))> TAB <body>", all lines
--                      of one length; the signature goes in PUSHBACK_SIGNATURE
--   BENCH_PATH         request path, e.g. /pushback/<key>
--   BENCH_LABEL        label printed in the summary line
--   BENCH_SLICES       slices of the corpus (default 1); at least the number of threads of all wrk
--                      processes that share the corpus at the same time
--   BENCH_SLICE_FIRST  slice of this process's first thread (default 0)
--   BENCH_SKIP         requests each thread skips at the start of its slice (default 0)
--   BENCH_RATE         if set and > 0: requests per second of this wrk process, spread over its threads;
--                      each thread books send slots BENCH_THREADS/rate apart and delays every request
--                      to its slot
--   BENCH_THREADS      wrk's -t, to split BENCH_RATE among the threads (default 1)

local function number_env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    return default
  end
  return assert(tonumber(value), name .. " is not a number: " .. value)
end

local corpus_file = os.getenv("BENCH_CORPUS_FILE")
local path = os.getenv("BENCH_PATH") or "/"
local slices = number_env("BENCH_SLICES", 1)
local slice_first = number_env("BENCH_SLICE_FIRST", 0)
local skip = number_env("BENCH_SKIP", 0)
local rate = number_env("BENCH_RATE", 0)
local threads = number_env("BENCH_THREADS", 1)

-- setup() runs in wrk's main Lua state, once per thread, before that thread's init().
local threads_set_up = 0
function setup(thread)
  thread:set("thread_index", threads_set_up)
  threads_set_up = threads_set_up + 1
end

local corpus = {}
local next_request = 1

-- init() runs in each thread's own Lua state: read and format this thread's slice.
function init(args)
  local f = assert(io.open(assert(corpus_file, "BENCH_CORPUS_FILE is not set"), "rb"))
  local first = assert(f:read("*l"), "the corpus is empty")
  local record = #first + 1
  local size = f:seek("end")
  assert(size % record == 0, "the corpus lines are not all " .. record .. " bytes long")
  local per_slice = math.floor(size / record / slices)
  assert(per_slice > 0, "the corpus has fewer requests than slices: " .. slices)
  local slice = slice_first + thread_index
  assert(slice < slices, "slice " .. slice .. " is beyond BENCH_SLICES=" .. slices)
  f:seek("set", slice * per_slice * record)
  local data = f:read(per_slice * record)
  f:close()
  -- Every line has the same layout (a 44-character signature, a tab, a body of one length), so
  -- wrk.format makes the request once around placeholders, and each request is that with its own
  -- signature and body put in: much faster than wrk.format per request (wrk starts sending on the
  -- first thread while it still sets up the next, so set-up time inflates requests/s).
  local tab = assert(first:find("\t", 1, true), "no tab in the first corpus line")
  local body_length = record - 1 - tab
  local template = wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["PUSHBACK_SIGNATURE"] = "\1",
  }, string.rep("\2", body_length))
  local mark = template:find("\1", 1, true)
  local before = template:sub(1, mark - 1)
  local between = template:sub(mark + 1, #template - body_length)
  for i = 0, per_slice - 1 do
    local at = i * record
    assert(data:byte(at + tab) == 9, "corpus line " .. i .. " of the slice has no tab where the first has")
    corpus[i + 1] = before .. data:sub(at + 1, at + tab - 1) .. between .. data:sub(at + tab + 1, at + record - 1)
  end
  next_request = skip % per_slice + 1
end

function request()
  local r = corpus[next_request]
  next_request = next_request % #corpus + 1
  return r
end

if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]]
  local CLOCK_MONOTONIC = 1
  local now_ts = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
    return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
  end
  local interval_ms = 1000 * threads / rate
  local next_slot = nil

  -- Called before every request: book the next free slot, never one in the past (a thread that fell
  -- behind does not burst to catch up), and wait until it. wrk waits whole milliseconds, rounded down.
  function delay()
    local now = now_ms()
    if next_slot == nil or next_slot < now then
      next_slot = now
    end
    local wait = next_slot - now
    next_slot = next_slot + interval_ms
    return math.floor(wait)
  end
end

-- One line for the scripts to parse: label, requests/s, p50/p99/p99.9 in ms, requests, non-2xx/3xx,
-- socket errors.
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
