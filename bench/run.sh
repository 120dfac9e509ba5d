#!/usr/bin/env bash
# Load benchmark: a bare Jetty 12 servlet (the baseline) and Pushback, one after the other in one go, same JVM
# flags, same wrk load, same corpus of unique signed requests. Not part of the test suite. See docs/benchmarks.md.
#
#   bench/run.sh                       # build, then baseline + pushback-sync
#   BENCH_SCENARIOS="baseline pushback-sync pushback-pg-sync pushback-pg-2nodes" bench/run.sh
#   BENCH_JVM_OPTS="-Xms256m -Xmx256m" bench/run.sh
#
# Knobs (environment):
#   BENCH_SCENARIOS   scenarios in order (default "baseline pushback-sync"); known:
#                       baseline            bare Jetty servlet, no authentication, no store (the ceiling)
#                       baseline-durable    the same servlet committing each body as a row before it answers
#                                           (Pushback's group-commit writer, SQLite WAL, synchronous=FULL): the floor
#                                           any receiver that commits before answering pays here
#                       pushback-sync       Pushback on SQLite, endpoint mode sync (answered after the saga)
#                       pushback-async      Pushback on SQLite, mode async (answered after the first commit)
#                       pushback-pg-sync    Pushback on an embedded PostgreSQL (fsync and synchronous_commit
#                                           on), mode sync, one node
#                       pushback-pg-2nodes  two Pushback JVMs on one embedded PostgreSQL, mode sync; two wrk
#                                           processes at once, one per node, each with half the connections
#                                           and threads; requests/s summed, latencies the worse node's
#                     The first "baseline" is the denominator of every ratio.
#   BENCH_CORPUS      unique signed requests generated once per run, shared by all scenarios (200000): bench/
#                     body.json with an event id of its own each; every wrk thread cycles through its own slice
#   BENCH_BUILD_DIR   Maven build directory (default <repo>/target), passed as -Dpushback.buildDir
#   BENCH_OUT         where logs, databases, the corpus and wrk output go (default $BENCH_BUILD_DIR/bench/<timestamp>)
#   BENCH_JVM_OPTS    flags of every server JVM (default "-Xms512m -Xmx512m")
#   BENCH_CONNECTIONS wrk connections (32)      BENCH_THREADS  wrk threads (2)
#   BENCH_WARMUP      warm-up run (10s)         BENCH_DURATION measured run (30s)
#   BENCH_PORT        first port; every server takes the next one (18090)
#   BENCH_SKIP_BUILD  1 to reuse the classes and classpath file already in the build directory
#   BENCH_JFR         1 to record a JFR profile (settings=profile) of each Pushback JVM's measured run
#   JAVA_HOME         the JVM (else `java` on PATH); Maven runs with the same
#
# Output: one row per scenario with requests/s, latency percentiles, non-2xx answers and socket errors, the server
# JVMs' CPU time per request (user + system, from /proc; steadier than requests/s when other work shares the
# machine), PostgreSQL's CPU time per request (its postmaster and backends; "-" for SQLite, which runs inside the
# JVM), and the ratio of requests/s to the baseline's.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BENCH_BUILD_DIR:-$ROOT/target}
OUT=${BENCH_OUT:-$BUILD_DIR/bench/$(date +%Y%m%d-%H%M%S)}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-10s}
DURATION=${BENCH_DURATION:-30s}
SCENARIOS=${BENCH_SCENARIOS:-baseline pushback-sync}
CORPUS=${BENCH_CORPUS:-200000}
NEXT_PORT=${BENCH_PORT:-18090}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

take_port() { # sets PORT to the next free benchmark port
  PORT=$NEXT_PORT
  NEXT_PORT=$((NEXT_PORT + 1))
}

# --- scenarios: each starts its servers and sets REQUEST_PATH, LOAD_PORTS (one wrk process per port) and, on
# SQLite, STORE_DB ---------------------------------------------------------------------------------------------------

scenario_baseline() {
  take_port
  start_server "$1" "$PORT" io.pushback.bench.BaselineServer
  LOAD_PORTS=("$PORT")
  REQUEST_PATH=/pushback/baseline
}

# The durable floor: the baseline servlet, each body also group-committed as a row (Pushback's DeliveryWriter, WAL,
# synchronous=FULL) before the answer; nothing else.
scenario_baseline-durable() {
  take_port
  start_server "$1" "$PORT" io.pushback.bench.BaselineServer "BENCH_DURABLE_DB=$OUT/$1.db"
  LOAD_PORTS=("$PORT")
  REQUEST_PATH=/pushback/baseline
}

