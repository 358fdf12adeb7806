#!/usr/bin/env bash
# Starts the four services of the distributed shape and the gateway in front of them (the API on port 8080) on
# this machine, against an Axon Server and a MongoDB that are already running (for example axonserver.jar
# started beside axonserver.properties, and a local mongod). No Docker needed; a JDK 17 is. Stop them all with
# Ctrl-C, or from another shell with `run-services.sh stop`.
#
#   run-services.sh [--build]   start them (--build: rebuild the jars first; they are built anyway when missing)
#   run-services.sh status      each one's process id, whether it runs, and whether it is ready
#   run-services.sh stop        stop the ones running, by the process ids in their pid files
#
#   AXON_SERVER_ADDRESS   host:port of Axon Server's gRPC port     (default localhost:8124)
#   MONGODB_URI           MongoDB connection string, no database  (default mongodb://localhost:27017)
#   AXON_AXONSERVER_TOKEN Axon Server's access token, when access control is on
#   FULFILLMENT_OPERATOR_PASSWORD  the operator's password, the same for the gateway and every service, which all
#                         check the caller (docs/security.md); unset, one is made up, printed, and kept in
#                         $FULFILLMENT_RUN_DIR/operator-password (readable by you only) for fault-drill.sh and you
#   FULFILLMENT_DEMO_PASSWORD, FULFILLMENT_SECURITY_MODE, SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI, ...
#                         as for the standalone app, passed on to each of them
#   FULFILLMENT_LOG_DIR   where each service writes its log       (default axon-server/logs)
#   FULFILLMENT_RUN_DIR   where the running services' jars are copied (default axon-server/run), so that a
#                         build while they run does not rewrite a jar under a running service, and where
#                         each one's process id is kept (<service>.pid; fault-drill.sh uses them too)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AXON_SERVER_ADDRESS="${AXON_SERVER_ADDRESS:-localhost:8124}"
export MONGODB_URI="${MONGODB_URI:-mongodb://localhost:27017}"
log_dir="${FULFILLMENT_LOG_DIR:-$root/axon-server/logs}"
run_dir="${FULFILLMENT_RUN_DIR:-$root/axon-server/run}"

# service name, module, HTTP port: the same as in docker-compose.yml. The gateway's defaults for the services'
# URLs (ORDER_SERVICE_URL, ...) are these ports on localhost.
services=(
  "order-service order-context/order-service 8081"
  "inventory-service inventory-context/inventory-service 8082"
  "payment-service payment-context/payment-service 8083"
  "query-projections query-projections 8084"
  "gateway gateway 8080"
)

exec_jar() {
  compgen -G "$root/$1/target/*-exec.jar" | head -n 1 || true
}

pid_file() { echo "$run_dir/$1.pid"; }

# The process id in a service's pid file, if that process still runs.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

stop_services() {
  local name pid stopping=()
  for entry in "${services[@]}"; do
    read -r name _ _ <<<"$entry"
    if pid="$(running_pid "$name")"; then
      kill "$pid" 2>/dev/null || true
      stopping+=("$pid")
    fi
    rm -f "$(pid_file "$name")"
  done
  # Each service shuts down gracefully, finishing the requests it has; at most 60 s.
  for pid in "${stopping[@]}"; do
    for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
}

case "${1:-}" in
  stop)
    stop_services
    echo "Stopped."
    exit 0
    ;;
  status)
    for entry in "${services[@]}"; do
      read -r name _ port <<<"$entry"
      if pid="$(running_pid "$name")"; then
        ready=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/actuator/health/readiness" || true)
        [[ "$ready" == 200 ]] && state="ready" || state="not ready"
        printf '  %-18s pid %-8s port %s  %s\n' "$name" "$pid" "$port" "$state"
      else
        printf '  %-18s not running\n' "$name"
      fi
    done
    exit 0
    ;;
  ""|--build) ;;
  *)
    echo "usage: run-services.sh [--build|status|stop]" >&2
    exit 2
    ;;
esac

for entry in "${services[@]}"; do
  read -r name _ _ <<<"$entry"
  if pid="$(running_pid "$name")"; then
    echo "$name already runs (pid $pid); stop it first: axon-server/run-services.sh stop" >&2
    exit 1
  fi
done

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
# One operator password for all of them: each checks the credentials itself, and a password each made up on its
# own would differ from process to process.
if [[ -z "${FULFILLMENT_OPERATOR_PASSWORD:-}" ]]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$run_dir/operator-password")
  read -r FULFILLMENT_OPERATOR_PASSWORD <"$run_dir/operator-password"
  echo "The operator's password: $FULFILLMENT_OPERATOR_PASSWORD (kept in $run_dir/operator-password;"
  echo "set FULFILLMENT_OPERATOR_PASSWORD to choose one)"
else
  (umask 077 && printf '%s\n' "$FULFILLMENT_OPERATOR_PASSWORD" >"$run_dir/operator-password")
fi
export FULFILLMENT_OPERATOR_PASSWORD
stop() {
  trap - INT TERM EXIT
  echo "Stopping the services ..."
  # By the pid files: a service that fault-drill.sh restarted is no child of this script.
  stop_services
}
trap stop INT TERM EXIT

echo "Axon Server at $AXON_SERVER_ADDRESS, MongoDB at $MONGODB_URI"
for entry in "${services[@]}"; do
  read -r name module port <<<"$entry"
  cp "$(exec_jar "$module")" "$run_dir/$name.jar"
  PORT="$port" java -jar "$run_dir/$name.jar" >"$log_dir/$name.log" 2>&1 &
  echo "$!" >"$(pid_file "$name")"
  printf '  %-18s http://localhost:%s  (log %s)\n' "$name" "$port" "$log_dir/$name.log"
done
echo "A service started before Axon Server or MongoDB waits for them; it is ready when"
echo "http://localhost:<port>/actuator/health/readiness answers UP. The API: http://localhost:8080, for example"
echo "  curl -u alice:\${FULFILLMENT_DEMO_PASSWORD:-demo} localhost:8080/api/products"
echo "(the gateway; 503 with Retry-After for the URLs of a service not ready yet). Dashboard: http://localhost:8024"
echo "Status: axon-server/run-services.sh status"
# Until Ctrl-C, or until `run-services.sh stop` from another shell has stopped them all.
while compgen -G "$run_dir/*.pid" >/dev/null; do sleep 1; done
