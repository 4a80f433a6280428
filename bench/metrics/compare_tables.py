#!/usr/bin/env python3
"""Checks that engines answered the same NPS table (bench/parts/metrics.sh).

Usage: compare_tables.py REFERENCE.tsv NAME=OTHER.tsv …
Each TSV row: month (YYYY-MM or YYYY-MM-DD), segment, n, nps. A table agrees with the
reference when it has the same (month, segment) cells, the same n in each and an NPS within
0.05 points. Cells with n 0 (empty groups) are ignored; an empty segment, None or null is the
group of responses without a segment. Prints one line per table: `NAME agrees (240 cells)` or `NAME differs: …`;
exits 1 when any differs.
"""
import sys


def load(path):
    cells = {}
    with open(path, encoding="utf-8") as table:
        for line in table:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4 or not fields[2].isdigit():
                continue
            month, segment, n, nps = fields[:4]
            if int(n) == 0:
                continue  # an empty group (Voxloop lists them with n 0; SQL has no such row)
            if segment in ("", "None", "null", "NULL"):
                segment = None
            cells[(month[:7], segment)] = (int(n), float(nps) if nps not in ("", "NULL") else None)
    return cells


def differences(reference, other):
    problems = []
    for key in sorted(set(reference) | set(other), key=lambda cell: (cell[0], cell[1] or "")):
        if key not in other:
            problems.append(f"{key} missing")
        elif key not in reference:
            problems.append(f"{key} extra")
        else:
            (ref_n, ref_nps), (n, nps) = reference[key], other[key]
            if ref_n != n or nps is None or abs(ref_nps - nps) > 0.05:
                problems.append(f"{key}: n {n} vs {ref_n}, nps {nps} vs {ref_nps:.4f}")
    return problems


def main():
    reference = load(sys.argv[1])
    failed = False
    for argument in sys.argv[2:]:
        name, path = argument.split("=", 1)
        problems = differences(reference, load(path))
        if problems:
            failed = True
            print(f"{name} differs in {len(problems)} of {len(reference)} cells: "
                  + "; ".join(problems[:3]))
        else:
            print(f"{name} agrees ({len(reference)} cells)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
