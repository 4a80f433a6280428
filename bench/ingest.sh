#!/usr/bin/env bash
# Ingest benchmark (issue 2): the trivial endpoint and single-item POST /feedback, with 64
# concurrent keep-alive clients (wrk on the same machine), on SQLite and PostgreSQL; and, for
# reference, the same path with batches of $BENCH_BATCH items. Prints a Markdown section,
# including whether the goals of issue 2 are met.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SERVER_PID='' PG_DIR='' BATCH_LUA=''
cleanup() {
  [ -n "$SERVER_PID" ] && stop_server
  [ -n "$PG_DIR" ] && tests/support/pg_cluster.sh stop "$PG_DIR"
  [ -n "$BATCH_LUA" ] && rm -f "$BATCH_LUA"
  [ -n "${BIN_SNAPSHOT_DIR:-}" ] && rm -rf "$BIN_SNAPSHOT_DIR"
  return 0
}
trap cleanup EXIT
snapshot_bin

# The batch body: $BENCH_BATCH items of the same three-language mix as feedback_post.lua.
BATCH_LUA=$(mktemp /tmp/voxloop-bench-batch-XXXXXX.lua)
python3 - "$BENCH_BATCH" >"$BATCH_LUA" <<'EOF'
import json, sys
texts = ["Giao hàng quá chậm, đặt từ thứ hai mà tới thứ sáu mới nhận được.",
         "快递太慢了，等了一个星期才到，包装还破了。",
         "The support agent was fantastic and solved my issue in minutes!",
         "Sản phẩm chất lượng tốt nhưng giá hơi cao so với thị trường.",
         "质量不错，价格也合理，会推荐给朋友。",
         "The app keeps crashing at checkout, I had to try three times."]
channels = ["chat", "email", "review", "survey", "widget", "social"]
n = int(sys.argv[1])
body = json.dumps({"items": [{"channel": channels[i % 6], "text": texts[i % 6], "rating": i % 11}
                             for i in range(n)]}, ensure_ascii=False)
print('wrk.method = "POST"')
print('wrk.body = [==[' + body + ']==]')
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")')
EOF

GOALS=()
row() {  # backend label
  local backend=$1
  start_server
  provision
  local load_before load_after
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  # Alternate the loads and keep the median of each: the machine is shared and noisy. The
  # ratio is taken within each round (the two loads a few seconds apart), then the median.
  local h=() f=() b=() ratios=()
  for _ in $(seq 1 "$BENCH_ROUNDS"); do
    run_wrk "$BASE/healthz"
    h+=("$RPS $P50 $P99")
    local h_round=$RPS
    run_wrk "$BASE/api/v1/workspaces/$WORKSPACE/feedback" bench/feedback_post.lua
    f+=("$RPS $P50 $P99 $NON2XX")
    ratios+=("$(python3 -c "print(round($RPS/max($h_round,1), 3))")")
    run_wrk "$BASE/api/v1/workspaces/$WORKSPACE/feedback" "$BATCH_LUA"
    b+=("$((RPS * BENCH_BATCH)) $P50 $P99 $NON2XX")
  done
  load_after=$(cut -d' ' -f1 /proc/loadavg)
  read -r h_rps h_p50 h_p99 <<<"$(median_row "${h[@]}")"
  read -r f_rps f_p50 f_p99 f_err <<<"$(median_row "${f[@]}")"
  read -r b_ips b_p50 b_p99 b_err <<<"$(median_row "${b[@]}")"
  local ratio
  ratio=$(median_row "${ratios[@]}")
  ratio=$(python3 -c "print(round($ratio, 2))")
  stop_server
  SERVER_PID=''
  echo "| $backend | $h_rps | $h_p50 | $h_p99 | $f_rps | $f_p50 | $f_p99 | $ratio | $f_err | $b_ips | $b_p99 | $load_before → $load_after |"
  if [ "$backend" = SQLite ]; then
    GOALS+=("| SQLite ingest ≥ 20,000 items/s | $f_rps items/s | $(python3 -c "print('met' if $f_rps >= 20000 else 'not met')") |")
    GOALS+=("| SQLite ingest p99 < 25 ms | $f_p99 ms | $(python3 -c "print('met' if $f_p99 < 25 else 'not met')") |")
    GOALS+=("| SQLite ingest ≥ 0.5 × /healthz (same run) | $ratio | $(python3 -c "print('met' if $ratio >= 0.5 else 'not met')") |")
    GOALS+=("| every reply 2xx (SQLite) | $f_err non-2xx | $([ "$f_err" = 0 ] && echo met || echo 'not met') |")
  else
    GOALS+=("| every reply 2xx ($backend; no numeric target) | $f_err non-2xx | $([ "$f_err" = 0 ] && echo met || echo 'not met') |")
  fi
}

echo "## Ingest: POST /feedback against the trivial endpoint"
echo
echo "wrk, 2 threads, $BENCH_CONNECTIONS keep-alive connections, ${BENCH_SECONDS}s per run, on the same"
echo "machine as the server. Per database the loads alternate $BENCH_ROUNDS times (/healthz, single"
echo "items, batches); each throughput/latency cell is from the median run of its load, the ratio"
echo "is the median of the per-round ratios single ÷ /healthz. Single items with realistic texts in"
echo "Vietnamese, Chinese and English; batches of $BENCH_BATCH such items per request (reference only:"
echo "the issue's targets are for single items). Every 201 is durable (group commit; SQLite WAL"
echo "synchronous=FULL, PostgreSQL synchronous_commit=on). Load is the 1-minute load average"
echo "before → after the database's runs, including the load generator itself."
echo
echo "| database | /healthz req/s | p50 ms | p99 ms | POST /feedback items/s | p50 ms | p99 ms | ratio | non-2xx | batch items/s | batch p99 ms | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
row SQLite
PG_DIR=$(mktemp -d /tmp/voxloop-bench-pg-XXXXXX)
tests/support/pg_cluster.sh start "$PG_DIR" >/dev/null
DATABASE_URL=$(sed 's|/postgres$|/bench|' "$PG_DIR/url")
psql "$(cat "$PG_DIR/url")" -q -c "CREATE DATABASE bench"
row PostgreSQL
unset DATABASE_URL
tests/support/pg_cluster.sh stop "$PG_DIR"
PG_DIR=''
echo
echo "### Goals of issue 2 (2 cores, load generator on the same machine)"
echo
echo "| goal | measured | |"
echo "|---|---:|---|"
printf '%s\n' "${GOALS[@]}"
echo
