#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server on a temp dir and prints its DATABASE_URL.
# Usage: eval "$(.ci/start-postgres.sh [port])"   — stop it with: "$PG_STOP"
set -euo pipefail
port="${1:-54329}"
# Take the next free port if that one is in use (another server left running on this machine).
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
dir="$(mktemp -d /tmp/cg-pg.XXXXXX)"
run_as=()
if [ "$(id -u)" = "0" ]; then
  # The server refuses to run as root.
  chown postgres:postgres "$dir"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
if ! "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
  cat "$dir/log" >&2
  exit 1
fi
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
echo "export PG_STOP='${run_as[*]} $bin/pg_ctl -D $dir/data -m fast stop'"
