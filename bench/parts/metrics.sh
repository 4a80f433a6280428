#!/usr/bin/env bash
# Metrics benchmark (issue 5): "NPS by month by segment for the last 12 months" over
# $BENCH_METRICS_RESPONSES generated responses (default 10,000,000: 2 years, 20 segments,
# 8 channels; bench/metrics/dataset.hpp) through Voxloop's query API, next to the same query
# as plain SQL in SQLite and PostgreSQL 15 on the same rows, and a plain single-threaded scan
# of three columns. Also reports the index rebuild at start, its bytes per response and the
# server's peak RSS, checks that the four tables agree, and whether the targets are met.
# Prints a Markdown section on stdout; progress goes to stderr.
#
# Environment: BENCH_METRICS_RESPONSES, BENCH_METRICS_CUSTOMERS (200000), BENCH_METRICS_RUNS
# (timed HTTP queries, 50), BENCH_METRICS_START_TIMEOUT (seconds for the server to build its
# index, 900); VOXLOOP_BIN and BUILD_DIR as for every part.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
BIN_DIR=${BUILD_DIR:-build}
RESPONSES=${BENCH_METRICS_RESPONSES:-10000000}
CUSTOMERS=${BENCH_METRICS_CUSTOMERS:-200000}
HTTP_RUNS=${BENCH_METRICS_RUNS:-50}
START_TIMEOUT=${BENCH_METRICS_START_TIMEOUT:-900}
TIME_ZONE=Asia/Ho_Chi_Minh
UTC_OFFSET_MINUTES=420  # Asia/Ho_Chi_Minh: +07:00 all year (no daylight saving time)
GENERATE=$BIN_DIR/bench/metrics_generate
SCAN=$BIN_DIR/bench/metrics_scan
for tool in "$GENERATE" "$SCAN"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing: build it (or set BUILD_DIR)" >&2; exit 1; }
done
for command in sqlite3 psql curl; do
  command -v "$command" >/dev/null || { echo "bench: $command is missing: run 'make deps'" >&2; exit 1; }
done

WORK='' PG_DIR='' SERVER_PID=''
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "$PG_DIR" ] && tests/support/pg_cluster.sh stop "$PG_DIR"
  [ -n "$WORK" ] && rm -rf "$WORK"
  [ -n "${BIN_SNAPSHOT_DIR:-}" ] && rm -rf "$BIN_SNAPSHOT_DIR"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
snapshot_bin
# The tools are copied too, for the same reason as the server binary.
cp "$GENERATE" "$SCAN" "$BIN_SNAPSHOT_DIR/"
GENERATE=$BIN_SNAPSHOT_DIR/metrics_generate
SCAN=$BIN_SNAPSHOT_DIR/metrics_scan
WORK=$(mktemp -d /tmp/voxloop-bench-metrics-XXXXXX)
DATA_DIR=$WORK/data
mkdir -p "$DATA_DIR"

progress() { echo "metrics [${SECONDS}s]: $*" >&2; }
elapsed_since() { python3 -c "import time,sys; print(round(time.time()-float(sys.argv[1]), 1))" "$1"; }
# median VALUE… → the median (the mean of the middle two for an even count)
median() { python3 -c 'import statistics,sys; print(round(statistics.median(map(float, sys.argv[1:])), 2))' "$@"; }
maximum() { python3 -c 'import sys; print(round(max(map(float, sys.argv[1:])), 2))' "$@"; }

