#!/usr/bin/env python3
"""Latency of one metrics query through Voxloop's HTTP API (bench/parts/metrics.sh).

One keep-alive connection, sequential requests: --warmups unmeasured ones, then --runs timed
ones (request sent → whole body read), or fewer once --budget-seconds have passed (at least 5). Every answer must be 200 with rows, each row with
group.time, group.segment, value and n; the last answer's table goes to --out as TSV (month
start, segment, n, value) for checking against the other engines.

Prints one JSON object: first_ms (the first request, index possibly cold), p50_ms, p99_ms,
max_ms, runs, rows, bytes.
"""
import argparse
import http.client
import json
import math
import sys
import time
import urllib.parse

QUERY = {"metric": "nps", "group_by": ["segment"], "interval": "month", "range": {"last": "12m"}}


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def check_rows(answer):
    rows = answer.get("rows")
    if not isinstance(rows, list) or not rows:
        raise ValueError("the answer has no rows")
    for row in rows:
        group = row.get("group", {})
        if "time" not in group or "segment" not in group or "value" not in row or "n" not in row:
            raise ValueError(f"a row lacks group.time, group.segment, value or n: {row}")
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--warmups", type=int, default=5)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--budget-seconds", type=float, default=120.0)
    parser.add_argument("--timeout-seconds", type=float, default=120.0,
                        help="longest wait for one answer")
    parser.add_argument("--out")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=args.timeout_seconds)
    path = f"/api/v1/workspaces/{args.workspace}/query"
    body = json.dumps(QUERY)
    headers = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}

    def request():
        start = time.perf_counter()
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        elapsed_ms = (time.perf_counter() - start) * 1000.0
        if response.status != 200:
            raise ValueError(f"POST {path}: {response.status} {payload[:500]!r}")
        return elapsed_ms, payload

    timings = []
    first_ms = None
    payload = b""
    deadline = time.monotonic() + args.budget_seconds
    for request_idx in range(args.warmups + args.runs):
        if len(timings) >= 5 and time.monotonic() > deadline:
            break
        elapsed_ms, payload = request()
        if first_ms is None:
            first_ms = elapsed_ms
            check_rows(json.loads(payload))
        if request_idx >= args.warmups:
            timings.append(elapsed_ms)
    rows = check_rows(json.loads(payload))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for row in rows:
                value = "" if row["value"] is None else f'{row["value"]:.4f}'
                out.write(f'{row["group"]["time"]}\t{row["group"]["segment"]}\t{row["n"]}\t{value}\n')
    timings.sort()
    print(json.dumps({
        "first_ms": round(first_ms, 2),
        "p50_ms": round(percentile(timings, 0.5) if len(timings) % 2 else
                        (timings[len(timings) // 2 - 1] + timings[len(timings) // 2]) / 2, 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
        "max_ms": round(timings[-1], 2),
        "runs": len(timings),
        "rows": len(rows),
        "bytes": len(payload),
    }))


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError, http.client.HTTPException) as error:
        print(f"http_latency: {error}", file=sys.stderr)
        sys.exit(1)
