#!/usr/bin/env bash
# The soak (docs/operations.md, "Soak: 64 clients for five minutes"; not part of ctest): a fresh
# trygg-server (temporary store and tokens, loopback port) under SOAK_SECONDS (default 300) of
# mixed load from SOAK_CLIENTS (default 64) writers sending the whole command mix, paced status
# queries and one subscriber following the log (trygg-soak-client). Prints throughput, p50/p99
# latency of writes and queries, the errors and the server's RSS every 30 s. The server's memory
# grows with what it stores (its projections are in memory), so "flat" is checked against a fresh
# server under the same load: the soaked server is restarted on its store and the same load runs
# for the warm-up (a fifth of the soak) with new clients; the soaked server's RSS at the end may
# exceed that fresh server's by at most SOAK_RSS_MARGIN_MIB (default 64). Memory the load leaks
# grows over the whole soak but only over the warm-up in the fresh server, and shows up as more.
# Exits 1 on any error or a failed memory check.
# Extra arguments go to trygg-soak-client, e.g. --query-rate 500.
#
#   tests/bench/soak.sh [--build DIR] [trygg-soak-client options]
set -euo pipefail

build=build
if [[ "${1:-}" == "--build" ]]; then
  build=$2
  shift 2
fi
seconds=${SOAK_SECONDS:-300}
clients=${SOAK_CLIENTS:-64}
margin=${SOAK_RSS_MARGIN_MIB:-64}
source "$(dirname "$0")/server-lib.sh"
bench_setup "$build" services/server/trygg-server tests/bench/trygg-soak-client

coordinator=$(add_token soak-coordinator coordinator)
reader=$(add_token soak-reader reader)
auditor=$(add_token soak-auditor auditor)
# Tokens of the agencies each writer of a run registers and acts for: NAME-0 .. NAME-(clients-1).
agency_tokens() {
  for ((i = 0; i < clients; i++)); do
    echo "$1-$i $(add_token "$1-$i" agency "$1-$i")"
  done >"$dir/$1"
}
agency_tokens soak-agency
agency_tokens fresh-agency  # for the fresh server's run: new agencies on the same store
start_server

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }
# soak AGENCY-TOKENS SECONDS [options]: trygg-soak-client against the running server.
soak() {
  "$build/tests/bench/trygg-soak-client" --server "$address" --coordinator-token "$coordinator" \
    --agency-tokens "$dir/$1" --reader-token "$reader" --auditor-token "$auditor" \
    --clients "$clients" --seconds "$2" --server-pid "$server_pid" "${@:3}"
}
warmup=$((seconds / 5))
status=0
soak soak-agency "$seconds" --warmup "$warmup" "$@" || status=$?
soaked=$(rss_mib)
on_disk=$(du -sm "$dir/data" | cut -f1)

echo "fresh server on the same store (${on_disk} MiB), the same load for ${warmup} s:"
stop_server
start_server
soak fresh-agency "$warmup" --warmup "$warmup" "$@" >"$dir/fresh.out" || status=$?
grep -E '^(writes|errors):' "$dir/fresh.out"
fresh=$(rss_mib)
echo "memory:     soaked server ${soaked} MiB at the end; fresh server ${fresh} MiB after the same" \
  "load for ${warmup} s; margin ${margin} MiB"
if awk -v s="$soaked" -v f="$fresh" -v m="$margin" 'BEGIN { exit !(s > f + m) }'; then
  echo "soak: the soaked server holds more than ${margin} MiB above the fresh one" >&2
  status=1
fi
exit "$status"
