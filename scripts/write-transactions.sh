#!/usr/bin/env bash
# Counts the event store's write transactions per order, grouped by what each one wrote. Starts the standalone JAR
# on a fresh data directory with H2's trace file on (every JDBC call, TRACE_LEVEL_FILE=3), places WARMUP orders,
# then ORDERS orders one after another, each POST waiting for the outcome, and reads the trace of those: every
# commit of a transaction that inserted, updated or deleted a row, and the tables (for the token table, the
# processor) it wrote. With WRITE_DELAY=0 each such commit writes a chunk of the H2 file under its store lock, so
# this is what an order costs the store (BENCHMARKS.md, "One segment per saga").
#   scripts/write-transactions.sh standalone/target/fulfillment-standalone.jar
# Settings of the app go in its environment or in JAVA_TOOL_OPTIONS, e.g. a processor's segments:
#   JAVA_TOOL_OPTIONS=-Daxon.eventhandling.processors.payment-saga.initial-segment-count=2 scripts/write-transactions.sh JAR
# The trace slows the app down several times over: the figures are counts, not times. Needs unzip.
set -euo pipefail
JAR=${1:?usage: $0 JAR}
ORDERS=${ORDERS:-10}
WARMUP=${WARMUP:-5}
PORT=${PORT:-18113}
DATA=$(mktemp -d)
export FULFILLMENT_OPERATOR_PASSWORD=${FULFILLMENT_OPERATOR_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}
# The event store URL of the JAR's application.yml, on this data directory and with the trace file on.
URL=$(unzip -p "$JAR" BOOT-INF/classes/application.yml | sed -n 's/^ *url: \(jdbc:h2:.*\/events;.*\)$/\1/p')
[ -n "$URL" ] || { echo "no event store URL in $JAR's application.yml" >&2; exit 1; }
URL="${URL//\$\{fulfillment.data-dir\}/$DATA/data};TRACE_LEVEL_FILE=3;TRACE_MAX_FILE_SIZE=4000"

# shellcheck source=start-app.sh
. "$(dirname "$0")/start-app.sh"
start_app "$JAR" "$DATA" "$PORT" --spring.datasource.url="$URL"

place() {
  for _ in $(seq 1 "$1"); do
    curl -sf -o /dev/null -u alice:demo -X POST "localhost:$PORT/api/orders?waitSeconds=10" \
         -H 'Content-Type: application/json' -d '{"lines":[{"productId":"filter-papers","quantity":1}]}'
  done
}
TRACE="$DATA/data/events.trace.db"
place "$WARMUP"
sleep 3
from=$(wc -l < "$TRACE")
place "$ORDERS"
sleep 3 # the last order's compensations and the sagas' ends
to=$(wc -l < "$TRACE")

# A trace entry is a line naming the connection (jdbc[N]) and, on the next, the call or the SQL it ran.
sed -n "$((from + 1)),${to}p" "$TRACE" | awk -v orders="$ORDERS" '
  match($0, /jdbc\[[0-9]+\]/) { conn = substr($0, RSTART + 5, RLENGTH - 6); next }
  /^\/\*SQL/ {
    sql = $0; sub(/^\/\*SQL[^*]*\*\//, "", sql); split(sql, word, /[ (]+/); verb = toupper(word[1])
    if (verb == "UPDATE") table = word[2]
    else if (verb == "INSERT" || verb == "DELETE" || verb == "MERGE") table = word[3]
    else next
    if (table == "TokenEntry" && match($0, /5: \x27[^\x27]*\x27/)) table = table "[" substr($0, RSTART + 4, RLENGTH - 5) "]"
    key = verb " " table
    if (!((conn, key) in seen)) { seen[conn, key] = 1; wrote[conn] = wrote[conn] (wrote[conn] == "" ? "" : ", ") key }
    next
  }
  /\.(commit|rollback)\(\);/ {
    if (wrote[conn] != "" && $0 ~ /commit/) { count[wrote[conn]]++; total++ }
    for (k in seen) { split(k, part, SUBSEP); if (part[1] == conn) delete seen[k] }
    wrote[conn] = ""
  }
  END {
    printf "%d orders: %.1f write transactions per order\n", orders, total / orders
    for (k in count) printf "%5.1f  %s\n", count[k] / orders, k | "sort -rn"
  }'
