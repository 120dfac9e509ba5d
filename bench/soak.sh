#!/usr/bin/env bash
# Soak: one Pushback server on SQLite, endpoint mode sync (as the pushback-sync scenario of bench/run.sh), under load
# at a fixed rate for a long time, sampling the server's resources; shows leaks of heap, threads, file descriptors
# or native memory, and whether the rate holds. Not part of the test suite. Stops by itself.
#
#   bench/soak.sh                                           # 8000 req/s for 600 s, a sample every 30 s
#   BENCH_SOAK_RATE=5000 BENCH_SOAK_DURATION=3600 bench/soak.sh
#
# Knobs (environment):
#   BENCH_SOAK_RATE         target requests/s over all wrk threads (8000: about half the sync peak here). wrk paces each request with the
#                           delay() of bench/post.lua; a server that cannot keep up gets what the connections
#                           allow (each waits for its answer), and the summary says so
#   BENCH_SOAK_DURATION     seconds of load (600)
#   BENCH_SOAK_EVERY        seconds between samples (30)
#   BENCH_SOAK_CONNECTIONS  wrk connections (64): enough in flight for the target rate at a few ms of latency
#   BENCH_SOAK_GC           1 (default) to run a full GC (jcmd GC.run) just before each heap sample, so that the
#                           heap column is the live heap; it adds a pause to the latencies. 0 samples the heap as is
#   BENCH_THREADS           wrk threads (2)
#   BENCH_CORPUS            unique signed requests, as for run.sh (200000); each thread cycles through its slice
#   BENCH_JVM_OPTS          server JVM flags (default "-Xms512m -Xmx512m")
#   BENCH_PORT              server port (18090)
#   BENCH_BUILD_DIR, BENCH_OUT, BENCH_SKIP_BUILD, JAVA_HOME   as for run.sh (output in <build dir>/soak/<timestamp>)
#
# Output: $OUT/soak.txt, one row per sample (seconds since the load started, live heap and metaspace, threads, open
# file descriptors, RSS, server CPU over the interval, deliveries succeeded so far and their rate over the
# interval, from the server's metrics), printed at the end with first/last/max of each column; then the achieved
# rate, latencies and errors from wrk, and the delivery rows by outcome.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BENCH_BUILD_DIR:-$ROOT/target}
OUT=${BENCH_OUT:-$BUILD_DIR/soak/$(date +%Y%m%d-%H%M%S)}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m}
RATE=${BENCH_SOAK_RATE:-8000}
DURATION=${BENCH_SOAK_DURATION:-600}
EVERY=${BENCH_SOAK_EVERY:-30}
CONNECTIONS=${BENCH_SOAK_CONNECTIONS:-64}
FORCE_GC=${BENCH_SOAK_GC:-1}
THREADS=${BENCH_THREADS:-2}
CORPUS=${BENCH_CORPUS:-200000}
PORT=${BENCH_PORT:-18090}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

[[ "$DURATION" =~ ^[0-9]+$ && "$EVERY" =~ ^[0-9]+$ && "$EVERY" -gt 0 ]] ||
  die "BENCH_SOAK_DURATION and BENCH_SOAK_EVERY are whole seconds"
[[ -n "$JCMD" ]] || die "jcmd not found (it samples the heap)"

# heap_sample PID: "<heap used MB> <metaspace used MB>" from jcmd GC.heap_info, after a full GC if FORCE_GC=1
# (one jcmd run for both commands). The heap is the sum of every "total ..., used ..." pool line, so it works for
# G1 (one line) as for the generational collectors (one per generation).
heap_sample() {
  local commands="$OUT/jcmd-commands.txt"
  if [[ "$FORCE_GC" == 1 ]]; then
    printf 'GC.run\nGC.heap_info\n' >"$commands"
  else
    printf 'GC.heap_info\n' >"$commands"
  fi
  "$JCMD" "$1" -f "$commands" 2>/dev/null | awk '
    /total [0-9]+K, used [0-9]+K/ { sub(/.*used /, ""); heap += $1 + 0 }
    /^ *Metaspace +used [0-9]+K/ { sub(/.*used /, ""); meta = $1 + 0 }
    END {
      if (heap == 0) print "- -"
      else printf "%.1f %.1f\n", heap / 1024, meta / 1024
    }'
}

# deliveries_succeeded PORT: the succeeded deliveries counted by the server's metrics so far.
deliveries_succeeded() {
  admin "$1" GET /metrics 2>/dev/null |
    awk '/^pushback_deliveries_total\{/ && /outcome="succeeded"/ { n += $NF } END { printf "%d\n", n }'
}

