#!/usr/bin/env bash
# What analysis costs ingestion: POST /feedback (single items, SQLite) with the analysis
# engine on (the default) and off (`serve --no-analysis`), the two alternating for
# $BENCH_ROUNDS rounds so that both see the same machine; medians, and the median of the
# per-round ratios on ÷ off. Issue 3's goal: analysis costs at most 20% of ingest throughput.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
snapshot_bin
trap '[ -n "${SERVER_PID:-}" ] && stop_server; rm -rf "$BIN_SNAPSHOT_DIR"' EXIT

measure() {  # serve args… → RPS P50 P99 NON2XX of one run on a fresh server
  start_server "$@"
  provision
  run_wrk "$BASE/api/v1/workspaces/$WORKSPACE/feedback" bench/feedback_post.lua
  stop_server
  SERVER_PID=''
}

on=() off=() ratios=()
for _ in $(seq 1 "$BENCH_ROUNDS"); do
  measure
  on+=("$RPS $P50 $P99 $NON2XX")
  on_rps=$RPS
  measure --no-analysis
  off+=("$RPS $P50 $P99 $NON2XX")
  ratios+=("$(python3 -c "print(round($on_rps/max($RPS,1), 3))")")
done
read -r on_rps on_p50 on_p99 on_err <<<"$(median_row "${on[@]}")"
read -r off_rps off_p50 off_p99 off_err <<<"$(median_row "${off[@]}")"
ratio=$(median_row "${ratios[@]}")

echo "## Ingest with analysis on and off (SQLite, single items)"
echo
echo "wrk, 2 threads, $BENCH_CONNECTIONS connections, ${BENCH_SECONDS}s per run, $BENCH_ROUNDS alternating rounds; $(load_description) at the end."
echo
echo '| analysis | items/s | p50 ms | p99 ms | non-2xx |'
echo '|---|---:|---:|---:|---:|'
echo "| on (default) | $on_rps | $on_p50 | $on_p99 | $on_err |"
echo "| off (\`--no-analysis\`) | $off_rps | $off_p50 | $off_p99 | $off_err |"
echo
verdict=$(python3 -c "print('met' if $ratio >= 0.8 else 'not met')")
echo "On ÷ off (median of the rounds' ratios): **$ratio** — goal ≥ 0.80: $verdict."
echo
