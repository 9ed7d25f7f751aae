#!/usr/bin/env bash
# PostgreSQL and Redis for `npm run test:cluster` on a Debian machine (CI runs it as root):
# installs Debian's postgresql and redis-server when missing, starts them when they do not
# answer, waits until they do, and creates the test role `sixty` (password `sixty`) and database
# `sixty`. Safe to run again: whatever is already there and answering is left alone.
# This role is for tests on a throwaway machine; docs/deploy.md shows a production setup.
set -euo pipefail

PG_PORT=5432
REDIS_PORT=6379
WAIT_S=30

say() { echo "== cluster services: $*"; }
as_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "cluster services: $1 needs root (run this script as root, or start the services yourself)" >&2
    exit 1
  fi
}
wait_for() { # what, command...
  local what=$1
  shift
  for _ in $(seq $((WAIT_S * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "cluster services: $what did not answer within ${WAIT_S}s" >&2
  exit 1
}

# --- install what is missing
missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  as_root "installing ${missing[*]}"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- PostgreSQL: Debian's newest installed major version, cluster "main"
pg_ready() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }
if pg_ready; then
  say "PostgreSQL answers on port $PG_PORT"
else
  as_root "starting PostgreSQL"
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    say "creating cluster $version/main (fsync off: a throwaway cluster for tests)"
    pg_createcluster --port "$PG_PORT" "$version" main >/dev/null
    # No waiting on the disk at each commit. Sixty's guarantees are about Sixty processes dying
    # (the tests kill those, never PostgreSQL), and disk-flush stalls on a busy CI machine only
    # add noise to the timing of every test. Only on a cluster made here: one that already
    # existed keeps its settings.
    for setting in 'fsync off' 'synchronous_commit off' 'full_page_writes off'; do
      pg_conftool "$version" main set $setting
    done
  fi
  say "starting PostgreSQL $version/main"
  pg_ctlcluster "$version" main start
  wait_for "PostgreSQL on port $PG_PORT" pg_ready
fi

# --- the test role and database (only when signing in as them does not already work)
sixty_ok() { PGPASSWORD=sixty PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$PG_PORT" -U sixty -d sixty -tAc 'select 1' 2>/dev/null | grep -q 1; }
if sixty_ok; then
  say "role and database sixty are ready"
else
  as_root "creating the role and database sixty"
  pg() { runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -tAq "$@"; }
  # Superuser: the tests create and force-drop a database per server, as on a developer's machine.
  if [ "$(pg -c "select 1 from pg_roles where rolname = 'sixty'")" != 1 ]; then
    say "creating role sixty"
    pg -c "create role sixty login superuser password 'sixty'"
  fi
  if [ "$(pg -c "select 1 from pg_database where datname = 'sixty'")" != 1 ]; then
    say "creating database sixty"
    pg -c 'create database sixty owner sixty'
  fi
  wait_for "PostgreSQL as sixty@127.0.0.1:$PG_PORT/sixty (check pg_hba.conf allows passwords on 127.0.0.1)" sixty_ok
fi

# --- Redis: in memory only, nothing saved
redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }
if redis_ready; then
  say "Redis answers on port $REDIS_PORT"
else
  say "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no >/dev/null
  wait_for "Redis on port $REDIS_PORT" redis_ready
fi

say "ready: postgres://sixty:sixty@127.0.0.1:$PG_PORT/sixty and redis://127.0.0.1:$REDIS_PORT"
