#!/usr/bin/env bash
# bench/run.sh - Jay and the caching forwarders people would pick instead, measured side by side.
#
# Runs ../shared/bench/peers.sh (unbound, dnsmasq, dnsdist, Knot Resolver, PowerDNS Recursor, and
# Jay through its SUT hook) in one go, in a private network namespace with only loopback, with the
# same workloads and pinning for every server: server on CPU 1, dnsperf and the NSD upstream on
# CPU 0. Prints the Markdown tables; raw data lands in /tmp/dnsbench/results/<timestamp>/.
#
#   bench/run.sh                           # the whole matrix (~12 min)
#   PEERS="unbound dnsdist sut" ROUNDS=3 bench/run.sh   # medians against the closest peers
#   JAVA_OPTS="..." bench/run.sh           # other JVM flags for Jay
#   MALLOC_ENV="X=1" bench/run.sh          # without the malloc settings (any harmless variable)
#   CDS=0 bench/run.sh                     # without the class-data archive (made and used by default)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/run.sh   # another JVM
#   JAVA=.../temurin-25-jdk-amd64/bin/java AOT_CACHE=/tmp/jay.aot bench/run.sh
#                                          # JDK 25 with an AOT cache from bench/train-aot.sh
#
# Needs: the packages bench/setup.sh installs (run once; it is idempotent) and a built jar
# (this script builds it when missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED_BENCH:-$ROOT/../shared/bench}"
JAR="$ROOT/server/target/jay.jar"

[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -DskipTests package)
[[ -f /tmp/dnsbench/data/.generated-v2 ]] || bash "$SHARED/setup.sh"

# Small footprint with low pauses: one event loop per core Jay may use (taskset decides), SerialGC
# (no GC threads competing with the event loop for its core), a fixed 40 MB heap with a 24 MB young
# generation (4 MB survivor spaces, promoted past 80 % full). The cache keeps its entries in
# per-shard byte slabs, not objects, so a young collection under the large workload copies ~0.7 MB
# (1-2 ms) where it used to copy the whole cache (2.3 MB, 2.5-4 ms). Smaller young generations save
# RSS (12 MB: 7-10 MB less) but put the large workload's p99 at 10 000 QPS above 3 ms in three
# rounds of six, against none of six with 24 MB (bench/RESULTS.md, session 6), and a 24 MB heap
# leaves too little old generation for full caches. Bounded direct memory for Netty, small thread
# stacks.
# The C library's malloc: blocks of 16 KiB and more are mapped and unmapped on their own instead of
# staying in an arena, and a free trims the arena's top past 1 MiB. The JIT compiler's scratch
# memory, freed after each compilation, otherwise stays resident; over three A/B rounds this took
# 14-18 MB off the RSS after the workloads with no loss in QPS or p99 (bench/RESULTS.md). Left out:
# -XX:TrimNativeHeapInterval=5000, which trims every arena every 5 s: over the whole sequence of
# workloads it put the large workload's p99 at 0.19-4.5 ms (median 3.5, nine runs) against
# 0.15-4.1 ms (median 0.30, nine runs) without; each trim holds the arena the event loop allocates
# from for 0.5-0.8 ms (bench/RESULTS.md).
# The JIT: a method moves from C1's profiled code to C2 after ten times the default number of calls
# (Tier4*Threshold). Fewer methods reach C2, so fewer C2 compilations share the pinned core with
# the event loop while load changes: the large workload's p99 at 10 000 QPS stayed at 0.23-0.31 ms
# in six alternating rounds against 0.19-1.12 ms (five of six above 0.3), and the hot-TCP p99 fell
# from 0.5-2.4 ms to 0.05-0.21 ms over the whole sequence (runs N and P in bench/RESULTS.md).
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms40m -Xmx40m -Xmn24m -XX:SurvivorRatio=4 -XX:TargetSurvivorRatio=80 -XX:MaxDirectMemorySize=32m -Xss256k -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000}"
MALLOC_ENV="${MALLOC_ENV:-MALLOC_MMAP_THRESHOLD_=16384 MALLOC_TRIM_THRESHOLD_=1048576}"
JAVA="${JAVA:-java}"   # e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [[ -n "${AOT_CACHE:-}" ]]; then
  [[ -s "$AOT_CACHE" ]] || { echo "AOT_CACHE=$AOT_CACHE: no such cache; make it with bench/train-aot.sh" >&2; exit 2; }
  JAVA_OPTS="$JAVA_OPTS -XX:AOTCache=$AOT_CACHE"
elif [[ "${CDS:-1}" != 0 ]]; then
  # Application class-data sharing, as the Docker image runs Jay: the classes a start-up loads
  # are mapped from an archive instead of parsed into metaspace. Same training as the image's (a
  # start on this Corefile, no queries), in a private network namespace so that it binds nothing
  # outside. The archive is made again when the jar or the JVM is newer. CDS=0 runs without one.
  ARCHIVE="$ROOT/server/target/jay-$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.version = //p').jsa"
  JAVA_BIN="$(readlink -f "$(command -v "$JAVA")")"
  if [[ ! -s "$ARCHIVE" || "$ARCHIVE" -ot "$JAR" || "$ARCHIVE" -ot "$JAVA_BIN" ]]; then
    rm -f "$ARCHIVE"
    unshare --net -- env SUT_ADDR=127.0.0.1 SUT_PORT=53 UPSTREAM=127.0.0.1:5300 bash -c \
      'ip link set lo up && exec timeout -s TERM 5 "$0" -XX:ArchiveClassesAtExit="$1" -jar "$2" -quiet -conf "$3"' \
      "$JAVA" "$ARCHIVE" "$JAR" "$ROOT/bench/Corefile.bench" >/dev/null 2>&1 || true
    [[ -s "$ARCHIVE" ]] || { echo "could not make the class-data archive $ARCHIVE (CDS=0 runs without)" >&2; exit 2; }
  fi
  JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$ARCHIVE"
fi

export SUT_CMD="exec env $MALLOC_ENV $JAVA $JAVA_OPTS -jar $JAR -quiet -conf $ROOT/bench/Corefile.bench"
echo "Jay: $MALLOC_ENV $JAVA $("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2) $JAVA_OPTS" >&2
exec bash "$SHARED/peers.sh"
