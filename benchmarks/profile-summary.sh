#!/usr/bin/env bash
# Summarises a Java Flight Recorder file (CPU samples by thread pool, by top frame, by method on the stack, by
# first project frame) as the Markdown tables of BENCHMARKS.md's "Profiles" section.
#   benchmarks/profile-summary.sh recording.jfr [rows per table]
# Record one of a running app with: jcmd <pid> JFR.start duration=30s filename=recording.jfr
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 recording.jfr [rows per table, default 20]" >&2
  exit 2
fi
exec java "$(dirname "$0")/src/test/java/com/fulfillment/benchmarks/JfrSummary.java" "$@"
