#!/usr/bin/env bash
# Builds trygg-server, starts it on its embedded store under ./var/trygg, loads the example plan
# "Tryggare Värnamo 2026" (the whole plan: situation picture, causes, measures, goals, partners,
# working groups, adoption, a citizen promise and two follow-up periods) through the API, prints
# the tokens it created, and keeps serving until Ctrl-C (which stops it cleanly). Run after
# ./deploy/install-deps.sh; safe to run again: tokens and data are kept under ./var and the
# example loads idempotently.
#
#   ./deploy/install-deps.sh && ./deploy/run-example.sh [--listen 127.0.0.1:50051]
set -euo pipefail
cd "$(dirname "$0")/.."

listen=127.0.0.1:50051
if [[ "${1:-}" == "--listen" && -n "${2:-}" ]]; then listen=$2; fi

cmake --preset default >/dev/null
cmake --build --preset default --target trygg-server trygg-load-example
server=./build/services/server/trygg-server
loader=./build/clients/example_plan/trygg-load-example

mkdir -p var
umask 077
tokens_file=var/tokens            # digests only: what the server reads
demo_tokens=var/example-tokens.env  # the demo's own tokens, readable by you only
if [[ ! -f "$demo_tokens" ]]; then
  rm -f "$tokens_file"
  add() {  # NAME ROLE [AGENCY] → prints VAR=token
    local agency_args=()
    [[ -n "${3:-}" ]] && agency_args=(--agency "$3")
    "$server" tokens add --tokens "$tokens_file" --name "$1" --role "$2" "${agency_args[@]}"
  }
  {
    echo "COORDINATOR=$(add samordnare coordinator varnamo-kommun-ks)"
    echo "POLICE=$(add kommunpolis agency polisen-lpo-varnamo)"
    echo "MUNICIPALITY=$(add ks-handlaggare agency varnamo-kommun-ks)"
    echo "SOCIAL=$(add enhetschef-social agency varnamo-kommun-socialtjansten)"
    echo "HOUSING=$(add bostadsbolaget agency allmannyttan-varnamo)"
    echo "AUDITOR=$(add revisor auditor)"
    echo "READER=$(add lasare reader)"
  } >"$demo_tokens"
fi
# shellcheck disable=SC1090
source "$demo_tokens"
# The server refuses a token file that group or others may read (a var/tokens kept from a run of
# an older trygg may have mode 0644).
chmod 600 "$tokens_file"

log=var/trygg-server.log
# The HTTP side port (metrics, health) on any free loopback port, so that the demo never collides
# with another server on the default 9464; its address is in the log's "http on" line.
"$server" --listen "$listen" --http 127.0.0.1:0 --data var/trygg --tokens "$tokens_file" \
  >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid' INT TERM
for _ in $(seq 100); do  # wait (up to 10 s) for the listening line, or for the server to die
  grep -q "listening on" "$log" && break
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$log" || { echo "trygg-server did not start; see $log" >&2; exit 1; }

"$loader" --server "$listen" --coordinator-token "$COORDINATOR" \
  --agency-token "polisen-lpo-varnamo=$POLICE" --agency-token "varnamo-kommun-ks=$MUNICIPALITY" \
  --agency-token "varnamo-kommun-socialtjansten=$SOCIAL" \
  --agency-token "allmannyttan-varnamo=$HOUSING"

http=$(sed -n 's/^trygg-server http on //p' "$log")
cat <<INFO

trygg-server is serving the example plan on $listen (data: var/trygg, log: $log).
Metrics: http://$http/metrics (Prometheus); health: http://$http/healthz, http://$http/readyz.
Tokens (also in $demo_tokens):
  coordinator  samordnare         $COORDINATOR
  agency       kommunpolis        $POLICE   (polisen-lpo-varnamo)
  agency       ks-handlaggare     $MUNICIPALITY   (varnamo-kommun-ks)
  agency       enhetschef-social  $SOCIAL   (varnamo-kommun-socialtjansten)
  agency       bostadsbolaget     $HOUSING   (allmannyttan-varnamo)
  auditor      revisor            $AUDITOR
  reader       lasare             $READER
Read the whole plan with trygg (cmake --build --preset default --target trygg), e.g.:
  TRYGG_TOKEN=$READER ./build/clients/cli/trygg --server $listen plan trace tryggare-varnamo-2026
  TRYGG_TOKEN=$READER ./build/clients/cli/trygg --server $listen plan follow-up tryggare-varnamo-2026 --period 2026-T3
Press Ctrl-C to stop it.
INFO
wait $pid
