#!/usr/bin/env bash
# The whole test suite against throwaway PostgreSQL and Redis servers on free loopback ports.
# Installs what is missing (Debian packages, the virtualenv), and stops the servers even when tests fail.
# Extra arguments go to pytest, e.g. `make test ARGS="tests/schemes -x"`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

need_apt=()
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v chromium >/dev/null || need_apt+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

scripts/venv.sh dev
PY="$ROOT/.venv/bin/python"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

RUN_DIR=$(mktemp -d /tmp/loket-test.XXXXXX)
chmod 755 "$RUN_DIR"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
mkdir -p "$RUN_DIR/pg" "$RUN_DIR/sock"
chown postgres:postgres "$RUN_DIR/pg" "$RUN_DIR/sock"

cleanup() {
  status=$?
  if [ $status -ne 0 ] && [ -f "$RUN_DIR/pg/server.log" ]; then tail -5 "$RUN_DIR/pg/server.log" || true; fi
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$RUN_DIR/redis.pid" ]; then kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

runuser -u postgres -- "$PG_BIN/initdb" -A trust -E UTF8 --no-sync -U postgres -D "$RUN_DIR/pg" >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -w -l "$RUN_DIR/pg/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $RUN_DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
runuser -u postgres -- "$PG_BIN/createdb" -h "$RUN_DIR/sock" -p "$PG_PORT" loket
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
  --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/loket"
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1"
export TEST_PG_BIN="$PG_BIN" TEST_PG_DATA="$RUN_DIR/pg" TEST_PG_PORT="$PG_PORT" TEST_PG_SOCK="$RUN_DIR/sock"
export TEST_REDIS_PORT="$REDIS_PORT" TEST_RUN_DIR="$RUN_DIR"
export DJANGO_SECRET_KEY="test-only-secret-key-$(date +%s)"
export DJANGO_DEBUG=false DJANGO_HTTPS=false
export EMAIL_URL="locmem://"
export PORTAL_VAR_DIR="$RUN_DIR/var"

if [ "${SKIP_CHECKS:-0}" != 1 ]; then
  echo "== lint (ruff)"
  "$ROOT/.venv/bin/ruff" check .
  echo "== migrations are complete"
  "$PY" manage.py makemigrations --check --dry-run >/dev/null || { echo "Missing migrations: run manage.py makemigrations"; exit 1; }
fi
echo "== static files collect with the production manifest storage"
STATIC_MANIFEST=true "$PY" manage.py collectstatic --noinput -v 0
# Browser tests' live server serves unhashed files from the source folders.
export STATIC_MANIFEST=false
echo "== pytest (PostgreSQL :$PG_PORT, Redis :$REDIS_PORT)"
"$PY" -m pytest "$@"
