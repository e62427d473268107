#!/usr/bin/env bash
# bench/train-aot.sh - trains an AOT cache (JDK 25+, JEP 483/514/515) for bench/run.sh's Jay.
#
# The cache holds the classes Jay loads, already parsed and linked, and the method profiles of a
# training run, so the JIT compiler can compile the hot paths as soon as Jay starts instead of
# after seconds of load. On one pinned core the compiler otherwise competes with the event loop
# exactly when load arrives (bench/RESULTS.md). No cached answer or other data is carried over:
# the measured run starts with an empty cache.
#
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/train-aot.sh /tmp/jay.aot
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java AOT_CACHE=/tmp/jay.aot \
#     PEERS="unbound dnsdist sut" ROUNDS=3 CEILINGS=0 bench/run.sh
#
# Training: Jay pinned to CPU 1 with bench/run.sh's flags, in a private network namespace with only
# loopback, answering dnsperf (CPU 0) on the hot, NXDOMAIN-mix and large query sets of
# ../shared/bench against NSD on 127.0.0.1:5300, four seconds each; the cache is written when Jay
# exits. Needs what bench/run.sh needs (bench/setup.sh's packages and data, a built jar).
set -euo pipefail

if [[ "${IN_NETNS:-0}" != 1 ]]; then
  [[ $# -eq 1 ]] || { echo "usage: $0 OUTPUT.aot" >&2; exit 2; }
  exec unshare --net -- env IN_NETNS=1 bash "$0" "$(realpath -m "$1")"
fi
OUT="$1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
DATA=/tmp/dnsbench/data
JAR="$ROOT/server/target/jay.jar"
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms40m -Xmx40m -Xmn24m -XX:SurvivorRatio=4 -XX:TargetSurvivorRatio=80 -XX:MaxDirectMemorySize=32m -Xss256k -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000}"
MALLOC_ENV="${MALLOC_ENV:-MALLOC_MMAP_THRESHOLD_=16384 MALLOC_TRIM_THRESHOLD_=1048576}"

[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests package)
[[ -f /tmp/dnsbench/data/.generated-v2 ]] || bash "$SHARED/setup.sh"

major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[[ "${major:-0}" -ge 25 ]] || { echo "$JAVA is Java ${major:-?}; AOT caches need 25 or later (set JAVA)" >&2; exit 2; }

ip link set lo up
WORK="$(mktemp -d)"
NSD=""
JAY=""
trap 'kill $NSD $JAY 2>/dev/null || true; rm -rf "$WORK"' EXIT
sed -e "s#@ADDR@#127.0.0.1#; s#@PORT@#5300#; s#@THREADS@#1#; s#@DATA@#$DATA#; s#@RUN@#$WORK#g" \
  "$SHARED/conf/nsd.conf.in" > "$WORK/nsd.conf"
taskset -c 0 nsd -d -c "$WORK/nsd.conf" > "$WORK/nsd.log" 2>&1 &
NSD=$!

rm -f "$OUT"
# shellcheck disable=SC2086 # the options are words on purpose
env $MALLOC_ENV SUT_ADDR=127.0.0.10 SUT_PORT=5310 UPSTREAM=127.0.0.1:5300 taskset -c 1 \
  "$JAVA" $JAVA_OPTS -XX:AOTCacheOutput="$OUT" -jar "$JAR" -quiet -conf "$ROOT/bench/Corefile.bench" \
  > "$WORK/jay.log" 2>&1 &
JAY=$!
for _ in $(seq 100); do
  dig +short +time=1 +tries=1 @127.0.0.10 -p 5310 host00001.bench.test > /dev/null 2>&1 && break
  sleep 0.2
done
for set in q-hot.txt q-nx.txt q-large.txt; do
  taskset -c 0 dnsperf -s 127.0.0.10 -p 5310 -d "$DATA/$set" -l 4 -c 16 -q 200 -T 2 -t 2 \
    | grep -E "Queries per second" | sed "s/^ */$set: /"
done
kill -TERM "$JAY"
wait "$JAY" || true
[[ -s "$OUT" ]] || { echo "no AOT cache written; Jay's output:" >&2; cat "$WORK/jay.log" >&2; exit 1; }
echo "AOT cache: $OUT ($(du -h "$OUT" | cut -f1))"
