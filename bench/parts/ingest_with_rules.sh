#!/usr/bin/env bash
# What rules cost ingestion (issue 6): POST /feedback (single items, SQLite) into a workspace
# with 100 active rules against one with none, alternating for $BENCH_ROUNDS rounds so that
# both see the same machine; medians, and the median of the per-round ratios. The rules are a
# realistic mix: most never match (channel + text, topic or language conditions), a few tag
# angry low ratings, one opens a case for every rating of 0 or 1 (about one item in six) and
# alerts (throttled), one reads customer attributes. Goal: with rules ≥ 0.8 × without.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
snapshot_bin
trap '[ -n "${SERVER_PID:-}" ] && stop_server; rm -rf "$BIN_SNAPSHOT_DIR"' EXIT

# The 100 rules, one JSON body per line.
rules_json() {
  python3 - <<'PY'
import json
channels = ["chat", "email", "review", "survey", "widget", "social"]
rules = []
for i in range(80):
    rules.append({"name": f"SKU {i}", "when": {"all": [{"field": "channel", "op": "eq", "value": channels[i % 6]},
                                                     {"field": "text", "op": "contains", "value": f"sku-{i}"}]},
                  "then": [{"type": "tag", "tags": [f"sku-{i}"]}]})
for i in range(80, 90):
    rules.append({"name": f"Billing {i}", "when": {"any": [{"field": "topics", "op": "contains", "value": f"billing/{i}"},
                                                         {"field": "language", "op": "eq", "value": "fr"}]},
                  "then": [{"type": "notify_webhook"}]})
for i in range(90, 95):
    rules.append({"name": f"Angry {i}", "when": {"all": [{"field": "rating", "op": "lte", "value": 1},
                                                       {"field": "sentiment.label", "op": "eq", "value": "negative"}]},
                  "then": [{"type": "tag", "tags": [f"angry-{i}"]}]})
for i in range(95, 97):
    rules.append({"name": f"Enterprise {i}", "when": {"all": [{"field": "customer.plan", "op": "eq", "value": "enterprise"}]},
                  "then": [{"type": "create_case"}]})
rules.append({"name": "Detractors", "when": {"all": [{"field": "rating", "op": "lte", "value": 1}]},
              "then": [{"type": "create_case", "team": "support"}, {"type": "notify_webhook"}], "throttle_minutes": 60})
rules.append({"name": "Delivery", "when": {"any": [{"field": "text", "op": "contains", "value": "giao hang"},
                                                 {"field": "text", "op": "contains", "value": "delivery"}]},
              "then": [{"type": "tag", "tags": ["delivery"]}]})
rules.append({"name": "Never", "when": {"not": {"field": "rating", "op": "exists", "value": True}},
              "then": [{"type": "tag", "tags": ["unrated"]}]})
assert len(rules) == 100, len(rules)
for rule in rules:
    print(json.dumps(rule))
PY
}

measure() {  # with_rules(0|1) → RPS P50 P99 NON2XX of one run on a fresh server
  start_server
  provision
  if [ "$1" = 1 ]; then
    local admin_token
    admin_token=$("$BIN" admin create-token --workspace "$WORKSPACE" --role admin --name rules "${STORAGE_ARGS[@]}")
    while IFS= read -r rule; do
      curl -sf -o /dev/null "$BASE/api/v1/workspaces/$WORKSPACE/rules" -H "Authorization: Bearer $admin_token" \
        -H 'Content-Type: application/json' -d "$rule"
    done < <(rules_json)
    local count
    count=$(curl -sf "$BASE/api/v1/workspaces/$WORKSPACE/rules" -H "Authorization: Bearer $admin_token" |
      python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
    [ "$count" = 100 ] || { echo "bench: $count rules were created, not 100" >&2; exit 1; }
  fi
  run_wrk "$BASE/api/v1/workspaces/$WORKSPACE/feedback" bench/feedback_post.lua
  if [ "$1" = 1 ]; then
    CASES=$(curl -sf "$BASE/api/v1/workspaces/$WORKSPACE/cases/stats" -H "Authorization: Bearer $TOKEN" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["cases_opened"])')
  fi
  stop_server
  SERVER_PID=''
}

with=() without=() ratios=() cases=()
for _ in $(seq 1 "$BENCH_ROUNDS"); do
  measure 1
  with+=("$RPS $P50 $P99 $NON2XX")
  with_rps=$RPS
  cases+=("$CASES $RPS")
  measure 0
  without+=("$RPS $P50 $P99 $NON2XX")
  ratios+=("$(python3 -c "print(round($with_rps/max($RPS,1), 3))")")
done
read -r w_rps w_p50 w_p99 w_err <<<"$(median_row "${with[@]}")"
read -r n_rps n_p50 n_p99 n_err <<<"$(median_row "${without[@]}")"
ratio=$(median_row "${ratios[@]}")
read -r cases_opened _ <<<"$(median_row "${cases[@]}")"

echo "## Ingest with 100 rules and with none (SQLite, single items)"
echo
echo "wrk, 2 threads, $BENCH_CONNECTIONS connections, ${BENCH_SECONDS}s per run, $BENCH_ROUNDS alternating rounds; $(load_description) at the end."
echo "Rules are judged inside the transaction that stores each item (\`bench/parts/ingest_with_rules.sh\` lists them);"
echo "in the median run with rules, $cases_opened cases were opened."
echo
echo '| rules | items/s | p50 ms | p99 ms | non-2xx |'
echo '|---|---:|---:|---:|---:|'
echo "| 100 active | $w_rps | $w_p50 | $w_p99 | $w_err |"
echo "| none | $n_rps | $n_p50 | $n_p99 | $n_err |"
echo
verdict=$(python3 -c "print('met' if $ratio >= 0.8 else 'not met')")
echo "With ÷ without (median of the rounds' ratios): **$ratio** — goal ≥ 0.80: $verdict."
echo
