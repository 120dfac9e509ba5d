#!/usr/bin/env bash
# Load benchmark: a bare Jetty 12 servlet (the baseline) and Pushback, one after the other in one go, same JVM
# flags, same wrk load. Not part of the test suite. See docs/benchmarks.md.
#
#   bench/run.sh                       # build, then baseline + pushback-sync
#   BENCH_SCENARIOS="baseline pushback-sync pushback-async" bench/run.sh
#
# Knobs (environment):
#   BENCH_SCENARIOS   scenarios in order (default "baseline pushback-sync"); known: baseline, pushback-sync,
#                     pushback-async. The first "baseline" is the denominator of every ratio.
#   BENCH_BUILD_DIR   Maven build directory (default <repo>/target), passed as -Dpushback.buildDir
#   BENCH_OUT         where logs, databases and wrk output go (default $BENCH_BUILD_DIR/bench/<timestamp>)
#   BENCH_JVM_OPTS    flags of both server JVMs (default "-Xms512m -Xmx512m")
#   BENCH_CONNECTIONS wrk connections (32)      BENCH_THREADS  wrk threads (2)
#   BENCH_WARMUP      warm-up run (10s)         BENCH_DURATION measured run (30s)
#   BENCH_PORT        first port; scenario i listens on BENCH_PORT+i (18090)
#   BENCH_SKIP_BUILD  1 to reuse the classes and classpath file already in the build directory
#   BENCH_JFR         1 to record a JFR profile (settings=profile) of each Pushback scenario's measured run
#   JAVA_HOME         the JVM (else `java` on PATH); Maven runs with the same
#
# Output: one row per scenario with requests/s, latency percentiles, non-2xx answers, the server's CPU time per
# request (user + system, from /proc; steadier than requests/s when other work shares the machine) and the ratio of
# requests/s to the baseline's.
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
FIRST_PORT=${BENCH_PORT:-18090}
if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
  JCMD="$JAVA_HOME/bin/jcmd"
else
  JAVA=$(command -v java)
  JCMD=$(command -v jcmd || true)
fi
CLASSPATH_FILE="$BUILD_DIR/bench-classpath.txt"
BODY_FILE="$ROOT/bench/body.json"
ADMIN_TOKEN="bench-admin-$(openssl rand -hex 16)"
SECRET=$(openssl rand -hex 32)
SIGNATURE=$(openssl dgst -sha256 -hmac "$SECRET" -binary <"$BODY_FILE" | base64 | tr -d '\n')

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- prerequisites -------------------------------------------------------------------------------------------------

install_wrk() {
  command -v wrk >/dev/null && return
  log "wrk not found; installing it with apt-get"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq && $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  command -v wrk >/dev/null || die "could not install wrk"
}

build() {
  if [[ "${BENCH_SKIP_BUILD:-0}" == 1 && -f "$CLASSPATH_FILE" && -d "$BUILD_DIR/test-classes/io/pushback/bench" ]]; then
    log "reusing the build in $BUILD_DIR"
    return
  fi
  log "building into $BUILD_DIR"
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests "-Dpushback.buildDir=$BUILD_DIR" package)
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never "-Dpushback.buildDir=$BUILD_DIR" dependency:build-classpath \
    -Dmdep.includeScope=test "-Dmdep.outputFile=$CLASSPATH_FILE")
}

# --- servers -------------------------------------------------------------------------------------------------------

SERVER_PID=""
stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
trap stop_server EXIT

# start_server NAME PORT MAIN [env assignments...]: a JVM with the shared flags, logging to $OUT/NAME.log.
start_server() {
  local name=$1 port=$2 main=$3
  shift 3
  local classpath="$BUILD_DIR/classes:$BUILD_DIR/test-classes:$(cat "$CLASSPATH_FILE")"
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  env "$@" "$JAVA" $JVM_OPTS -cp "$classpath" "$main" "$port" >"$OUT/$name.log" 2>&1 &
  SERVER_PID=$!
  local url="http://127.0.0.1:$port/"
  for _ in $(seq 1 600); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) != 000 ]]; then
      return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$OUT/$name.log" >&2; die "$name did not start"; }
    sleep 0.1
  done
  die "$name did not answer on port $port within 60 s"
}

admin() { # admin PORT METHOD PATH [BODY]
  curl -sS -f -X "$2" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    ${4:+--data-binary "$4"} "http://127.0.0.1:$1/admin/api/v1$3"
}

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# --- scenarios: each starts its server and sets REQUEST_PATH -------------------------------------------------------

scenario_baseline() {
  start_server "$1" "$2" io.pushback.bench.BaselineServer
  REQUEST_PATH=/pushback/baseline
}

pushback_endpoint() { # pushback_endpoint NAME PORT MODE
  local db="$OUT/$1.db"
  start_server "$1" "$2" io.pushback.app.EmbeddedLauncher \
    "PUSHBACK_PORT=$2" "PUSHBACK_DB_URL=jdbc:sqlite:$db" "PUSHBACK_ADMIN_TOKEN=$ADMIN_TOKEN"
  admin "$2" POST /partners '{"slug":"bench","name":"Benchmark"}' >/dev/null
  local endpoint
  endpoint=$(admin "$2" POST /partners/bench/endpoints \
    "{\"name\":\"bench-$3\",\"saga\":\"log\",\"mode\":\"$3\",\"security\":{\"method\":\"signature\",\"secret\":\"$SECRET\"}}")
  REQUEST_PATH=$(json_field path <<<"$endpoint")
  [[ -n "$REQUEST_PATH" ]] || die "no endpoint path in: $endpoint"
}

