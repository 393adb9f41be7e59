# Sourced by the benchmark scripts (server-load.sh, soak.sh): a trygg-server of their own on a
# temporary store and token file, stopped and removed when the script exits.
#
#   bench_setup BUILD BINARY...   checks that each BINARY (a path under BUILD) is built, makes the
#                                 temporary directory $dir and sets $server to trygg-server
#   add_token NAME ROLE [AGENCY]  adds a token to $dir/tokens and prints it
#   start_server [ARGS...]        starts trygg-server on $dir/data with $dir/tokens on a free
#                                 loopback port (its HTTP side port on another), plus ARGS, and
#                                 waits for it to listen; sets $server_pid, $address and
#                                 $http_address
#   stop_server                   stops it with SIGTERM and waits for it

bench_setup() {
  local build=$1 binary
  shift
  server=$build/services/server/trygg-server
  for binary in "$@"; do
    [[ -x "$build/$binary" ]] || {
      echo "$(basename "$0"): $build/$binary is missing; build it with" \
        "cmake --build --preset default --target $(basename "$binary")" >&2
      exit 2
    }
  done
  dir=$(mktemp -d "${TMPDIR:-/tmp}/trygg-bench.XXXXXX")
  server_pid=
  trap 'stop_server; rm -rf "$dir"' EXIT
}

add_token() {
  "$server" tokens add --tokens "$dir/tokens" --name "$1" --role "$2" ${3:+--agency "$3"}
}

# The per-principal write-rate limit is off (0), so that the figures are the server's, not the
# limit's.
start_server() {
  "$server" --data "$dir/data" --tokens "$dir/tokens" --listen 127.0.0.1:0 --http 127.0.0.1:0 \
    --max-writes-per-second-per-principal 0 "$@" >"$dir/server.out" 2>&1 &
  server_pid=$!
  address=
  # Up to 5 minutes: a start rebuilds the projections from the whole log first.
  for _ in $(seq 3000); do
    address=$(sed -n 's/^trygg-server listening on \([^ ]*\).*/\1/p' "$dir/server.out")
    if [[ -n "$address" ]]; then
      http_address=$(sed -n 's/^trygg-server http on \([^ ]*\).*/\1/p' "$dir/server.out")
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.out" >&2; exit 1; }
    sleep 0.1
  done
  echo "$(basename "$0"): trygg-server did not start" >&2
  exit 1
}

stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    server_pid=
  fi
  return 0
}
