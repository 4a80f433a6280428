#!/usr/bin/env bash
# Analysis throughput per stage and for the full pipeline (Google Benchmark, one thread,
# median of 3 repetitions) over a generated vi/zh/en mix of short, medium and long feedback.
set -euo pipefail
BIN_DIR=${BUILD_DIR:-build}
echo "## Analysis (analysis_bench, one thread)"
echo
echo '| stage | items/s | time per item |'
echo '|---|---:|---:|'
"$BIN_DIR/bench/analysis_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=csv 2>/dev/null |
  awk -F, '/_median"/ {gsub(/"/, "", $1); sub(/^BM_/, "", $1); sub(/_median$/, "", $1);
                      printf "| %s | %.0f | %.1f %s |\n", $1, $7, $4, $5}'
echo
