#!/usr/bin/env bash
# Starts the standalone JAR on a fresh data directory, places ORDERS orders (CONCURRENCY at a time, each POST
# waiting for the outcome) after a warm-up, and prints the process CPU time the app spent per order, read from
# /proc. CPU per order varies far less with the load of a shared machine than orders per second do, so this is
# how two settings of the app are compared (BENCHMARKS.md, "The payment provider over loopback HTTP").
# The warm-up lets the JVM compile its hot code first: WARMUP orders (4000 by default), then rounds of 500 until the
# JIT's compiler threads took at most JIT_SHARE (0.05) of a round's time, or MAX_WARMUP orders (30000) in all. Over
# the first several thousand orders the compilers take a large share of the CPU (BENCHMARKS.md, "A JVM that is still
# compiling", "The JIT still compiling after 5,000 orders"); the figure printed says how much they still took.
# Settings of the app go in its environment, e.g. the payment provider:
#   PAYMENT_PROVIDER=in-memory scripts/cpu-per-order.sh standalone/target/fulfillment-standalone.jar
# Linux only (reads /proc/<pid>/stat).
set -euo pipefail
JAR=${1:?usage: $0 JAR}
ORDERS=${ORDERS:-200}
WARMUP=${WARMUP:-4000}
JIT_SHARE=${JIT_SHARE:-0.05}
MAX_WARMUP=${MAX_WARMUP:-30000}
CONCURRENCY=${CONCURRENCY:-4}
PORT=${PORT:-18112}
DATA=$(mktemp -d)
export FULFILLMENT_OPERATOR_PASSWORD=${FULFILLMENT_OPERATOR_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}
# One demo customer places every order: no per-user limit in the way.
export FULFILLMENT_ADMISSION_ORDERS_PER_USER=${FULFILLMENT_ADMISSION_ORDERS_PER_USER:-100000}

# shellcheck source=start-app.sh
. "$(dirname "$0")/start-app.sh"
start_app "$JAR" "$DATA" "$PORT"

# A product that never runs out, so that every order goes the whole way: reserved, charged, confirmed.
curl -sf -o /dev/null -u "operator:$FULFILLMENT_OPERATOR_PASSWORD" -X POST "localhost:$PORT/api/products" \
     -H 'Content-Type: application/json' \
     -d '{"productId":"cpu-probe","name":"CPU probe","unitPrice":{"amount":1.50,"currency":"EUR"},"initialStock":1000000}'
place() {
  seq 1 "$1" | xargs -P "$CONCURRENCY" -I{} curl -s -u alice:demo \
      -X POST "localhost:$PORT/api/orders?waitSeconds=10" -H 'Content-Type: application/json' \
      -d '{"lines":[{"productId":"cpu-probe","quantity":1}]}' \
    | grep -o '"status":"[A-Z_]*"' | cut -d'"' -f4 || true
}
ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
# CPU ticks of the JIT compiler's threads (C1 and C2 CompilerThread)
compiler_ticks() {
  for task in /proc/$APP/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in C*CompilerThre*) awk '{print $14 + $15}' "$task/stat" 2>/dev/null;; esac
  done | awk '{s += $1} END {print s + 0}'
}

place "$WARMUP" > /dev/null
warmed=$WARMUP
hz=$(getconf CLK_TCK)
while [ "$warmed" -lt "$MAX_WARMUP" ]; do
  compiled=$(compiler_ticks); round_started=$(date +%s.%N)
  place 500 > /dev/null
  warmed=$((warmed + 500))
  awk -v c=$(($(compiler_ticks) - compiled)) -v hz="$hz" -v s="$round_started" -v e="$(date +%s.%N)" \
      -v limit="$JIT_SHARE" 'BEGIN { exit !(c / hz / (e - s) <= limit) }' && break
done
echo "warm-up: $warmed orders" >&2
before=$(ticks); compiled_before=$(compiler_ticks); started=$(date +%s.%N)
outcomes=$(place "$ORDERS" | sort | uniq -c | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}')
after=$(ticks); compiled_after=$(compiler_ticks); ended=$(date +%s.%N)
awk -v t=$((after - before)) -v c=$((compiled_after - compiled_before)) -v hz="$hz" -v n="$ORDERS" -v s="$started" -v e="$ended" -v outcomes="$outcomes" \
    -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%d orders (%s): %.1f ms of CPU per order (%.1f of it compiling), %.1f orders/s, load %s\n",
             n, outcomes, 1000 * t / hz / n, 1000 * c / hz / n, n / (e - s), load }'
