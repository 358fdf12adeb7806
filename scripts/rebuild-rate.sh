#!/usr/bin/env bash
# Rebuilds the read models of a running standalone app through its admin API, one view after another, ROUNDS
# times, and prints for each rebuild the seconds from the POST until the view has replayed every event stored
# when it started (no segment replaying, every segment caught up, its position at that head) and the events per
# second that makes, and how the read API answered meanwhile: each poll also asks it (READ_PROBE, default the
# product list) and the slowest answer and the failed ones are printed. The first round runs on an app that may
# not have run the replay's code yet (the JIT still compiles it); later rounds show the rate of an app that has
# been running. Used for BENCHMARKS.md ("Rebuild rate of a running app").
#   BASE_URL=http://localhost:8080 FULFILLMENT_OPERATOR_PASSWORD=<the app's> scripts/rebuild-rate.sh
# Optional: VIEWS (default "order-view customer-view product-view"), ROUNDS (default 2), POLL_SECONDS (default 0.25:
# how long to wait between two polls). A poll is two requests and nothing else forked: on a machine of two cores a
# poll loop that forks a dozen processes every 50 ms took a fifth of the CPU from the app it measured.
# Events per second count positions of the event stream (its global index), which is the number of events replayed
# as long as the stream has no gaps; a store written by the app has few.
set -euo pipefail
: "${BASE_URL:?the app, e.g. http://localhost:8080}" "${FULFILLMENT_OPERATOR_PASSWORD:?the operator password of the app}"
VIEWS=${VIEWS:-order-view customer-view product-view}
ROUNDS=${ROUNDS:-2}
POLL_SECONDS=${POLL_SECONDS:-0.25}
READ_PROBE=${READ_PROBE:-/api/products}
admin() { curl -sf -u "operator:$FULFILLMENT_OPERATOR_PASSWORD" "$@"; }
# Sets REPLY to the first value of field $1 in the JSON $2 (a number, true, false or null), without forking.
field() { REPLY=; if [[ $2 =~ \"$1\":([^,}]*) ]]; then REPLY=${BASH_REMATCH[1]}; fi; }

for view in $VIEWS; do
  until field caughtUp "$(admin "$BASE_URL/api/admin/projections/$view")" && [ "$REPLY" = true ]; do sleep 0.2; done
done
for round in $(seq 1 "$ROUNDS"); do
  for view in $VIEWS; do
    # Caught up, so its position is the head of the stream: what the rebuild has to replay.
    field position "$(admin "$BASE_URL/api/admin/projections/$view")"; head=$REPLY
    start=$(date +%s.%N)
    admin -o /dev/null -X POST "$BASE_URL/api/admin/projections/$view/rebuild"
    slowest=0; failed=0; probes=0
    while true; do
      # "<HTTP status> <seconds>"; the seconds, which curl prints with six decimals, kept as microseconds
      answered=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -u "operator:$FULFILLMENT_OPERATOR_PASSWORD" \
                      "$BASE_URL$READ_PROBE") || true
      probes=$((probes + 1))
      [ "${answered%% *}" = 200 ] || failed=$((failed + 1))
      took=${answered#* }; took=${took/./}; took=$((10#$took))
      [ "$took" -le "$slowest" ] || slowest=$took
      status=$(admin "$BASE_URL/api/admin/projections/$view") || status=
      field position "$status"; position=${REPLY:-null}
      field replaying "$status"; replaying=$REPLY
      field caughtUp "$status"; caught_up=$REPLY
      if [ "$replaying" = false ] && [ "$caught_up" = true ] && [ "$position" != null ] \
         && [ "$position" -ge "$head" ]; then
        break
      fi
      sleep "$POLL_SECONDS"
    done
    awk -v r="$round" -v v="$view" -v h="$head" -v s="$start" -v e="$(date +%s.%N)" -v p="$probes" -v f="$failed" \
        -v w="$slowest" -v q="$READ_PROBE" \
        'BEGIN { printf "round %d  %-14s %9d events  %7.2f s  %8.0f events/s   %s meanwhile: %d answers, %d failed, slowest %.0f ms\n",
                 r, v, h, e - s, h / (e - s), q, p, f, w / 1000 }'
  done
done
