#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests.
#
#   scripts/pg.sh start <dir>   initdb into <dir>/data, start it on a free loopback port and
#                               print its connection string (the only thing written to stdout):
#                               Host=127.0.0.1;Port=<port>;Username=postgres;Database=postgres
#   scripts/pg.sh stop <dir>    stop it (pg_ctl stop -m fast) and remove <dir>
#
# Trust authentication, loopback only, fsync off: for tests, never for data you want to keep.
# As root, initdb and pg_ctl run as the `postgres` OS user (created if missing).
set -euo pipefail

MARKER=.crm-test-pg   # written into <dir> at start; stop only removes a dir that has it

die() { echo "pg.sh: $*" >&2; exit 1; }
usage() { echo "usage: $0 start|stop <dir>" >&2; exit 2; }

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  fi
  # Newest major version first.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"; return 0
  fi
  return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

free_port() {
  local p
  if command -v python3 >/dev/null 2>&1 &&
     p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null) &&
     [[ -n "$p" ]]; then
    echo "$p"; return 0
  fi
  # Fallback: probe random ports below the usual ephemeral range; a refused connection means free.
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

cmd_start() {
  local dir=$1 bindir port i group_opt
  bindir=$(find_bindir) || {
    echo "pg.sh: PostgreSQL server binaries (initdb, pg_ctl) not found." >&2
    echo "pg.sh: install them with: apt-get update && apt-get install -y postgresql" >&2
    exit 1
  }

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ -e "$dir/data" ]] && die "$dir/data already exists (stop the old cluster first: $0 stop $dir)"
  touch "$dir/$MARKER"

  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      if getent group postgres >/dev/null 2>&1; then group_opt=(--gid postgres); else group_opt=(--user-group); fi
      useradd --system "${group_opt[@]}" --no-create-home --home-dir /nonexistent --shell /bin/sh postgres >&2
    fi
    chown -R postgres: "$dir"
    as_owner test -w "$dir" || die "user postgres cannot write to $dir (is a parent directory closed to it?)"
  fi

  if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=trust --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  # Trust, but only over the unix socket in <dir> and the loopback addresses.
  as_owner sh -c 'cat > "$1"' sh "$dir/data/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust
EOF

  # The chosen port can be taken between the probe and the start: try a few.
  for i in 1 2 3 4 5; do
    port=$(free_port) || die "no free port found"
    as_owner sh -c 'cat > "$1"' sh "$dir/data/postgresql.auto.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >&2; then
      if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30 2>/dev/null ||
         { sleep 1; "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30; }; then
        echo "$port" > "$dir/port"
        echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
        return 0
      fi
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
    fi
    echo "pg.sh: start on port $port failed (attempt $i); log:" >&2
    tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
  done
  die "could not start PostgreSQL in $dir"
}

cmd_stop() {
  local dir=$1 bindir
  [[ -d "$dir" ]] || return 0
  dir=$(cd "$dir" && pwd)
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    if bindir=$(find_bindir); then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 ||
        echo "pg.sh: pg_ctl stop failed; removing $dir anyway" >&2
    else
      echo "pg.sh: pg_ctl not found; cannot stop the server in $dir" >&2
    fi
  fi
  if [[ -f "$dir/$MARKER" ]]; then
    rm -rf -- "$dir"
  else
    die "$dir was not created by '$0 start'; not removing it"
  fi
}

[[ $# -eq 2 && -n "$2" ]] || usage
case "$1" in
  start) cmd_start "$2" ;;
  stop)  cmd_stop "$2" ;;
  *)     usage ;;
esac
