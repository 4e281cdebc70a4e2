#!/usr/bin/env bash
# Embedded developer mode: SQLite, a filesystem Celery broker and a file mailbox under var/.
# Creates the virtualenv, migrates, loads geography and demo data, starts a Celery worker (with beat)
# and serves the portal on http://127.0.0.1:8000. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh base
PY=.venv/bin/python

# The portal's own 404 and 500 pages, as a visitor sees them. Django's debug pages (tracebacks, the URL list
# on a 404) and unhashed static files from the source folders only with DJANGO_DEBUG=true make run.
export DJANGO_DEBUG="${DJANGO_DEBUG:-false}"
export PORTAL_VAR_DIR="${PORTAL_VAR_DIR:-$(pwd)/var}"
mkdir -p "$PORTAL_VAR_DIR/mailbox" "$PORTAL_VAR_DIR/celery-queue" "$PORTAL_VAR_DIR/celery-processed" "$PORTAL_VAR_DIR/celery-control"
# Plain HTTP on loopback; a key made once per var/ folder (sessions survive a restart).
export DJANGO_HTTPS="${DJANGO_HTTPS:-false}"
export STATIC_MANIFEST="${STATIC_MANIFEST:-false}"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  [ -s "$PORTAL_VAR_DIR/secret_key" ] || $PY -c "import secrets; print(secrets.token_urlsafe(50))" >"$PORTAL_VAR_DIR/secret_key"
  DJANGO_SECRET_KEY="$(cat "$PORTAL_VAR_DIR/secret_key")"
  export DJANGO_SECRET_KEY
fi
ADDR="${PORTAL_ADDR:-127.0.0.1:8000}"

$PY manage.py compilemessages --ignore=.venv -v 0 2>/dev/null || true
$PY manage.py migrate --noinput -v 0
# Without debug, whitenoise serves static files from STATIC_ROOT only (restart after changing CSS or JS).
[ "$DJANGO_DEBUG" = "true" ] || $PY manage.py collectstatic --noinput -v 0
$PY manage.py load_demo

$PY -m celery -A portal worker --beat --pool=solo --loglevel=WARNING --queues celery,sweeps \
  --schedule "$PORTAL_VAR_DIR/celerybeat-schedule" >"$PORTAL_VAR_DIR/worker.log" 2>&1 &
WORKER_PID=$!
trap 'kill $WORKER_PID 2>/dev/null || true' EXIT

cat <<MSG

  Circulair Loket runs on http://$ADDR
  Mailbox (follow-up e-mails as files): $PORTAL_VAR_DIR/mailbox/   Worker log: $PORTAL_VAR_DIR/worker.log
  Demo log-ins are listed above (password for all: see "load_demo" output). Stop with Ctrl-C.

MSG
$PY manage.py runserver "$ADDR" --noreload
