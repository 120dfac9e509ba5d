#!/usr/bin/env bash
# Microbenchmarks (JMH 1.37): every verifier on 1 KiB and 64 KiB bodies, and the standard-webhooks
# verifier against Svix's Webhook.verify in the same run. Not part of the test suite (the benchmark
# classes are test sources without Test/IT names). See docs/benchmarks.md, "Microbenchmarks".
#
#   bench/jmh.sh                              # everything, short but honest settings
#   bench/jmh.sh SvixComparison               # a regex of benchmarks; any further JMH options follow
#   bench/jmh.sh VerifierBenchmark -p verifier=standard-webhooks
#
# Knobs (environment):
#   BENCH_BUILD_DIR   Maven build directory (default <repo>/target), passed as -Dpushback.buildDir
#   JMH_OPTS          JMH options (default "-f 1 -wi 3 -i 5 -w 1s -r 1s")
#   BENCH_SKIP_BUILD  1 to reuse the test classes and classpath file already in the build directory
#   JAVA_HOME         the JVM (else `java` on PATH); Maven runs with the same
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${BENCH_BUILD_DIR:-$repo/target}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cpfile="$build/jmh-classpath.txt"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$repo" && mvn -B -q -Dpushback.buildDir="$build" -DskipTests test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile")
fi

filter="${1:-io.pushback.bench.jmh}"
shift || true
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
exec "$java" -cp "$build/test-classes:$build/classes:$(cat "$cpfile")" org.openjdk.jmh.Main "$filter" \
  ${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s} "$@"
