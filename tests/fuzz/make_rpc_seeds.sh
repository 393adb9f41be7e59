#!/usr/bin/env bash
# Writes the seed corpus of rpc_requests_fuzzer (tests/fuzz/corpus/rpc_requests/): for every RPC,
# its index byte followed by an empty request, and for some a valid request too, encoded from
# protobuf text format with protoc. The index is the RPC's position among the rpc lines of
# action_plan.proto, status.proto and event_log.proto, in that order, as the fuzzer counts them.
# Run from anywhere after changing the protos or the samples below; the output is deterministic.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
protos=$here/../../proto
out=$here/corpus/rpc_requests
mkdir -p "$out"
rm -f "$out"/seed-*

# Valid requests in text format, by RPC.
declare -A samples=(
  [CreatePlan]='command_id: "c-1" plan_id: "plan-2026" name: "Trygg i Värnamo" municipality: "Värnamo" focus_areas { key: "centrum" name: "Trygghet i centrum" }'
  [RegisterAgency]='command_id: "c-2" agency_id: "polisen-lpo" name: "Polisen LPO" kind: "police"'
  [ProposeMeasure]='command_id: "c-3" plan_id: "plan-2026" focus_area: "centrum" title: "Bättre belysning" description: "Parken" cause_ids: "c-belysning" kind: 1 effort: 2 expected_effect: 3'
  [ReportProgress]='command_id: "c-4" measure_id: "m-1" percent_complete: 40 note: "halvvägs" expected_version: 3'
  [ListMeasures]='plan_id: "plan-2026" status: 2 page_size: 50 page_token: "016d2d31"'
  [GetMeasure]='measure_id: "m-1"'
  [GetWorkingGroupStatus]='plan_id: "plan-2026" group_id: "g-1" page_size: 10'
  [GetTraceability]='plan_id: "plan-2026" focus_area: "centrum" page_size: 20 page_token: "016d2d31"'
  [GetPlanReport]='plan_id: "plan-2026" date: "2026-03-01" page_size: 100'
  [ReadStream]='stream_id: "measure-m-1" from_version: 1 max_count: 100'
  [ReadAll]='from_position: 1 max_count: 10000'
)

index=0
for file in action_plan status event_log; do
  while read -r name request; do
    printf -v byte '\\x%02x' "$index"
    printf "$byte" > "$out/seed-$name-empty"
    if [[ -v samples[$name] ]]; then
      { printf "$byte"; protoc --proto_path="$protos" --encode="trygg.v1.$request" \
          "trygg/v1/$file.proto" <<< "${samples[$name]}"; } > "$out/seed-$name"
    fi
    index=$((index + 1))
  done < <(sed -nE 's/^ *rpc ([A-Za-z]+) *\(([A-Za-z]+)\).*/\1 \2/p' "$protos/trygg/v1/$file.proto")
done
echo "make_rpc_seeds: $index RPCs, $(ls "$out" | wc -l) seeds in $out"
