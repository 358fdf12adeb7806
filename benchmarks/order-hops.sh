#!/usr/bin/env bash
# Where the time between an order's POST and its final status went, step by step: the timestamps of each order's
# events in a stopped standalone app's event store beside the client's times in benchmark-orders.csv, as the
# Markdown table of BENCHMARKS.md ("Where an order's latency goes").
#   benchmarks/order-hops.sh <data dir> <benchmark-orders.csv> [sent from, ms: leaves out the warm-up]
# The data directory is the benchmark's -Dbench.dataDir (a fresh temporary one is deleted at the end of a run).
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 <data dir> <benchmark-orders.csv> [sent from, ms]" >&2
  exit 2
fi
DATA_DIR=$(realpath "$1"); ORDERS_CSV=$(realpath "$2"); shift 2
cd "$(dirname "$0")/.."
H2=$(mktemp)
trap 'rm -f "$H2"' EXIT
./mvnw -q -B -ntp -pl standalone dependency:build-classpath -Dmdep.includeArtifactIds=h2 -Dmdep.outputFile="$H2" \
  > /dev/null
exec java -cp "$(cat "$H2")" benchmarks/src/test/java/com/fulfillment/benchmarks/OrderHops.java "$DATA_DIR" "$ORDERS_CSV" "$@"
