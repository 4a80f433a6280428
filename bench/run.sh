#!/usr/bin/env bash
# `make bench`: runs every benchmark and writes docs/benchmarks.md with the machine it ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/benchmarks.md
tmp=$(mktemp)
source bench/lib.sh
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`make bench\` on $(date -u +%Y-%m-%d): $(machine_description)."
  echo "A shared, noisy machine: compare figures of one run with each other (ratios), not across runs."
  echo
  for part in bench/ingest.sh bench/parts/*.sh; do
    [ -f "$part" ] || continue
    bash "$part"
  done
} | tee "$tmp"
mv "$tmp" "$out"
echo "wrote $out"
