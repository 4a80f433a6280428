# Shared helpers for the benchmark scripts (sourced). Each benchmark prints a Markdown
# section; bench/run.sh collects them into docs/benchmarks.md.
BIN=${VOXLOOP_BIN:-$(pwd)/build/voxloop}
BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_BATCH=${BENCH_BATCH:-100}

# snapshot_bin → copies $BIN aside (BIN now points at the copy) so that a rebuild of build/
# by someone else during the run neither breaks it nor mixes two binaries in one table.
snapshot_bin() {
  if [ ! -x "$BIN" ]; then
    echo "bench: $BIN is missing: run 'make build' (or set VOXLOOP_BIN)" >&2
    return 1
  fi
  BIN_ORIGINAL=$BIN
  BIN_SNAPSHOT_DIR=$(mktemp -d /tmp/voxloop-bench-bin-XXXXXX)
  cp "$BIN" "$BIN_SNAPSHOT_DIR/voxloop"
  BIN=$BIN_SNAPSHOT_DIR/voxloop
}

# load_description → "load average 1.23 0.44 0.26 (2 cores)" at this moment
load_description() {
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
}

# median_row "rps p50 p99 …" … → the row whose first field (throughput) is the median.
median_row() {
  printf '%s\n' "$@" | sort -n -k1,1 | awk '{rows[NR]=$0} END {print rows[int((NR+1)/2)]}'
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_server NAME [extra serve args…] — sets SERVER_PID, BASE, DATA_DIR, STORAGE_ARGS.
# Uses $DATABASE_URL when set (PostgreSQL), else SQLite in a fresh data dir.
start_server() {
  DATA_DIR=$(mktemp -d /tmp/voxloop-bench-XXXXXX)
  STORAGE_ARGS=(--data-dir "$DATA_DIR")
  [ -n "${DATABASE_URL:-}" ] && STORAGE_ARGS+=(--database "$DATABASE_URL")
  local port
  port=$(free_port)
  BASE="http://127.0.0.1:$port"
  "$BIN" serve --listen "127.0.0.1:$port" --no-demo --no-access-log "${STORAGE_ARGS[@]}" "$@" \
    >"$DATA_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 200); do
    curl -sf "$BASE/healthz" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "server did not start:" >&2; cat "$DATA_DIR/server.log" >&2; return 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}

# provision → WORKSPACE, TOKEN (agent role)
provision() {
  WORKSPACE=$("$BIN" admin create-workspace --name Bench "${STORAGE_ARGS[@]}")
  TOKEN=$("$BIN" admin create-token --workspace "$WORKSPACE" --role agent --name bench "${STORAGE_ARGS[@]}")
  export TOKEN
}

# to_ms "1.07ms" → 1.07
to_ms() {
  python3 -c '
import re,sys
v=sys.argv[1]; m=re.match(r"([0-9.]+)(us|ms|s)$", v)
n=float(m.group(1)); u=m.group(2)
print(round(n/1000 if u=="us" else n*1000 if u=="s" else n, 3))' "$1"
}

# run_wrk URL [script] → sets RPS, P50, P99 (ms), NON2XX
run_wrk() {
  local url=$1 script=${2:-}
  local args=(-t2 -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  local out
  if ! out=$(wrk "${args[@]}" "$url" 2>&1) || ! grep -q 'Requests/sec' <<<"$out"; then
    echo "bench: wrk failed against $url:" >&2; echo "$out" >&2; return 1
  fi
  if grep -q 'Socket errors' <<<"$out"; then
    echo "bench: wrk reported socket errors against $url: $(grep 'Socket errors' <<<"$out")" >&2
  fi
  RPS=$(echo "$out" | awk '/Requests\/sec/ {print int($2)}')
  P50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")
  P99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  NON2XX=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  NON2XX=${NON2XX:-0}
}

machine_description() {
  local cpu cores mem
  cpu=$(awk -F: '/^model name/ {gsub(/^ +/,"",$2); print $2; exit}' /proc/cpuinfo)
  [ -n "$cpu" ] || cpu=$(lscpu | awk -F: '/Model name/ {gsub(/^ +/,"",$2); print $2; exit}')
  cores=$(nproc)
  mem=$(free -g | awk '/Mem:/ {print $2}')
  echo "$cpu, $cores cores, ${mem} GiB RAM, $(uname -sr), $(. /etc/os-release; echo "$PRETTY_NAME")"
}
