import json
import subprocess
import sys

import pytest

from tests.support.worker import ROOT

pytestmark = pytest.mark.django_db


def test_it_reports_database_and_broker_up(client, settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["checks"]["broker"] == {"ok": True, "transport": "redis"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_answers_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


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
    assert json.loads(body)["checks"]["database"]["ok"] is False