# --- The rows ------------------------------------------------------------------------------
NOW_MS=$(date +%s%3N)
SHAPE=(--responses "$RESPONSES" --customers "$CUSTOMERS" --end-ms "$NOW_MS")
# The query's range: local midnight of the first day of the month 11 months ago → of next month.
read -r FROM_MS TO_MS <<<"$(python3 - "$NOW_MS" "$UTC_OFFSET_MINUTES" <<'EOF'
import calendar, sys
now_ms, offset_ms = int(sys.argv[1]), int(sys.argv[2]) * 60000
import datetime
local = datetime.datetime.utcfromtimestamp((now_ms + offset_ms) / 1000)
month = local.year * 12 + local.month - 1
def start(index):
    return calendar.timegm((index // 12, index % 12 + 1, 1, 0, 0, 0)) * 1000 - offset_ms
print(start(month - 11), start(month + 1))
EOF
)"

WORKSPACE=$("$BIN" admin create-workspace --name Bench --timezone "$TIME_ZONE" --data-dir "$DATA_DIR")
TOKEN=$("$BIN" admin create-token --workspace "$WORKSPACE" --role analyst --name bench --data-dir "$DATA_DIR")
DB=$DATA_DIR/voxloop.db
zone=$(sqlite3 "$DB" "SELECT timezone FROM workspaces WHERE id = $WORKSPACE")
[ "$zone" = "$TIME_ZONE" ] || { echo "bench: the workspace's time zone is '$zone', not $TIME_ZONE" >&2; exit 1; }

progress "generating $RESPONSES responses of $CUSTOMERS customers into SQLite…"
started=$(date +%s.%N)
"$GENERATE" sqlite --db "$DB" --workspace "$WORKSPACE" "${SHAPE[@]}"
SQLITE_LOAD_S=$(elapsed_since "$started")
DB_BYTES=$(stat -c %s "$DB")

# --- Plain single-threaded scan ------------------------------------------------------------
progress "plain column scan…"
read -r _ SCAN_LOAD_S _ SCAN_ROWS _ _ _ SCAN_P50 _ SCAN_MAX <<<"$("$SCAN" --db "$DB" \
  --workspace "$WORKSPACE" --now-ms "$NOW_MS" --utc-offset-minutes "$UTC_OFFSET_MINUTES" \
  --runs 20 --out "$WORK/scan.tsv")"
[ "$SCAN_ROWS" = "$RESPONSES" ] || { echo "bench: the scan loaded $SCAN_ROWS rows, not $RESPONSES" >&2; exit 1; }
progress "scan: p50 $SCAN_P50 ms, max $SCAN_MAX ms (columns loaded in $SCAN_LOAD_S s)"

# --- SQLite ---------------------------------------------------------------------------------
# run_sqlite → one run's milliseconds (the sqlite3 shell's timer); the table goes to sqlite.tsv.
run_sqlite() {
  local timer
  timer=$(sqlite3 -readonly "$DB" <<EOF
.parameter set :ws $WORKSPACE
.parameter set :from_ms $FROM_MS
.parameter set :to_ms $TO_MS
.mode tabs
.timer on
.once $WORK/sqlite.tsv
.read bench/metrics/nps_sqlite.sql
EOF
  )
  awk '/^Run Time:/ {printf "%.1f\n", $4 * 1000}' <<<"$timer" | tail -1
}
# time_runs NAME COMMAND… → sets RUN_MS (array): one unmeasured warm-up, then 3 timed runs, or
# only 1 when the warm-up took more than 20 s.
time_runs() {
  local name=$1
  shift
  RUN_MS=()
  local first
  first=$("$@")
  progress "$name: warm-up $first ms"
  local runs=3
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 20000 else 1)" "$first" && runs=1
  for _ in $(seq 1 "$runs"); do RUN_MS+=("$("$@")"); done
  progress "$name: runs ${RUN_MS[*]} ms"
}
time_runs sqlite run_sqlite
SQLITE_P50=$(median "${RUN_MS[@]}")
SQLITE_MAX=$(maximum "${RUN_MS[@]}")
SQLITE_RUNS=${#RUN_MS[@]}

# --- Voxloop --------------------------------------------------------------------------------
# measure_voxloop → VOXLOOP_* figures, or VOXLOOP_ERROR with the reason it could not be measured.
VOXLOOP_ERROR=''
measure_voxloop() {
  local log=$WORK/server.log
  progress "starting the server (builds the index of $RESPONSES responses)…"
  "$BIN" serve --listen 127.0.0.1:0 --data-dir "$DATA_DIR" --no-demo --no-access-log >"$log" 2>&1 &
  SERVER_PID=$!
  local deadline=$((SECONDS + START_TIMEOUT)) base='' index_line='' probed=''
  while [ -z "$base" ] || [ -z "$index_line" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      VOXLOOP_ERROR="the server exited at start: $(tail -5 "$log" | tr '\n' ' ')"
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      VOXLOOP_ERROR="no 'metrics index: workspace $WORKSPACE …' line in the server's log after ${START_TIMEOUT}s"
      return 1
    fi
    [ -n "$base" ] || base=$(sed -n 's|^Voxloop listening on \(http://[^ ]*\).*|\1|p' "$log" | head -1)
    index_line=$(grep -m1 "metrics index: workspace $WORKSPACE " "$log" || true)
    if [ -n "$base" ] && [ -z "$index_line" ] && [ -z "$probed" ]; then
      # Listening but no index yet: a server without the query API would wait forever.
      probed=1
      local status
      status=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -m 5 -X POST \
        "$base/api/v1/workspaces/$WORKSPACE/query" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d '{"metric":"count"}' || true)
      if [ "$status" = 404 ] || [ "$status" = 405 ]; then
        VOXLOOP_ERROR="the server has no query endpoint (POST /api/v1/workspaces/{ws}/query answered $status)"
        return 1
      fi
    fi
    [ -n "$base" ] && [ -n "$index_line" ] || sleep 0.2
  done
  read -r VOXLOOP_INDEX_ROWS VOXLOOP_INDEX_BYTES VOXLOOP_REBUILD_MS <<<"$(sed -n \
    's/.*metrics index: workspace [0-9]* rows \([0-9]*\) bytes \([0-9]*\) built in \([0-9.]*\) ms.*/\1 \2 \3/p' \
    <<<"$index_line")"
  if [ -z "${VOXLOOP_REBUILD_MS:-}" ]; then
    VOXLOOP_ERROR="cannot read the index line: $index_line"
    return 1
  fi
  progress "index: $VOXLOOP_INDEX_ROWS rows, $VOXLOOP_INDEX_BYTES bytes, built in $VOXLOOP_REBUILD_MS ms; querying $base…"
  local latency
  if ! latency=$(python3 bench/metrics/http_latency.py --base "$base" --workspace "$WORKSPACE" \
      --token "$TOKEN" --runs "$HTTP_RUNS" --out "$WORK/voxloop.tsv" 2>"$WORK/http.err"); then
    VOXLOOP_ERROR=$(cat "$WORK/http.err")
    return 1
  fi
  read -r VOXLOOP_FIRST VOXLOOP_P50 VOXLOOP_P99 VOXLOOP_MAX VOXLOOP_RUNS <<<"$(python3 -c '
import json,sys; r=json.loads(sys.argv[1])
print(r["first_ms"], r["p50_ms"], r["p99_ms"], r["max_ms"], r["runs"])' "$latency")"
  VOXLOOP_HWM_KB=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status")
  VOXLOOP_RSS_KB=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")
  progress "voxloop: first $VOXLOOP_FIRST ms, p50 $VOXLOOP_P50 ms, p99 $VOXLOOP_P99 ms; peak RSS $VOXLOOP_HWM_KB kB"
}
measure_voxloop || progress "Voxloop not measured: $VOXLOOP_ERROR"
if [ -n "$SERVER_PID" ]; then
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=''
fi

# --- PostgreSQL -----------------------------------------------------------------------------
PG_DIR=$(mktemp -d /tmp/voxloop-bench-pg-XXXXXX)
tests/support/pg_cluster.sh start "$PG_DIR" >/dev/null
psql "$(cat "$PG_DIR/url")" -q -c "CREATE DATABASE bench"
PG_URL=$(sed 's|/postgres$|/bench|' "$PG_DIR/url")
PG_WORKSPACE=$("$BIN" admin create-workspace --name Bench --timezone "$TIME_ZONE" \
  --database "$PG_URL" --data-dir "$WORK/pg-data")
progress "loading the rows into PostgreSQL…"
started=$(date +%s.%N)
# Secondary indexes are dropped for the load and recreated after (as the SQLite load does);
# foreign keys are not checked during the COPY (session_replication_role = replica); VACUUM
# (ANALYZE) after, so the tables are in the steady state (visibility map, hint bits, statistics).
psql "$PG_URL" -qAt -c "SELECT pg_get_indexdef(i.indexrelid) || ';' FROM pg_index i
  JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relname IN ('customers', 'feedback', 'feedback_topics') AND NOT i.indisprimary" \
  >"$WORK/pg-indexes.sql"
psql "$PG_URL" -qAt -v ON_ERROR_STOP=1 -c "SELECT 'DROP INDEX ' || i.indexrelid::regclass || ';'
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relname IN ('customers', 'feedback', 'feedback_topics') AND NOT i.indisprimary" |
  psql "$PG_URL" -q -v ON_ERROR_STOP=1 >/dev/null
for table in customers feedback feedback_topics; do
  "$GENERATE" copy --table "$table" --workspace "$PG_WORKSPACE" "${SHAPE[@]}" |
    psql "$PG_URL" -q -v ON_ERROR_STOP=1 -c "SET session_replication_role = replica" \
      -c "$("$GENERATE" columns --table "$table")" >/dev/null
done
{ echo "SET maintenance_work_mem = '1GB';"; cat "$WORK/pg-indexes.sql"; echo "VACUUM (ANALYZE);"; } |
  psql "$PG_URL" -q -v ON_ERROR_STOP=1 >/dev/null
PG_LOAD_S=$(elapsed_since "$started")
PG_BYTES=$(psql "$PG_URL" -qAt -c "SELECT pg_database_size('bench')")
progress "postgresql: loaded in $PG_LOAD_S s"
run_postgres() {
  psql "$PG_URL" -qAt -F $'\t' -v ON_ERROR_STOP=1 -v ws="$PG_WORKSPACE" -v from_ms="$FROM_MS" \
    -v to_ms="$TO_MS" -o "$WORK/postgres.tsv" -c '\timing on' -f bench/metrics/nps_postgres.sql |
    awk '/^Time:/ {printf "%.1f\n", $2}' | tail -1
}
time_runs postgresql run_postgres
PG_P50=$(median "${RUN_MS[@]}")
PG_MAX=$(maximum "${RUN_MS[@]}")
PG_RUNS=${#RUN_MS[@]}
tests/support/pg_cluster.sh stop "$PG_DIR"
PG_DIR=''

# --- The tables agree? ----------------------------------------------------------------------
compare_args=(SQLite="$WORK/sqlite.tsv" PostgreSQL="$WORK/postgres.tsv")
[ -z "$VOXLOOP_ERROR" ] && compare_args=(Voxloop="$WORK/voxloop.tsv" "${compare_args[@]}")
AGREE=yes
COMPARISON=$(python3 bench/metrics/compare_tables.py "$WORK/scan.tsv" "${compare_args[@]}") || AGREE=no
[ -n "$VOXLOOP_ERROR" ] && AGREE="no (Voxloop not measured)"
progress "$(tr '\n' ';' <<<"$COMPARISON")"

# --- The section ----------------------------------------------------------------------------
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}×')" "$1" "$2"; }
mib() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1048576:,.0f} MiB')" "$1"; }
cells=$(wc -l <"$WORK/scan.tsv")
echo "## Metrics: NPS by month by segment, $(python3 -c "print(f'{$RESPONSES:,}')") responses"
echo
echo "The dashboard's heaviest everyday query — NPS by local month (Asia/Ho_Chi_Minh) by customer"
echo "segment for the last 12 months — over $(python3 -c "print(f'{$RESPONSES:,}')") generated responses (2 years ending now,"
echo "$CUSTOMERS customers in 20 segments of unequal size, 8 channels, vi/zh/en texts with their"
echo "analysis; \`bench/metrics/dataset.hpp\`): $cells cells of (month, segment). Voxloop answers"
echo "through \`POST /api/v1/workspaces/{ws}/query\` over HTTP on loopback (one keep-alive"
echo "connection, 5 warm-ups then up to $HTTP_RUNS sequential requests, from request sent to body"
echo "read); SQLite (the \`sqlite3\` shell's timer) and PostgreSQL 15 (\`psql\` \\timing, default"
echo "settings of the test cluster, 256 MB shared buffers, parallel query on) run the same query as"
echo "plain SQL over Voxloop's schema with its indexes (\`bench/metrics/nps_*.sql\`), after one"
echo "warm-up, median of $SQLITE_RUNS (SQLite) and $PG_RUNS (PostgreSQL) runs; the plain scan (\`bench/metrics/column_scan.cpp\`)"
echo "is one thread over three in-memory arrays sorted by time (time, rating, segment): per month a"
echo "binary search for its rows, then one histogram increment per row; median of 20 runs."
echo
echo "| engine | p50 ms | p99/max ms | p50 ÷ Voxloop's |"
echo "|---|---:|---:|---:|"
if [ -z "$VOXLOOP_ERROR" ]; then
  echo "| Voxloop, HTTP query API | $VOXLOOP_P50 | $VOXLOOP_P99 | 1.0× |"
  echo "| plain single-threaded scan | $SCAN_P50 | $SCAN_MAX | $(ratio "$SCAN_P50" "$VOXLOOP_P50") |"
  echo "| SQLite 3.40 | $SQLITE_P50 | $SQLITE_MAX | $(ratio "$SQLITE_P50" "$VOXLOOP_P50") |"
  echo "| PostgreSQL 15 | $PG_P50 | $PG_MAX | $(ratio "$PG_P50" "$VOXLOOP_P50") |"
