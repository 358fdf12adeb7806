#!/usr/bin/env bash
# Starts the four services of the distributed shape on this machine, against an Axon Server and a MongoDB
# that are already running (for example axonserver.jar started beside axonserver.properties, and a local
# mongod). No Docker needed; a JDK 17 is. Stop them all with Ctrl-C.
#
#   AXON_SERVER_ADDRESS   host:port of Axon Server's gRPC port     (default localhost:8124)
#   MONGODB_URI           MongoDB connection string, no database  (default mongodb://localhost:27017)
#   AXON_AXONSERVER_TOKEN Axon Server's access token, when access control is on
#   FULFILLMENT_LOG_DIR   where each service writes its log       (default axon-server/logs)
#   FULFILLMENT_RUN_DIR   where the running services' jars are copied (default axon-server/run), so that a
#                         build while they run does not rewrite a jar under a running service
#
# Options: --build  rebuild the services' jars first (they are built anyway when missing).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AXON_SERVER_ADDRESS="${AXON_SERVER_ADDRESS:-localhost:8124}"
export MONGODB_URI="${MONGODB_URI:-mongodb://localhost:27017}"
log_dir="${FULFILLMENT_LOG_DIR:-$root/axon-server/logs}"
run_dir="${FULFILLMENT_RUN_DIR:-$root/axon-server/run}"

# service name, module, HTTP port: the same as in docker-compose.yml.
services=(
  "order-service order-context/order-service 8081"
  "inventory-service inventory-context/inventory-service 8082"
  "payment-service payment-context/payment-service 8083"
  "query-projections query-projections 8084"
)

exec_jar() {
  compgen -G "$root/$1/target/*-exec.jar" | head -n 1 || true
}

build=false
[[ "${1:-}" == "--build" ]] && build=true
for entry in "${services[@]}"; do
  read -r _ module _ <<<"$entry"
  [[ -z "$(exec_jar "$module")" ]] && build=true
done
if $build; then
  modules=$(for entry in "${services[@]}"; do read -r _ module _ <<<"$entry"; printf '%s,' "$module"; done)
  echo "Building the services' jars ..."
  (cd "$root" && ./mvnw -B -q -DskipTests package -pl "${modules%,}" -am)
fi

mkdir -p "$log_dir" "$run_dir"
pids=()
stop() {
  trap - INT TERM EXIT
  echo "Stopping the services ..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait
}
trap stop INT TERM EXIT

echo "Axon Server at $AXON_SERVER_ADDRESS, MongoDB at $MONGODB_URI"
for entry in "${services[@]}"; do
  read -r name module port <<<"$entry"
  cp "$(exec_jar "$module")" "$run_dir/$name.jar"
  PORT="$port" java -jar "$run_dir/$name.jar" >"$log_dir/$name.log" 2>&1 &
  pids+=("$!")
  printf '  %-18s http://localhost:%s  (log %s)\n' "$name" "$port" "$log_dir/$name.log"
done
echo "A service started before Axon Server or MongoDB waits for them; it is ready when"
echo "http://localhost:<port>/actuator/health/readiness answers UP. Dashboard: http://localhost:8024"
wait