scenario_pushback-sync() { pushback_endpoint "$1" "$2" sync; }
scenario_pushback-async() { pushback_endpoint "$1" "$2" async; }

# One signed request by curl before the load: the set-up must answer 2xx, or the figures mean nothing.
check_request() {
  local answer
  answer=$(curl -sS -w ' %{http_code}' -H 'Content-Type: application/json' -H "PUSHBACK_SIGNATURE: $SIGNATURE" \
    --data-binary "@$BODY_FILE" "http://127.0.0.1:$1$REQUEST_PATH")
  [[ "${answer##* }" == 2?? ]] || die "$2: the check request was answered: $answer"
  log "$2: check request answered: $answer"
}

cpu_ticks() { # user + system CPU of the server so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"
}

run_wrk() { # run_wrk LABEL PORT DURATION OUTFILE
  BENCH_LABEL=$1 BENCH_BODY_FILE=$BODY_FILE BENCH_SIGNATURE=$SIGNATURE BENCH_PATH=$REQUEST_PATH \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s "$ROOT/bench/post.lua" "http://127.0.0.1:$2" >"$4" 2>&1
}

record_store() { # what the store holds after a Pushback scenario: every 2xx must be a delivery row
  local db="$OUT/$1.db"
  [[ -f "$db" ]] && command -v sqlite3 >/dev/null || return 0
  log "$1: deliveries by outcome: $(sqlite3 "$db" "SELECT group_concat(outcome || '=' || n, ' ') FROM \
    (SELECT outcome, count(*) AS n FROM delivery GROUP BY outcome)")"
}

# --- main ----------------------------------------------------------------------------------------------------------

install_wrk
build
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
{
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "machine:     $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java:        $("$JAVA" -version 2>&1 | head -1) ($JAVA)"
  echo "jvm flags:   $JVM_OPTS"
  echo "wrk:         -t$THREADS -c$CONNECTIONS, warm-up $WARMUP, measured $DURATION, body $(wc -c <"$BODY_FILE") bytes"
  echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the first scenario; >1 per core means other work)"
  echo "output:      $OUT"
} | tee "$SUMMARY" >&2

index=0
for scenario in $SCENARIOS; do
  declare -F "scenario_$scenario" >/dev/null || die "unknown scenario: $scenario"
  port=$((FIRST_PORT + index))
  index=$((index + 1))
  log "$scenario: starting on port $port"
  "scenario_$scenario" "$scenario" "$port"
  check_request "$port" "$scenario"
  log "$scenario: warm-up $WARMUP"
  run_wrk "$scenario" "$port" "$WARMUP" "$OUT/$scenario.warmup.txt"
  if [[ "${BENCH_JFR:-0}" == 1 && "$scenario" == pushback* ]]; then
    "$JCMD" "$SERVER_PID" JFR.start name=bench settings=profile >/dev/null
  fi
  log "$scenario: measured run $DURATION (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  ticks=$(cpu_ticks)
  run_wrk "$scenario" "$port" "$DURATION" "$OUT/$scenario.txt"
  ticks=$(($(cpu_ticks) - ticks))
  if [[ "${BENCH_JFR:-0}" == 1 && "$scenario" == pushback* ]]; then
    "$JCMD" "$SERVER_PID" JFR.stop name=bench "filename=$OUT/$scenario.jfr" >/dev/null
    log "$scenario: profile in $OUT/$scenario.jfr"
  fi
  result=$(grep '^RESULT' "$OUT/$scenario.txt") || die "$scenario: no result; see $OUT/$scenario.txt"
  # The server's own CPU per request: steadier than requests/s when other work shares the machine.
  requests=$(sed 's/.* requests=\([0-9]*\).*/\1/' <<<"$result")
  echo "$result server_cpu_us=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}')" >>"$OUT/results.txt"
  stop_server
  record_store "$scenario"
done

# requests/s, latency percentiles and the ratio to the first baseline, one row per scenario
awk '
  {
    for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    if ($2 == "baseline" && base == "") base = v["rps"]
    printf "%-16s %10.0f %9.2f %9.2f %10.2f %9d %8d %11.1f %7s\n", $2, v["rps"], v["p50_ms"], v["p99_ms"],
      v["p999_ms"], v["non2xx"], v["socket_errors"], v["server_cpu_us"],
      base == "" ? "-" : sprintf("%.2f", v["rps"] / base)
  }
  BEGIN {
    printf "%-16s %10s %9s %9s %10s %9s %8s %11s %7s\n", "scenario", "req/s", "p50 ms", "p99 ms", "p99.9 ms",
      "non-2xx", "sock err", "cpu us/req", "ratio"
  }' "$OUT/results.txt" | tee -a "$SUMMARY"
