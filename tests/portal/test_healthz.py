"""/healthz: a plain status for anyone; the details only from the internal check (issue 15, item 9)."""

import contextlib
import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.support.worker import ROOT

pytestmark = pytest.mark.django_db


def internal_check() -> dict:
    out = StringIO()
    with contextlib.suppress(CommandError):
        call_command("healthcheck", stdout=out)
    return json.loads(out.getvalue())


def test_it_reports_database_and_broker_up(client, settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_tells_outsiders_nothing_about_what_runs_behind_it(client):
    body = client.get("/healthz").content.decode()

    for detail in ("postgresql", "redis", "vendor", "transport", "worker", "checks"):
        assert detail not in body


def test_the_internal_check_has_the_details(settings):
    body = internal_check()

    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["checks"]["broker"] == {"ok": True, "transport": "redis"}
    assert "worker_last_seen" in body


def test_it_answers_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    details = internal_check()
    assert details["checks"]["broker"]["ok"] is False
    assert details["checks"]["database"]["ok"] is True
    with pytest.raises(CommandError):
        call_command("healthcheck", stdout=StringIO())


def test_it_answers_503_when_the_database_is_unreachable(tmp_path):
    # A separate process, because this one holds a working connection to the test database.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "CELERY_BROKER_URL": "filesystem://",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)

    status, body = done.stdout.strip().split("\n", 1)
    assert status == "503", done.stderr
    assert json.loads(body) == {"status": "unavailable"}
