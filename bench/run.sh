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
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/run.sh   # another JVM
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
# generation whose survivor spaces (4 MB, promoted only past 80 % full) hold the cache entries a
# miss-heavy load creates until they are evicted: with the JVM's default 50 % target and a smaller
# young generation they were promoted, filling the old generation and costing a 15 ms full
# collection every 0.7 s under the large workload (a 16 MB young generation instead saves ~10 MB of
# RSS but doubles the collections and put the large workload's p99 at 1.5-1.9 ms). Bounded
# direct memory for Netty, small thread stacks. Left out: -XX:TrimNativeHeapInterval=5000, which
# hands the C library's freed arenas back (10-15 MB less RSS after the workloads) but, over the
# whole sequence of workloads, put the large workload's p99 at 0.19-4.5 ms (median 3.5, nine runs)
# against 0.15-4.1 ms (median 0.30, nine runs) without: each trim holds the arena the event loop
# allocates from for 0.5-0.8 ms, and the pages it gives back are faulted in again (our reading;
# the p99 figures are measured and noisy either way, see bench/RESULTS.md).
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms40m -Xmx40m -Xmn24m -XX:SurvivorRatio=4 -XX:TargetSurvivorRatio=80 -XX:MaxDirectMemorySize=32m -Xss256k}"

JAVA="${JAVA:-java}"   # e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export SUT_CMD="exec $JAVA $JAVA_OPTS -jar $JAR -quiet -conf $ROOT/bench/Corefile.bench"
echo "Jay: $JAVA $("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2) $JAVA_OPTS" >&2
exec bash "$SHARED/peers.sh"
