#!/usr/bin/env bash
# Prepares the standalone jar for a faster start with class data sharing (CDS): extracts it into DIR (Spring
# Boot's layout for CDS) and records, in one training run that stops once the application context is refreshed,
# the classes it loads into DIR/app.jsa. The JVM then maps them instead of loading, verifying and linking
# each again: on this project's 2-core machine the app starts in about half the time (docs/operations.md,
# "Restart"). Rebuild the archive with every new jar and every new JDK: the JVM ignores, with a warning, an
# archive that does not match them.
#   scripts/cds-archive.sh [JAR] [DIR]      (defaults: standalone/target/fulfillment-standalone.jar, standalone/target/cds)
#   java -XX:SharedArchiveFile=DIR/app.jsa -jar DIR/fulfillment-standalone.jar
set -euo pipefail
JAR=${1:-standalone/target/fulfillment-standalone.jar}
DIR=${2:-standalone/target/cds}
[ -f "$JAR" ] || { echo "no jar at $JAR: build it with ./mvnw -pl standalone -am -DskipTests package" >&2; exit 2; }

rm -rf "$DIR"
java -Djarmode=tools -jar "$JAR" extract --destination "$DIR"
APP="$DIR/$(basename "$JAR")"

# The training run opens its own empty stores and no port, so it can run beside a running app (without
# FULFILLMENT_OPERATOR_PASSWORD it makes up an operator password of its own, which it never uses).
TRAINING_DATA=$(mktemp -d)
trap 'rm -rf "$TRAINING_DATA"' EXIT
java -XX:ArchiveClassesAtExit="$DIR/app.jsa" -Dspring.context.exit=onRefresh \
     -Dserver.port=0 -Dfulfillment.data-dir="$TRAINING_DATA" -jar "$APP" > "$DIR/training.log" 2>&1 \
  || { echo "the training run failed; see $DIR/training.log" >&2; exit 1; }

echo "archive: $DIR/app.jsa"
echo "start:   java -XX:SharedArchiveFile=$DIR/app.jsa -jar $APP"