# sample PID PORT ELAPSED: appends one row to $TABLE; keeps the CPU ticks, time and deliveries of the previous one.
PREVIOUS_TICKS=""
PREVIOUS_TIME=""
PREVIOUS_DELIVERED=""
sample() {
  local pid=$1 port=$2 elapsed=$3
  local now ticks delivered heap meta threads fds rss cpu rate
  now=$(date +%s.%N)
  ticks=$(proc_ticks "$pid")
  delivered=$(deliveries_succeeded "$port")
  read -r heap meta <<<"$(heap_sample "$pid")"
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
  fds=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 | wc -l)
  rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
  cpu=-
  rate=-
  if [[ -n "$PREVIOUS_TIME" ]]; then
    cpu=$(awk -v t=$((ticks - PREVIOUS_TICKS)) -v s="$(awk -v a="$now" -v b="$PREVIOUS_TIME" 'BEGIN {print a - b}')" \
      -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", t * 100 / hz / s}')
    rate=$(awk -v d=$((delivered - PREVIOUS_DELIVERED)) -v a="$now" -v b="$PREVIOUS_TIME" 'BEGIN {printf "%.0f", d / (a - b)}')
  fi
  PREVIOUS_TICKS=$ticks
  PREVIOUS_TIME=$now
  PREVIOUS_DELIVERED=$delivered
  printf '%8s %10s %10s %8s %6s %8s %6s %12s %9s\n' "$elapsed" "$heap" "$meta" "$threads" "$fds" "$rss" "$cpu" \
    "$delivered" "$rate" | tee -a "$TABLE" >&2
}

# --- main ----------------------------------------------------------------------------------------------------------

install_wrk
build
mkdir -p "$OUT"
write_corpus "$CORPUS"
TABLE="$OUT/soak.txt"
SUMMARY="$OUT/summary.txt"
{
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "machine:     $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java:        $("$JAVA" -version 2>&1 | head -1) ($JAVA)"
  echo "jvm flags:   $JVM_OPTS"
  echo "load:        $RATE req/s target for ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS, $CORPUS unique signed bodies"
  echo "samples:     every ${EVERY}s$([[ "$FORCE_GC" == 1 ]] && echo ', heap after a forced full GC (jcmd GC.run)')"
  echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (before the soak)"
  echo "output:      $OUT"
} | tee "$SUMMARY" >&2

start_sqlite_node pushback-soak "$PORT"
SERVER_PID=${SERVER_PIDS[0]}
STORE_DB="$OUT/pushback-soak.db"
create_endpoint "$PORT" sync
check_request "$PORT" soak

printf '%8s %10s %10s %8s %6s %8s %6s %12s %9s\n' "t s" "heap MB" "meta MB" threads fds "rss MB" "cpu %" \
  delivered "per s" | tee "$TABLE" >&2
log "soak: $RATE req/s for ${DURATION}s"
BENCH_LABEL=soak BENCH_CORPUS_FILE=$CORPUS_FILE BENCH_PATH=$REQUEST_PATH BENCH_SLICES=$THREADS \
  BENCH_RATE=$RATE BENCH_THREADS=$THREADS \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/post.lua" \
  "http://127.0.0.1:$PORT" >"$OUT/wrk.txt" 2>&1 &
LOAD_PIDS+=("$!")
started=$(date +%s)
sample "$SERVER_PID" "$PORT" 0
while kill -0 "${LOAD_PIDS[0]}" 2>/dev/null; do
  next=$((started + (($(date +%s) - started) / EVERY + 1) * EVERY))
  while (($(date +%s) < next)) && kill -0 "${LOAD_PIDS[0]}" 2>/dev/null; do
    sleep 1
  done
  sample "$SERVER_PID" "$PORT" $(($(date +%s) - started))
done
wait_for_loads

result=$(grep '^RESULT' "$OUT/wrk.txt") || die "no result from wrk; see $OUT/wrk.txt"
stop_servers
deliveries=$(sqlite3 "$STORE_DB" "SELECT group_concat(outcome || '=' || n, ' ') FROM \
  (SELECT outcome, count(*) AS n FROM delivery GROUP BY outcome)" 2>/dev/null || echo unknown)

{
  echo
  cat "$TABLE"
  # first, last and max of every column ("-" where a column has no figure yet)
  awk '
    BEGIN { split("8 10 10 8 6 8 6 12 9", width, " ") }
    NR == 1 { next }
    {
      for (i = 2; i <= NF; i++) {
        if ($i == "-") continue
        if (!(i in first)) first[i] = $i
        last[i] = $i
        if (!(i in max) || $i + 0 > max[i] + 0) max[i] = $i
      }
    }
    END {
      for (r = 1; r <= 3; r++) {
        printf "%8s", (r == 1 ? "first" : r == 2 ? "last" : "max")
        for (i = 2; i <= 9; i++) {
          value = r == 1 ? first[i] : r == 2 ? last[i] : max[i]
          printf (" %" width[i] "s"), (value == "" ? "-" : value)
        }
        printf "\n"
      }
    }' "$TABLE"
  echo
  awk -v target="$RATE" '{
    for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "achieved:    %.0f req/s of %d targeted (%.0f%%), %d requests\n", v["rps"], target, 100 * v["rps"] / target, v["requests"]
    printf "latency:     p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n", v["p50_ms"], v["p99_ms"], v["p999_ms"], v["max_ms"]
    printf "errors:      %d non-2xx answers, %d socket errors\n", v["non2xx"], v["socket_errors"]
    if (v["rps"] < 0.95 * target) print "note:        below the target: the server (or wrk, on the same cores) could not keep up"
  }' <<<"$result"
  echo "store:       deliveries by outcome: $deliveries"
} | tee -a "$SUMMARY"