sqlite_scenario() { # sqlite_scenario NAME MODE
  take_port
  start_sqlite_node "$1" "$PORT"
  create_endpoint "$PORT" "$2"
  LOAD_PORTS=("$PORT")
  STORE_DB="$OUT/$1.db"
}

scenario_pushback-sync() { sqlite_scenario "$1" sync; }
scenario_pushback-async() { sqlite_scenario "$1" async; }

scenario_pushback-pg-sync() {
  take_port
  start_postgres_node "$1" "$PORT"
  create_endpoint "$PORT" sync
  LOAD_PORTS=("$PORT")
}

scenario_pushback-pg-2nodes() {
  take_port
  local first=$PORT
  start_postgres_node "$1" "$first"
  take_port
  start_postgres_peer "$1.node2" "$PORT"
  # Created once, through node 1; node 2 sees it through the shared store.
  create_endpoint "$first" sync
  LOAD_PORTS=("$first" "$PORT")
}

# --- load ----------------------------------------------------------------------------------------------------------

# load LABEL DURATION OUTFILE SENT: one wrk process per port of LOAD_PORTS, all at once, splitting the threads and
# connections; SENT requests of this scenario went before (the warm-up), so each thread starts after its share of
# them in its slice of the corpus. Writes one RESULT line to OUTFILE (summed over the processes, each process's
# output in OUTFILE with .node<k> before .txt when there are several).
load() {
  local label=$1 duration=$2 outfile=$3 sent=$4
  local nodes=${#LOAD_PORTS[@]}
  local threads=$((THREADS / nodes > 0 ? THREADS / nodes : 1))
  local connections=$((CONNECTIONS / nodes))
  ((connections >= threads)) || die "BENCH_CONNECTIONS=$CONNECTIONS is too few for $nodes wrk processes"
  local slices=$((nodes * threads)) k
  for ((k = 0; k < nodes; k++)); do
    local file=$outfile
    ((nodes == 1)) || file="${outfile%.txt}.node$((k + 1)).txt"
    BENCH_LABEL=$label BENCH_CORPUS_FILE=$CORPUS_FILE BENCH_PATH=$REQUEST_PATH BENCH_SLICES=$slices \
      BENCH_SLICE_FIRST=$((k * threads)) BENCH_SKIP=$((sent / slices)) \
      wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$ROOT/bench/post.lua" \
      "http://127.0.0.1:${LOAD_PORTS[k]}" >"$file" 2>&1 &
    LOAD_PIDS+=("$!")
  done
  wait_for_loads
  ((nodes > 1)) || return 0
  for ((k = 1; k <= nodes; k++)); do
    log "$label node $k: $(grep '^RESULT' "${outfile%.txt}.node$k.txt" | cut -d' ' -f3-)"
  done
  # requests/s, requests and errors summed; latencies the worst node's
  cat "${outfile%.txt}".node*.txt | awk -v label="$label" '
    /^RESULT/ {
      n++
      for (i = 3; i <= NF; i++) {
        split($i, kv, "=")
        if (kv[1] ~ /_ms$/) { if (kv[2] + 0 > v[kv[1]] + 0) v[kv[1]] = kv[2] } else v[kv[1]] += kv[2]
      }
    }
    END {
      if (n == 0) exit 1
      printf "RESULT %s rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
        label, v["rps"], v["p50_ms"], v["p99_ms"], v["p999_ms"], v["max_ms"], v["requests"], v["non2xx"],
        v["socket_errors"]
    }' >"$outfile" || die "$label: no result from its wrk processes"
}

# per_request TICKS REQUESTS: CPU microseconds per request; steadier than requests/s when other work shares the
# machine.
per_request() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}'
}

result_field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; } # result_field NAME RESULT-LINE

record_store() { # what the store holds after a Pushback scenario: every 2xx must be a delivery row
  local name=$1
  if [[ -n "$STORE_DB" && -f "$STORE_DB" ]] && command -v sqlite3 >/dev/null; then
    log "$name: deliveries by outcome: $(sqlite3 "$STORE_DB" "SELECT group_concat(outcome || '=' || n, ' ') FROM \
      (SELECT outcome, count(*) AS n FROM delivery GROUP BY outcome)")"
  elif grep -q '^bench: deliveries by outcome' "$OUT/$name.log" 2>/dev/null; then
    log "$name: $(grep -m 1 '^bench: deliveries by outcome' "$OUT/$name.log" | sed 's/^bench: //')"
  fi
}

# --- main ----------------------------------------------------------------------------------------------------------

