#!/usr/bin/env bash
# The soak (docs/operations.md, "Soak: 64 clients for five minutes"; not part of ctest): a fresh
# trygg-server (temporary store and tokens, loopback port) under SOAK_SECONDS (default 300) of
# mixed load from SOAK_CLIENTS (default 64) writers sending the whole command mix, paced status
# queries and one subscriber following the log (trygg-soak-client). Prints throughput, p50/p99
# latency of writes and queries, the errors and the server's RSS every 30 s. Then the memory
# check: the soaked server's RSS at the end against a fresh server started on the same store,
# which holds the same projections but has served no load; more than SOAK_RSS_MARGIN_MIB (default
# 64) above it means memory the load left behind. Exits 1 on any error or a failed memory check.
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
for ((i = 0; i < clients; i++)); do
  echo "soak-agency-$i $(add_token "soak-agency-$i" agency "soak-agency-$i")"
done >"$dir/agency-tokens"
start_server

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }
warmup=$((seconds / 5))
status=0
"$build/tests/bench/trygg-soak-client" --server "$address" --coordinator-token "$coordinator" \
  --agency-tokens "$dir/agency-tokens" --reader-token "$reader" --auditor-token "$auditor" \
  --clients "$clients" --seconds "$seconds" --warmup "$warmup" --server-pid "$server_pid" "$@" ||
  status=$?
soaked=$(rss_mib)
events=$(du -sm "$dir/data" | cut -f1)

stop_server
start_server
fresh=$(rss_mib)
echo "memory:     soaked server ${soaked} MiB; a fresh server on the same store (${events} MiB" \
  "on disk) ${fresh} MiB; margin ${margin} MiB"
if awk -v s="$soaked" -v f="$fresh" -v m="$margin" 'BEGIN { exit !(s > f + m) }'; then
  echo "soak: the soaked server holds more than the margin above a fresh one" >&2
  status=1
fi
exit "$status"
