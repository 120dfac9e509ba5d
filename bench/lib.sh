# shellcheck shell=bash
# Shared by bench/run.sh and bench/soak.sh, which source it after setting ROOT, BUILD_DIR, OUT and
# JVM_OPTS: the build, the request corpus, starting and stopping server JVMs (and an embedded
# PostgreSQL), the admin calls that create the benchmark endpoint, and CPU accounting from /proc.
# Sourcing it installs an EXIT trap that stops every server and load generator the script started.

# shellcheck disable=SC2034 # JCMD is for the sourcing scripts (JFR, heap samples)
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
# Base64 of 32 random bytes: every node on one PostgreSQL must share the key sealing the secrets.
MASTER_KEY=$(openssl rand -base64 32)
CORPUS_FILE="$OUT/corpus.txt"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- prerequisites -------------------------------------------------------------------------------

install_wrk() {
  command -v wrk >/dev/null && return
  log "wrk not found; installing it with apt-get"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
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

bench_classpath() { echo "$BUILD_DIR/classes:$BUILD_DIR/test-classes:$(cat "$CLASSPATH_FILE")"; }

# write_corpus COUNT: COUNT unique signed requests into $CORPUS_FILE (io.pushback.bench.CorpusWriter),
# one of them checked against openssl's HMAC so that a signing mistake shows here, not as 401s.
write_corpus() {
  BENCH_SECRET=$SECRET "$JAVA" -cp "$(bench_classpath)" io.pushback.bench.CorpusWriter \
    "$BODY_FILE" "$1" "$CORPUS_FILE" >&2
  local line
  line=$(tail -n 1 "$CORPUS_FILE")
  [[ $(printf '%s' "${line#*$'\t'}" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64) == "${line%%$'\t'*}" ]] ||
    die "the corpus signature of its last request differs from openssl's"
}

# The last request of the corpus, for the check requests by curl.
corpus_signature() { tail -n 1 "$CORPUS_FILE" | cut -f1; }
corpus_body() { tail -n 1 "$CORPUS_FILE" | cut -f2; }

# --- servers and clean-up ------------------------------------------------------------------------

SERVER_PIDS=()  # server JVMs, in the order started
PG_DATA_DIRS=() # data directories of the embedded PostgreSQL servers started
LOAD_PIDS=()    # wrk processes running in the background

# stop_pid PID SECONDS: SIGTERM, then SIGKILL after SECONDS, then reap it.
stop_pid() {
  local pid=$1 tenths=$(($2 * 10)) i
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < tenths; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "process $pid did not stop in $2 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# A PostgreSQL whose JVM did not stop it (killed, or failed) is stopped here by its postmaster.pid.
stop_orphan_postgres() {
  local dir=$1 pid
  [[ -f "$dir/postmaster.pid" ]] || { rm -rf "$dir"; return 0; }
  pid=$(head -n 1 "$dir/postmaster.pid")
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    log "stopping PostgreSQL $pid left running in $dir"
    kill -INT "$pid" 2>/dev/null || true # fast shutdown
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

# Stops the servers in reverse order (a second node before the node owning PostgreSQL).
stop_servers() {
  local i
  for ((i = ${#SERVER_PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${SERVER_PIDS[i]}" 60
  done
  SERVER_PIDS=()
  for dir in "${PG_DATA_DIRS[@]}"; do
    stop_orphan_postgres "$dir"
  done
  PG_DATA_DIRS=()
}

cleanup() {
  for pid in "${LOAD_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  LOAD_PIDS=()
  stop_servers
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wait_for_loads: waits for every background wrk; fails if one failed.
wait_for_loads() {
  local failed=0 pid
  for pid in "${LOAD_PIDS[@]}"; do
    wait "$pid" || failed=1
  done
  LOAD_PIDS=()
  [[ $failed == 0 ]] || die "wrk failed"
}

# start_server NAME PORT MAIN [env assignments...]: a JVM with the shared flags, logging to
# $OUT/NAME.log, its pid appended to SERVER_PIDS; returns once it answers HTTP on PORT.
start_server() {
  local name=$1 port=$2 main=$3
  shift 3
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  env "$@" "$JAVA" $JVM_OPTS -cp "$(bench_classpath)" "$main" "$port" >"$OUT/$name.log" 2>&1 &
  local pid=$!
  SERVER_PIDS+=("$pid")
  local url="http://127.0.0.1:$port/"
  for _ in $(seq 1 600); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) != 000 ]]; then
      return
    fi
    kill -0 "$pid" 2>/dev/null || { tail -20 "$OUT/$name.log" >&2; die "$name did not start"; }
    sleep 0.1
  done
  die "$name did not answer on port $port within 60 s"
}

# Pushback on a fresh SQLite file $OUT/NAME.db.
start_sqlite_node() { # start_sqlite_node NAME PORT
  start_server "$1" "$2" io.pushback.app.EmbeddedLauncher \
    "PUSHBACK_PORT=$2" "PUSHBACK_DB_URL=jdbc:sqlite:$OUT/$1.db" "PUSHBACK_ADMIN_TOKEN=$ADMIN_TOKEN"
}

# Pushback in the JVM that also starts an embedded PostgreSQL (io.pushback.bench.PostgresBenchServer),
# data in $OUT/NAME-pgdata (deleted when it stops); sets PG_URL, the JDBC URL for further nodes.
start_postgres_node() { # start_postgres_node NAME PORT
  local data="$OUT/$1-pgdata" url_file="$OUT/$1.pgurl"
  PG_DATA_DIRS+=("$data")
  start_server "$1" "$2" io.pushback.bench.PostgresBenchServer \
    "PUSHBACK_PORT=$2" "PUSHBACK_ADMIN_TOKEN=$ADMIN_TOKEN" "PUSHBACK_MASTER_KEY=$MASTER_KEY" \
    "BENCH_PG_DATA=$data" "BENCH_PG_URL_FILE=$url_file"
  PG_URL=$(cat "$url_file")
  log "$1: $(grep -m 1 '^bench: PostgreSQL' "$OUT/$1.log" | sed 's/^bench: //')"
}

# A further Pushback node (plain EmbeddedLauncher) on the PostgreSQL at PG_URL.
start_postgres_peer() { # start_postgres_peer NAME PORT
  start_server "$1" "$2" io.pushback.app.EmbeddedLauncher \
    "PUSHBACK_PORT=$2" "PUSHBACK_DB_URL=$PG_URL" "PUSHBACK_DB_USER=postgres" \
    "PUSHBACK_ADMIN_TOKEN=$ADMIN_TOKEN" "PUSHBACK_MASTER_KEY=$MASTER_KEY"
}

# The first PostgreSQL data directory's postmaster, if one runs.
postmaster_pid() {
  local dir=${PG_DATA_DIRS[0]:-}
  [[ -n "$dir" && -f "$dir/postmaster.pid" ]] && head -n 1 "$dir/postmaster.pid"
}

admin() { # admin PORT METHOD PATH [BODY]
  curl -sS -f -X "$2" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    ${4:+--data-binary "$4"} "http://127.0.0.1:$1/admin/api/v1$3"
}

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# create_endpoint PORT MODE: a partner and a log-saga endpoint with HMAC signatures; sets REQUEST_PATH.
create_endpoint() {
  admin "$1" POST /partners '{"slug":"bench","name":"Benchmark"}' >/dev/null
  local endpoint
  endpoint=$(admin "$1" POST /partners/bench/endpoints \
    "{\"name\":\"bench-$2\",\"saga\":\"log\",\"mode\":\"$2\",\"security\":{\"method\":\"signature\",\"secret\":\"$SECRET\"}}")
  REQUEST_PATH=$(json_field path <<<"$endpoint")
  [[ -n "$REQUEST_PATH" ]] || die "no endpoint path in: $endpoint"
}

# One signed request by curl before the load: the set-up must answer 2xx, or the figures mean nothing.
check_request() { # check_request PORT LABEL
  local answer
  answer=$(corpus_body | tr -d '\n' | curl -sS -w ' %{http_code}' -H 'Content-Type: application/json' \
    -H "PUSHBACK_SIGNATURE: $(corpus_signature)" --data-binary @- "http://127.0.0.1:$1$REQUEST_PATH")
  [[ "${answer##* }" == 2?? ]] || die "$2: the check request to port $1 was answered: $answer"
  log "$2: check request to port $1 answered: $answer"
}

# --- CPU time from /proc, in clock ticks ---------------------------------------------------------

proc_ticks() { # proc_ticks PID...: user + system CPU of the processes so far
  local total=0 pid
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] || die "server process $pid is gone; see its log in $OUT"
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

# tree_ticks PID: user + system CPU of PID, its living children and its reaped children (the
# PostgreSQL postmaster and its backends; 0 if PID is empty).
tree_ticks() {
  [[ -n "${1:-}" ]] || { echo 0; return; }
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v p="$1" '
    { pid = $1; sub(/.*\) /, "") } # after the command name: $1 state, $2 ppid, $12 utime ...
    pid == p { t += $12 + $13 + $14 + $15 }
    $2 == p { t += $12 + $13 }
    END { print t + 0 }'
}
