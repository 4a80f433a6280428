#!/usr/bin/env bash
# Survey core micro-benchmarks (Google Benchmark, median of 5 repetitions).
set -euo pipefail
BIN_DIR=${BUILD_DIR:-build}
echo "## Survey core (collect_bench)"
echo
echo '| benchmark | median time per call |'
echo '|---|---|'
"$BIN_DIR/bench/collect_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=csv 2>/dev/null |
  awk -F, '/_median"/ {gsub(/"/, "", $1); sub(/_median$/, "", $1); printf "| %s | %.1f %s |\n", $1, $4, $5}'
echo
