#!/usr/bin/env bash
# Starts a fresh trygg-server (temporary store and tokens, loopback port) and runs trygg-loadgen
# against it; prints the load generator's report, then the server's CPU use over the whole run
# (baseline phase included) and the machine's idle/iowait/steal time, so a reader can tell what
# limited the figures. Extra arguments go to trygg-loadgen, e.g. --seconds 20 --clients 128.
#
#   tests/bench/server-load.sh [--build DIR] [trygg-loadgen options]
set -euo pipefail

build=build
if [[ "${1:-}" == "--build" ]]; then
  build=$2
  shift 2
fi
server=$build/services/server/trygg-server
loadgen=$build/tests/bench/trygg-loadgen
for binary in "$server" "$loadgen"; do
  [[ -x "$binary" ]] || {
    echo "server-load: $binary is missing; build it with" \
      "cmake --build --preset default --target trygg-server trygg-loadgen" >&2
    exit 2
  }
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/trygg-load.XXXXXX")
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

coordinator=$("$server" tokens add --tokens "$dir/tokens" --name load-coordinator --role coordinator)
agency=$("$server" tokens add --tokens "$dir/tokens" --name load-agency --role agency \
  --agency load-agency)
# The write-rate limit off (0), so that the figures are the server's, not the limit's.
"$server" --data "$dir/data" --tokens "$dir/tokens" --listen 127.0.0.1:0 \
  --max-writes-per-second-per-principal 0 >"$dir/server.out" 2>&1 &
server_pid=$!
address=
for _ in $(seq 100); do
  address=$(sed -n 's/^trygg-server listening on \([^ ]*\).*/\1/p' "$dir/server.out")
  [[ -n "$address" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.out" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$address" ]] || { echo "server-load: trygg-server did not start" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
machine() { head -1 /proc/stat; }
ticks_per_second=$(getconf CLK_TCK)
server_before=$(cpu_ticks)
machine_before=$(machine)
start=$(date +%s.%N)
"$loadgen" --server "$address" --coordinator-token "$coordinator" --agency-token "$agency" \
  --agency load-agency "$@"
end=$(date +%s.%N)
server_after=$(cpu_ticks)
machine_after=$(machine)

awk -v b="$server_before" -v a="$server_after" -v s="$start" -v e="$end" -v hz="$ticks_per_second" \
  'BEGIN { printf "server:   trygg-server used %.2f cores over the whole run (%.1f s CPU / %.1f s)\n",
           (a - b) / hz / (e - s), (a - b) / hz, e - s }'
paste <(echo "$machine_before") <(echo "$machine_after") | awk -v hz="$ticks_per_second" '{
  printf "machine:  idle %.1f s, iowait %.1f s, steal %.1f s (summed over all CPUs)\n",
         ($16 - $5) / hz, ($17 - $6) / hz, ($20 - $9) / hz }'
