#!/usr/bin/env bash
# What a store of a given size costs to keep (docs/operations.md, "Capacity"; not part of ctest):
# a fresh trygg-server (temporary store and tokens, loopback port) filled by trygg-loadgen for
# --seconds (default 60; the extra arguments go to trygg-loadgen), then the figures an operator
# sizes with: the server's RSS idle and after the load, the events and the store's bytes on disk
# (and per event), trygg-audit verify and backup of the stopped store (seconds, max RSS) and the
# backup's size, and a restart on the store: seconds until it listens (the projections rebuilt
# from the whole log) and its RSS then (the projections' memory for these events).
#
#   tests/bench/store-figures.sh [--build DIR] [trygg-loadgen options]
set -euo pipefail

build=build
if [[ "${1:-}" == "--build" ]]; then
  build=$2
  shift 2
fi
source "$(dirname "$0")/server-lib.sh"
bench_setup "$build" services/server/trygg-server tests/bench/trygg-loadgen \
  clients/audit/trygg-audit
audit=$build/clients/audit/trygg-audit
coordinator=$(add_token load-coordinator coordinator)
agency=$(add_token load-agency agency load-agency)

rss_mib() { awk '/^VmRSS:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$server_pid/status"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

started=$(now)
start_server
echo "idle:     listening after $(since "$started"), RSS $(rss_mib) (empty store)"
"$build/tests/bench/trygg-loadgen" --server "$address" --coordinator-token "$coordinator" \
  --agency-token "$agency" --agency load-agency --seconds 60 --baseline-seconds 0 "$@" |
  grep -E '^(commands|queries|errors):'
echo "loaded:   RSS $(rss_mib)"
stop_server

events=$("$audit" --data "$dir/data" --output json verify | sed 's/.*"events":\([0-9]*\).*/\1/')
bytes=$(du -sb "$dir/data" | cut -f1)
awk -v e="$events" -v b="$bytes" \
  'BEGIN { printf "store:    %d events, %.1f MiB on disk, %.0f bytes per event\n", e, b / 2^20, b / e }'
for step in verify "backup --out $dir/backup"; do
  # shellcheck disable=SC2086
  /usr/bin/time -o "$dir/time" -f "${step%% *}:   %e s, max RSS %M kB" \
    "$audit" --data "$dir/data" $step >/dev/null
  cat "$dir/time"
done
echo "backup:   $(du -sb "$dir/backup" | awk '{ printf "%.1f MiB", $1 / 2^20 }') on disk"

started=$(now)
start_server
echo "restart:  listening after $(since "$started"), RSS $(rss_mib)"
