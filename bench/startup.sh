#!/usr/bin/env bash
# bench/startup.sh - time from starting the JVM to the first answer, on the demo Corefile
# (127.0.0.1:1053), without and with an application class-data-sharing archive.
#   bench/startup.sh            # 3 runs each
# Needs dig (bind9-dnsutils) and a built jar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/server/target/jay.jar"
CONF="$ROOT/testdata/Corefile.demo"
JAVA="${JAVA:-java}"
ARCHIVE="$(mktemp -d)/jay.jsa"

first_answer() {
  local start end pid
  start=$(date +%s%N)
  "$JAVA" "$@" -jar "$JAR" -quiet -conf "$CONF" >/dev/null 2>&1 &
  pid=$!
  until dig @127.0.0.1 -p 1053 +tries=1 +time=1 +short example.org A >/dev/null 2>&1; do sleep 0.01; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

# Training run: SIGTERM makes Jay exit normally, which writes the archive.
"$JAVA" -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" -quiet -conf "$CONF" >/dev/null 2>&1 &
pid=$!
sleep 3
dig @127.0.0.1 -p 1053 +short example.org A >/dev/null || true
kill "$pid"; wait "$pid" 2>/dev/null || true

for i in 1 2 3; do echo "plain: $(first_answer) ms"; done
for i in 1 2 3; do echo "AppCDS: $(first_answer -XX:SharedArchiveFile="$ARCHIVE") ms"; done
