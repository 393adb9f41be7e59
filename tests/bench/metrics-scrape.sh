#!/usr/bin/env bash
# The cost of a Prometheus scrape of trygg-server's /metrics on a store of realistic size: starts a
# fresh server, fills its store with trygg-loadgen for FILL_SECONDS (default 30), then GETs
# /metrics SCRAPES times (default 500) one after the other and prints the time per scrape
# (curl's, mean/p50/p99/max), the server's CPU per scrape, the body's size and the store's.
#
#   tests/bench/metrics-scrape.sh [--build DIR]
set -euo pipefail

build=build
if [[ "${1:-}" == "--build" ]]; then
  build=$2
  shift 2
fi
fill_seconds=${FILL_SECONDS:-30}
scrapes=${SCRAPES:-500}
source "$(dirname "$0")/server-lib.sh"
bench_setup "$build" services/server/trygg-server tests/bench/trygg-loadgen
command -v curl >/dev/null || { echo "$(basename "$0"): needs curl" >&2; exit 2; }
coordinator=$(add_token load-coordinator coordinator)
agency=$(add_token load-agency agency load-agency)
start_server
"$build/tests/bench/trygg-loadgen" --server "$address" --coordinator-token "$coordinator" \
  --agency-token "$agency" --agency load-agency --seconds "$fill_seconds" --baseline-seconds 0 \
  >/dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
before=$(cpu_ticks)
for _ in $(seq "$scrapes"); do
  curl -s -o /dev/null -w '%{time_total}\n' "http://$http_address/metrics"
done >"$dir/times"
after=$(cpu_ticks)
curl -s "http://$http_address/metrics" >"$dir/metrics"
sort -n "$dir/times" | awk -v n="$scrapes" -v cpu=$((after - before)) -v hz="$(getconf CLK_TCK)" '
  { t[NR] = $1; sum += $1 }
  END { printf "scrape:   %d GETs of /metrics: mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
               n, sum / n * 1000, t[int(n * 0.5)] * 1000, t[int(n * 0.99)] * 1000, t[n] * 1000
        printf "server:   %.2f ms of CPU per scrape\n", cpu / hz / n * 1000 }'
printf "body:     %d bytes, %d lines\n" "$(wc -c <"$dir/metrics")" "$(wc -l <"$dir/metrics")"
grep -E '^trygg_(log_head_position|store_size_bytes) ' "$dir/metrics" | sed 's/^/store:    /'
