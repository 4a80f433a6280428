#!/usr/bin/env bash
# Survey responses through the public submit endpoint (issue 4): completed NPS responses with a
# free-text answer (stored, and its text analysed into a feedback item, before the 201), 64
# concurrent keep-alive clients, alternating with the trivial endpoint of the same server for
# $BENCH_ROUNDS rounds (SQLite). Rate limits are raised for the run: the load comes from one IP.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
snapshot_bin
trap '[ -n "${SERVER_PID:-}" ] && stop_server; rm -rf "$BIN_SNAPSHOT_DIR"' EXIT

start_server --public-rate-limit 1000000000 --survey-rate-limit 1000000000
ANALYST=$("$BIN" admin create-token --workspace "$("$BIN" admin create-workspace --name Bench "${STORAGE_ARGS[@]}")" \
  --role analyst --name bench "${STORAGE_ARGS[@]}")
WORKSPACE=$(curl -sf "$BASE/api/v1/workspaces" -H "Authorization: Bearer $ANALYST" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
SURVEY=$(curl -sf "$BASE/api/v1/workspaces/$WORKSPACE/surveys" -H "Authorization: Bearer $ANALYST" \
  -H 'Content-Type: application/json' -d '{"template":"nps","name":"Bench NPS"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -X POST "$BASE/api/v1/workspaces/$WORKSPACE/surveys/$SURVEY/publish" \
  -H "Authorization: Bearer $ANALYST" >/dev/null
export SURVEY

h=() s=() ratios=()
for _ in $(seq 1 "$BENCH_ROUNDS"); do
  run_wrk "$BASE/healthz"
  h+=("$RPS $P50 $P99")
  h_round=$RPS
  run_wrk "$BASE/api/v1/public/surveys/$SURVEY/responses" bench/survey_submit.lua
  s+=("$RPS $P50 $P99 $NON2XX")
  ratios+=("$(python3 -c "print(round($RPS/max($h_round,1), 3))")")
done
stored=$(curl -sf "$BASE/api/v1/workspaces/$WORKSPACE/surveys/$SURVEY" -H "Authorization: Bearer $ANALYST" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["response_count"])')
stop_server
SERVER_PID=''
read -r h_rps h_p50 h_p99 <<<"$(median_row "${h[@]}")"
read -r s_rps s_p50 s_p99 s_err <<<"$(median_row "${s[@]}")"
ratio=$(median_row "${ratios[@]}")

echo "## Survey responses: POST /api/v1/public/surveys/{id}/responses (SQLite)"
echo
echo "wrk, 2 threads, $BENCH_CONNECTIONS keep-alive connections, ${BENCH_SECONDS}s per run, $BENCH_ROUNDS rounds"
echo "alternating with /healthz on the same server; each cell is the median run, the ratio the median"
echo "of the per-round ratios. Each response is an NPS score plus a free text (vi/zh/en) that"
echo "becomes an analysed feedback item in the same commit; every 201 is durable."
echo
echo '| endpoint | req/s | p50 ms | p99 ms | non-2xx |'
echo '|---|---:|---:|---:|---:|'
echo "| /healthz | $h_rps | $h_p50 | $h_p99 | 0 |"
echo "| public submit | $s_rps | $s_p50 | $s_p99 | $s_err |"
echo
echo "Submit ÷ /healthz (median of the rounds' ratios): **$ratio**. Completed responses stored in all"
echo "rounds: $stored. $(load_description) at the end."
echo
