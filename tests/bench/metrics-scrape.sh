#!/usr/bin/env bash
# The cost of a Prometheus scrape of trygg-server's /metrics on a store of realistic size: starts a
# fresh server, fills its store with trygg-loadgen for FILL_SECONDS (default 30), then GETs
# /healthz, then /metrics, SCRAPES times each (default 500) one after the other, and prints the
# time per GET (curl's, mean/p50/p99/max), the server's CPU per GET, the body's size and the
# store's.
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
  >/dev/null 2>&1

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
# PATH N: N GETs one after the other; curl's time per GET (mean/p50/p99/max) and the server's CPU
# per GET. /healthz first: the HTTP round trip alone, and time for the store to settle after the
# load (compactions), which would otherwise count as the scrapes' CPU.
measure() {
  local path=$1 n=$2 before after
  before=$(cpu_ticks)
  for _ in $(seq "$n"); do
    curl -s -o /dev/null -w '%{time_total}\n' "http://$http_address$path"
  done >"$dir/times"
  after=$(cpu_ticks)
  sort -n "$dir/times" | awk -v path="$path" -v n="$n" -v cpu=$((after - before)) \
    -v hz="$(getconf CLK_TCK)" '
    { t[NR] = $1; sum += $1 }
    END { printf "%-9s %d GETs: mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms; server CPU %.2f ms a GET\n",
                 path, n, sum / n * 1000, t[int(n * 0.5)] * 1000, t[int(n * 0.99)] * 1000,
                 t[n] * 1000, cpu / hz / n * 1000 }'
}
measure /healthz "$scrapes"
measure /metrics "$scrapes"
curl -s "http://$http_address/metrics" >"$dir/metrics"
printf "body:     %d bytes, %d lines\n" "$(wc -c <"$dir/metrics")" "$(wc -l <"$dir/metrics")"
grep -E '^trygg_(log_head_position|store_size_bytes) ' "$dir/metrics" | sed 's/^/store:    /'
