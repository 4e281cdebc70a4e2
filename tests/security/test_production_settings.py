"""Under production variables: secure cookies, HSTS, HTTPS redirect (check --deploy: tests/portal)."""

import json
import subprocess
import sys

import pytest

from tests.portal.test_settings import PRODUCTION_ENV
from tests.support.worker import ROOT

PRINT_SETTINGS = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "RATELIMIT_ENABLE", "CACHES",
]}, default=str))
"""


def production_settings(tmp_path, **extra) -> dict:
    env = {**PRODUCTION_ENV, "PORTAL_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings", **extra}
    done = subprocess.run([sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_it_uses_secure_cookies_and_hsts_in_production(tmp_path):
    values = production_settings(tmp_path)

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_it_limits_rates_in_a_shared_cache_in_production(tmp_path):
    values = production_settings(tmp_path)

    assert values["RATELIMIT_ENABLE"] is True
    assert "RedisCache" in values["CACHES"]["default"]["BACKEND"]


@pytest.mark.django_db
def test_it_sends_hsts_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