else
  echo "| Voxloop, HTTP query API | not measured | | |"
  echo "| plain single-threaded scan | $SCAN_P50 | $SCAN_MAX | |"
  echo "| SQLite 3.40 | $SQLITE_P50 | $SQLITE_MAX | |"
  echo "| PostgreSQL 15 | $PG_P50 | $PG_MAX | |"
fi
echo
if [ -z "$VOXLOOP_ERROR" ]; then
  echo "- Index rebuild at start: $VOXLOOP_REBUILD_MS ms for $VOXLOOP_INDEX_ROWS rows;" \
    "$(python3 -c "print(round($VOXLOOP_INDEX_BYTES / max($VOXLOOP_INDEX_ROWS, 1), 1))") bytes per response" \
    "($(mib "$VOXLOOP_INDEX_BYTES") in all). First query after the start: $VOXLOOP_FIRST ms."
  echo "- Server memory after the queries: peak RSS $(mib $((VOXLOOP_HWM_KB * 1024))), now $(mib $((VOXLOOP_RSS_KB * 1024)))."
else
  echo "- **Voxloop not measured**: $VOXLOOP_ERROR"
fi
echo "- Loads (not part of the comparison): SQLite $SQLITE_LOAD_S s ($(mib "$DB_BYTES") on disk), PostgreSQL $PG_LOAD_S s"
echo "  ($(mib "$PG_BYTES")); the scan reads its columns from SQLite in $SCAN_LOAD_S s."
echo "- All four tables agree (same cells, same n, NPS within 0.05): **$AGREE** — $(tr '\n' ';' <<<"$COMPARISON" | sed 's/;$//; s/;/; /g')."
echo "- $(load_description) at the end."
echo
echo "### Targets of issue 5 (2 cores)"
echo
echo "| target | measured | |"
echo "|---|---:|---|"
if [ -z "$VOXLOOP_ERROR" ]; then
  verdict() { python3 -c "import sys; print('met' if eval(sys.argv[1]) else 'not met')" "$1"; }
  echo "| p50 under 50 ms | $VOXLOOP_P50 ms | $(verdict "$VOXLOOP_P50 < 50") |"
  echo "| ≥ 20× faster than PostgreSQL | $(ratio "$PG_P50" "$VOXLOOP_P50") | $(verdict "$PG_P50 >= 20 * $VOXLOOP_P50") |"
  echo "| within 3× of the plain scan | $(ratio "$VOXLOOP_P50" "$SCAN_P50") of it | $(verdict "$VOXLOOP_P50 <= 3 * $SCAN_P50") |"
  echo "| the same table as SQLite, PostgreSQL and the scan | $AGREE | $([ "$AGREE" = yes ] && echo met || echo 'not met') |"
else
  echo "| every target | Voxloop not measured | not met |"
fi
echo
if [ -n "$VOXLOOP_ERROR" ]; then
  echo "bench: metrics: Voxloop not measured: $VOXLOOP_ERROR" >&2
  exit 1
fi
