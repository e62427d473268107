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

# Small footprint with low pauses: one event loop per core Jay may use (taskset decides), a fixed
# small heap (the cache holds ~280 B per entry), SerialGC (a young collection of a small heap is
# sub-millisecond and costs no extra threads), bounded direct memory for Netty.
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms48m -Xmx48m -XX:MaxDirectMemorySize=32m -Xss512k -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m}"

export SUT_NAME="${SUT_NAME:-jay}"
export SUT_WARMUP_S="${SUT_WARMUP_S:-15}"
JAVA="${JAVA:-java}"   # e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export SUT_CMD="exec $JAVA $JAVA_OPTS -jar $JAR -quiet -conf $ROOT/bench/Corefile.bench"
echo "Jay: $JAVA $("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2) $JAVA_OPTS" >&2
exec bash "$SHARED/peers.sh"
