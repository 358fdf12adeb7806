# Sourced by the measuring scripts: start_app JAR DATA PORT [ARG...] starts the standalone JAR on port PORT with its
# data in DATA/data (and its log in DATA/app.log), sets APP to its pid, stops it and removes DATA on exit, and returns
# once it reports itself ready.
start_app() {
  local jar=$1 data=$2 port=$3
  shift 3
  java -jar "$jar" --server.port="$port" --fulfillment.data-dir="$data/data" "$@" > "$data/app.log" 2>&1 &
  APP=$!
  # shellcheck disable=SC2064 # the values of now
  trap "kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf '$data'" EXIT
  until curl -sf "localhost:$port/actuator/health/readiness" > /dev/null; do
    kill -0 "$APP" 2>/dev/null || { echo "the app did not start: $data/app.log" >&2; cat "$data/app.log" >&2; exit 1; }
    sleep 1
  done
}
