#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 cluster on loopback for tests.
#   pg_cluster.sh start DIR   → initdb in DIR, start on a free port, write the URL to DIR/url
#   pg_cluster.sh stop DIR    → stop it and delete DIR
# As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
command=${1:?start|stop}
dir=${2:?directory}
pg_bin=/usr/lib/postgresql/15/bin

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

case "$command" in
  start)
    if [ ! -x "$pg_bin/postgres" ]; then
      echo "PostgreSQL 15 is not installed ($pg_bin/postgres missing): run 'make deps'" >&2
      exit 1
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then "$0" stop "$dir" || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_postgres "$pg_bin/initdb" -D "$dir/data" -U voxloop --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(free_port)
    as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 \
          -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://voxloop@127.0.0.1:$port/postgres" >"$dir/url"
    echo "PostgreSQL test cluster at $(cat "$dir/url")"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
