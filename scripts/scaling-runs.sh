#!/usr/bin/env bash
# The scaling runs of BENCHMARKS.md ("Scaling with history"): the benchmark's closed model (CLIENTS clients, each
# placing its next order once the last one ended, DURATION s after 10 s of warm-up) against the standalone jar on
# a fresh data directory and on a copy of a seeded one, with the orders spread over the seeded store's 100
# products and all for its one hot product. REPEAT rounds of the four, interleaved, so that the load of this
# shared machine falls on each alike; every run appends its row to benchmarks/target/benchmark-results.md.
#   ./mvnw -B -ntp -pl standalone -am -DskipTests package
#   ./mvnw -B -ntp -Pseed -pl standalone -am process-test-classes -Dseed.dataDir=/tmp/seeded
#   SEEDED=/tmp/seeded [REPEAT=3] [FIRST_ROUND=1] [CLIENTS=16] [DURATION=40] [PREFIX=seed-] [JAR=<standalone jar>] scripts/scaling-runs.sh
set -euo pipefail
: "${SEEDED:?a data directory made by the seeder (StoreSeeder), kept as it is: each run gets a copy}"
REPEAT=${REPEAT:-3}
CLIENTS=${CLIENTS:-16}
DURATION=${DURATION:-40}
PREFIX=${PREFIX:-seed-}
JAR=${JAR:-$PWD/standalone/target/fulfillment-standalone.jar}
[ -f "$SEEDED/events.mv.db" ] || { echo "no event store in $SEEDED" >&2; exit 2; }

run() { # label, then -Dbench.* arguments
  local label=$1; shift
  ./mvnw -B -ntp -Pbenchmark -pl benchmarks -am verify -DskipTests -Dbench.jar="$JAR" -Dbench.shape=closed \
         -Dbench.clients="$CLIENTS" -Dbench.duration="$DURATION" -Dbench.label="$label" "$@"
}

on_copy() { # label, then -Dbench.* arguments: the run on a fresh copy of the seeded directory
  local copy
  copy=$(mktemp -d)
  cp -r "$SEEDED"/. "$copy"
  run "$@" -Dbench.dataDir="$copy"
  rm -rf "$copy"
}

for round in $(seq "${FIRST_ROUND:-1}" "$REPEAT"); do
  run "fresh, 100 products, round $round" -Dbench.products=100
  on_copy "seeded, 100 products, round $round" -Dbench.products=100 -Dbench.productPrefix="$PREFIX"
  run "fresh, one product, round $round" -Dbench.products=1
  on_copy "seeded, the hot product, round $round" -Dbench.products=1 -Dbench.productPrefix="${PREFIX}hot-"
done
tail -n $((4 * (REPEAT - ${FIRST_ROUND:-1} + 1))) benchmarks/target/benchmark-results.md
