#!/bin/bash
# How long `trygg measure import` takes for a workshop list of N rows (issue 12: "seconds, not
# minutes" for 1,000), against a fresh trygg-server on an empty store: once as a first import,
# and once more with the same file, which must propose nothing (every row already imported).
#
#   tests/bench/import-bench.sh [--build DIR] [ROWS]     (default: build, 1000 rows)
set -euo pipefail
build=build
if [[ "${1:-}" == "--build" ]]; then
  build=$2
  shift 2
fi
rows=${1:-1000}
server=$build/services/server/trygg-server
trygg=$build/clients/cli/trygg
for binary in "$server" "$trygg"; do
  if [[ ! -x $binary ]]; then
    echo "import-bench: $binary is missing; build it with" \
      "cmake --build --preset default --target trygg-server trygg" >&2
    exit 2
  fi
done

dir=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

token=$("$server" tokens add --tokens "$dir/tokens" --name samordnare --role coordinator \
  --agency varnamo-kommun-ks)
"$server" --listen 127.0.0.1:0 --http 127.0.0.1:0 --data "$dir/data" --tokens "$dir/tokens" \
  > "$dir/log" 2>&1 &
server_pid=$!
# The server prints its address once it listens; wait for that line (bounded).
for _ in $(seq 200); do
  grep -q "listening on" "$dir/log" && break
  sleep 0.05
done
address=$(grep -o "listening on [^ ]*" "$dir/log" | head -1 | cut -d' ' -f3)
[[ -n $address ]] || { echo "import-bench: the server did not start:" >&2; cat "$dir/log" >&2; exit 1; }
export TRYGG_SERVER=$address TRYGG_TOKEN=$token

plan=tryggare-varnamo-2026
"$trygg" plan create $plan --name "Tryggare Värnamo 2026" --municipality "Värnamo kommun" \
  --focus-area narkotika=Narkotika --focus-area otrygghet=Otrygghet > /dev/null
"$trygg" finding record $plan --focus-area narkotika --source crime-statistics \
  --period 2025-2026 --text "Anmälda narkotikabrott +38 %" --id f-1 > /dev/null
"$trygg" cause identify $plan --focus-area narkotika --text "Öppen försäljning" \
  --rests-on f-1 --id c-1 > /dev/null
{
  echo "focus_area,title,description,causes,kind,effort,effect"
  for i in $(seq "$rows"); do
    echo "narkotika,Åtgärd nummer $i,\"Beskrivning av åtgärd $i, med komma\",1,situational,ordinary-work,short-term"
  done
} > "$dir/rows.csv"

for round in first second; do
  start=$(date +%s.%N)
  "$trygg" -o csv measure import "$dir/rows.csv" --plan $plan > "$dir/$round.csv" 2> /dev/null
  end=$(date +%s.%N)
  proposed=$(grep -c ",proposed," "$dir/$round.csv" || true)
  already=$(grep -c ",already-imported," "$dir/$round.csv" || true)
  printf '%s import of %s rows: %.2f s (%s proposed, %s already imported)\n' \
    "$round" "$rows" "$(echo "$end - $start" | bc)" "$proposed" "$already"
done
