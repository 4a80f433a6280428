#!/usr/bin/env bash
# Ingest benchmark (issue 2): the trivial endpoint and single-item POST /feedback, with 64
# concurrent keep-alive clients (wrk on the same machine), on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

row() {  # backend label
  local backend=$1
  start_server
  provision
  # Alternate the two loads and keep the median of each: the machine is shared and noisy.
  local h=() f=()
  for _ in $(seq 1 "$BENCH_ROUNDS"); do
    run_wrk "$BASE/healthz"
    h+=("$RPS $P50 $P99")
    run_wrk "$BASE/api/v1/workspaces/$WORKSPACE/feedback" bench/feedback_post.lua
    f+=("$RPS $P50 $P99 $NON2XX")
  done
  read -r h_rps h_p50 h_p99 <<<"$(median_row "${h[@]}")"
  read -r f_rps f_p50 f_p99 f_err <<<"$(median_row "${f[@]}")"
  stop_server
  local ratio
  ratio=$(python3 -c "print(round($f_rps/$h_rps, 2))")
  echo "| $backend | $h_rps | $h_p50 | $h_p99 | $f_rps | $f_p50 | $f_p99 | $ratio | $f_err |"
}

echo "## Ingest: POST /feedback against the trivial endpoint"
echo
echo "wrk, 2 threads, $BENCH_CONNECTIONS keep-alive connections, ${BENCH_SECONDS}s per run, on the same"
echo "machine as the server; the two loads alternate $BENCH_ROUNDS times and each cell is the median run. Single items with realistic texts in Vietnamese, Chinese and English;"
echo "every 201 is durable (group commit; SQLite WAL synchronous=FULL, PostgreSQL synchronous_commit=on)."
echo
echo "| database | /healthz req/s | p50 ms | p99 ms | POST /feedback items/s | p50 ms | p99 ms | ratio | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
row SQLite
PG_DIR=$(mktemp -d /tmp/voxloop-bench-pg-XXXXXX)
tests/support/pg_cluster.sh start "$PG_DIR" >/dev/null
DATABASE_URL=$(cat "$PG_DIR/url" | sed 's|/postgres$|/bench|')
psql "$(cat "$PG_DIR/url")" -q -c "CREATE DATABASE bench"
row PostgreSQL
unset DATABASE_URL
tests/support/pg_cluster.sh stop "$PG_DIR"
echo
