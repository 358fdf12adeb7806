#!/usr/bin/env bash
# Kills a running standalone app with SIGKILL, starts JAR again on the same data directory and reports
#   - seconds from start to readiness (/actuator/health/readiness UP),
#   - seconds from start to every event processor caught up with the stream (eventProcessors.caughtUp),
#   - the size of the files in the data directory.
# Used for the restart figures in BENCHMARKS.md ("Storage and restart").
# The processors' state in /actuator/health is the operator's to read; the restarted app keeps the password.
#   PID=<pid of the running app> JAR=standalone/target/fulfillment-standalone.jar DATA_DIR=<its data dir> PORT=18080 \
#     FULFILLMENT_OPERATOR_PASSWORD=<the app's> scripts/storage-restart.sh
set -euo pipefail
: "${PID:?pid of the running app}" "${JAR:?path of the standalone jar}" "${DATA_DIR:?its data directory}" "${PORT:?its port}"
: "${FULFILLMENT_OPERATOR_PASSWORD:?the operator password of the app}"
export FULFILLMENT_OPERATOR_PASSWORD
LOG=${LOG:-$DATA_DIR/../restart-$(date +%s).log}

kill -9 "$PID"
while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
ls -l "$DATA_DIR"

start=$(date +%s.%N)
PORT=$PORT FULFILLMENT_DATA_DIR=$DATA_DIR nohup java ${JAVA_OPTS:-} -jar "$JAR" > "$LOG" 2>&1 &
echo "restarted as pid $! (log $LOG)"
elapsed() { echo "$(date +%s.%N) - $start" | bc; }

until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do sleep 0.2; done
echo "ready after $(elapsed) s"
until curl -s -u "operator:$FULFILLMENT_OPERATOR_PASSWORD" "localhost:$PORT/actuator/health" | grep -q '"eventProcessors":{"status":"UP","details":{"caughtUp":true'; do sleep 0.2; done
echo "every processor caught up after $(elapsed) s"
