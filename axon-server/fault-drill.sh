#!/usr/bin/env bash
# A fault drill for the distributed shape as run-services.sh runs it on this machine: while the concurrent
# orders scenario places its orders (DeployedScenariosTest#concurrentOrdersForScarceStockAllEndAndAddUp), one
# part is killed with SIGKILL and started again. The scenario then checks the invariants the standalone
# crash test (StandaloneCrashIT) checks, through the same code (FulfillmentInvariants in end-to-end-scenarios):
# every order ended with no compensation refused for good; per product nothing reserved, on hand + sold = what
# was added, sold = what the confirmed orders asked for; per order captured = total when confirmed, captured =
# refunded otherwise. Nothing was lost with the process.
#
#   axon-server/fault-drill.sh <part> [orders]
#
#   part     order-service | inventory-service | payment-service | query-projections | gateway | axon-server
#   orders   how many of the scenario's orders the query side shows before the kill (default 8)
#
#   AXON_SERVER_RESTART  command that starts Axon Server again (needed for axon-server; for example
#                        "cd ~/axonserver && nohup java -jar axonserver.jar >axonserver.log 2>&1 &")
#   AXON_SERVER_PID      its process id (default: the process that listens on port 8124)
#   FULFILLMENT_LOG_DIR  where restarted services write their log (default axon-server/logs)
#   FULFILLMENT_RUN_DIR  where run-services.sh copied the services' jars and keeps their pid files
#                        (default axon-server/run); a service is killed by its pid file, and its restart
#                        recorded there, so that `run-services.sh stop` stops it too
#   FULFILLMENT_DEMO_PASSWORD  the password of alice, the customer whose orders the scenario places (default demo)
#   FULFILLMENT_OPERATOR_PASSWORD  the operator's password the services run with (default: the one run-services.sh
#                        kept in $FULFILLMENT_RUN_DIR/operator-password); the scenario sets up the catalogue as the
#                        operator, and a restarted part needs it too
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
part="${1:?usage: fault-drill.sh <order-service|inventory-service|payment-service|query-projections|gateway|axon-server> [orders]}"
threshold="${2:-8}"
log_dir="${FULFILLMENT_LOG_DIR:-$root/axon-server/logs}"
run_dir="${FULFILLMENT_RUN_DIR:-$root/axon-server/run}"
test_log="$log_dir/fault-drill-$part.log"
mkdir -p "$log_dir"
if [[ -z "${FULFILLMENT_OPERATOR_PASSWORD:-}" && -r "$run_dir/operator-password" ]]; then
  read -r FULFILLMENT_OPERATOR_PASSWORD <"$run_dir/operator-password"
fi
export FULFILLMENT_OPERATOR_PASSWORD="${FULFILLMENT_OPERATOR_PASSWORD:?set FULFILLMENT_OPERATOR_PASSWORD to the operator password the services run with}"

declare -A ports=([order-service]=8081 [inventory-service]=8082 [payment-service]=8083 [query-projections]=8084
                  [gateway]=8080)

orders_seen() {
  curl -s -u "alice:${FULFILLMENT_DEMO_PASSWORD:-demo}" "http://localhost:8084/api/orders?customerId=alice&size=1" \
    | grep -o '"totalOrders":[0-9]*' | cut -d: -f2 || true
}

await_ready() {
  for port in "${ports[@]}"; do
    until curl -sf "http://localhost:$port/actuator/health/readiness" >/dev/null; do sleep 0.5; done
  done
}

say() { echo "$(date +%T) $*"; }

before=$(orders_seen); before=${before:-0}
(cd "$root" && ./mvnw -B -q -pl axon-server test -Dtest='DeployedScenariosTest#concurrentOrdersForScarceStockAllEndAndAddUp' \
   -Dsurefire.failIfNoSpecifiedTests=false -Dfulfillment.deployment=http://localhost:8080 >"$test_log" 2>&1) &
scenario=$!

until [[ "$(orders_seen)" -ge $((before + threshold)) ]]; do
  kill -0 "$scenario" 2>/dev/null || { say "the scenario ended before the fault; see $test_log"; exit 1; }
  sleep 0.2
done

if [[ "$part" == axon-server ]]; then
  : "${AXON_SERVER_RESTART:?set AXON_SERVER_RESTART to the command that starts Axon Server}"
  pid="${AXON_SERVER_PID:-$(ss -ltnpH 'sport = :8124' | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)}"
  say "$threshold orders placed; killing Axon Server (pid $pid)"
  kill -9 "$pid"
  sleep 10
  say "starting Axon Server again"
  bash -c "$AXON_SERVER_RESTART"
else
  [[ -n "${ports[$part]:-}" ]] || { echo "unknown part $part" >&2; exit 2; }
  jar="$run_dir/$part.jar"
  pid_file="$run_dir/$part.pid"
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    || { echo "$part is not running as run-services.sh started it (no live pid in $pid_file)" >&2; exit 2; }
  say "$threshold orders placed; killing $part (pid $pid)"
  kill -9 "$pid"
  sleep 10
  say "starting $part again"
  # The scenario relies on the simulator's decline limit, which a restarted payment service must get again.
  PAYMENT_SIMULATOR_DECLINE_ABOVE=1000.00 PORT="${ports[$part]}" \
    nohup java -jar "$jar" >"$log_dir/$part-restarted.log" 2>&1 </dev/null &
  echo "$!" >"$pid_file"
fi
await_ready
say "the services and the gateway ready again; waiting for the scenario"
if wait "$scenario"; then
  say "PASSED: every order ended, no compensation failed, stock and money add up ($test_log)"
else
  say "FAILED: see $test_log"
  exit 1
fi