install_wrk
build
mkdir -p "$OUT"
write_corpus "$CORPUS"
SUMMARY="$OUT/summary.txt"
{
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "machine:     $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java:        $("$JAVA" -version 2>&1 | head -1) ($JAVA)"
  echo "jvm flags:   $JVM_OPTS"
  echo "wrk:         -t$THREADS -c$CONNECTIONS, warm-up $WARMUP, measured $DURATION"
  echo "requests:    $CORPUS unique signed bodies of $(($(head -n 1 "$CORPUS_FILE" | cut -f2 | wc -c) - 1)) bytes ($CORPUS_FILE)"
  echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the first scenario; >1 per core means other work)"
  echo "output:      $OUT"
} | tee "$SUMMARY" >&2

for scenario in $SCENARIOS; do
  declare -F "scenario_$scenario" >/dev/null || die "unknown scenario: $scenario"
  LOAD_PORTS=()
  REQUEST_PATH=""
  STORE_DB=""
  log "$scenario: starting"
  "scenario_$scenario" "$scenario"
  for port in "${LOAD_PORTS[@]}"; do
    check_request "$port" "$scenario"
  done
  log "$scenario: warm-up $WARMUP"
  load "$scenario" "$WARMUP" "$OUT/$scenario.warmup.txt" 0
  warm=$(grep '^RESULT' "$OUT/$scenario.warmup.txt") || die "$scenario: no warm-up result"
  warm_requests=$(result_field requests "$warm")
  profiling=0
  [[ "${BENCH_JFR:-0}" == 1 && "$scenario" == pushback* ]] && profiling=1
  if ((profiling)); then
    for pid in "${SERVER_PIDS[@]}"; do
      "$JCMD" "$pid" JFR.start name=bench settings=profile >/dev/null
    done
  fi
  log "$scenario: measured run $DURATION (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  postmaster=$(postmaster_pid || true)
  ticks=$(proc_ticks "${SERVER_PIDS[@]}")
  db_ticks=$(tree_ticks "$postmaster")
  load "$scenario" "$DURATION" "$OUT/$scenario.txt" "$warm_requests"
  ticks=$(($(proc_ticks "${SERVER_PIDS[@]}") - ticks))
  db_ticks=$(($(tree_ticks "$postmaster") - db_ticks))
  if ((profiling)); then
    for ((n = 0; n < ${#SERVER_PIDS[@]}; n++)); do
      "$JCMD" "${SERVER_PIDS[n]}" JFR.stop name=bench "filename=$OUT/$scenario.$((n + 1)).jfr" >/dev/null
    done
    log "$scenario: profiles in $OUT/$scenario.*.jfr"
  fi
  result=$(grep '^RESULT' "$OUT/$scenario.txt") || die "$scenario: no result; see $OUT/$scenario.txt"
  requests=$(result_field requests "$result")
  log "$scenario: $warm_requests warm-up + $requests measured requests from a corpus of $CORPUS$( ((warm_requests + requests <= CORPUS)) || echo ' (cycled: some bodies were sent more than once)')"
  db_cpu=-
  [[ -z "$postmaster" ]] || db_cpu=$(per_request "$db_ticks" "$requests")
  echo "$result server_cpu_us=$(per_request "$ticks" "$requests") db_cpu_us=$db_cpu" >>"$OUT/results.txt"
  stop_servers
  record_store "$scenario"
done

# requests/s, latency percentiles, errors, CPU per request and the ratio to the first baseline, one row per scenario
awk '
  {
    for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    if ($2 == "baseline" && base == "") base = v["rps"]
    printf "%-20s %10.0f %9.2f %9.2f %10.2f %9d %8d %11.1f %10s %7s\n", $2, v["rps"], v["p50_ms"], v["p99_ms"],
      v["p999_ms"], v["non2xx"], v["socket_errors"], v["server_cpu_us"], v["db_cpu_us"],
      base == "" ? "-" : sprintf("%.2f", v["rps"] / base)
    non2xx += v["non2xx"]; socket += v["socket_errors"]
  }
  BEGIN {
    printf "%-20s %10s %9s %9s %10s %9s %8s %11s %10s %7s\n", "scenario", "req/s", "p50 ms", "p99 ms", "p99.9 ms",
      "non-2xx", "sock err", "cpu us/req", "pg us/req", "ratio"
  }
  END { printf "errors in all measured runs: %d non-2xx answers, %d socket errors\n", non2xx, socket }' \
  "$OUT/results.txt" | tee -a "$SUMMARY"
