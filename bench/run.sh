#!/usr/bin/env bash
# `make bench`: runs every benchmark and writes docs/benchmarks.md with the machine it ran on.
#   bash bench/run.sh [PART…]   PART = ingest, collect, analysis… (default: all of them)
# Environment: VOXLOOP_BIN (server binary, default build/voxloop), BUILD_DIR (for the
# micro-benchmarks, default build), BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_BATCH.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/benchmarks.md
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
source bench/lib.sh
parts=()
if [ $# -eq 0 ]; then
  parts=(bench/ingest.sh bench/parts/*.sh)
else
  for name in "$@"; do
    if [ "$name" = ingest ]; then parts+=(bench/ingest.sh); else parts+=("bench/parts/$name.sh"); fi
  done
fi
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "# Benchmarks"
  echo
  echo "Measured on $(date -u '+%Y-%m-%d %H:%M UTC') by \`${BENCH_COMMAND:-make bench}\` at commit $commit:"
  echo "$(machine_description)."
  echo "At the start: $(load_description) (other work was running on the machine too)."
  echo "A shared, noisy machine: compare figures of one run with each other (ratios), not across runs."
  echo
  for part in "${parts[@]}"; do
    [ -f "$part" ] || { echo "bench: no such benchmark $part" >&2; exit 1; }
    bash "$part"
  done
  echo "At the end: $(load_description)."
  echo
  echo "## Reproducing"
  echo
  echo "On a machine with the dependencies (\`make deps\`: wrk, PostgreSQL 15, Google Benchmark):"
  echo
  echo '```sh'
  echo 'make bench                        # builds, runs every part, rewrites docs/benchmarks.md'
  echo 'bash bench/run.sh ingest          # only the ingest part (needs build/voxloop)'
  echo 'BENCH_SECONDS=20 BENCH_ROUNDS=5 make bench   # longer, steadier runs'
  echo '```'
  echo
  echo "Run it on an otherwise idle machine for absolute figures; on a busy one, read the ratios."
} | tee "$tmp"
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "wrote $out"
