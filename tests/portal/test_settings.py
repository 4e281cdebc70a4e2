"""Settings come only from the environment; a bad value stops start-up with a clear message."""

import subprocess
import sys

import pytest

from tests.support.worker import ROOT

PRODUCTION_ENV = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SECRET_KEY": "k3y-" + "x9Qz" * 15,
    "DJANGO_ALLOWED_HOSTS": "loket.example.nl",
    "SITE_URL": "https://loket.example.nl",
    "DATABASE_URL": "postgres://loket:secret@db.example.nl:5432/loket",
    "CELERY_BROKER_URL": "redis://redis.example.nl:6379/0",
    "REDIS_URL": "redis://redis.example.nl:6379/1",
    "EMAIL_URL": "smtp+tls://mailer:pw@smtp.example.nl",
}


def run_django(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_it_passes_check_deploy_with_production_like_variables(tmp_path):
    env = {**PRODUCTION_ENV, "PORTAL_VAR_DIR": str(tmp_path)}
    done = run_django(env, "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be one of true/false"),
        ("DJANGO_SECRET_KEY", "", "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off"),
        ("EMAIL_URL", "pigeon://coop", "EMAIL_URL must start with smtp://"),
        ("DATABASE_CONN_MAX_AGE", "forever", "DATABASE_CONN_MAX_AGE must be a whole number"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is not a valid database URL"),
    ],
)
def test_it_refuses_to_start_with_a_bad_value(tmp_path, variable, value, message):
    done = run_django({**PRODUCTION_ENV, "PORTAL_VAR_DIR": str(tmp_path), variable: value}, "check")

    assert done.returncode != 0
    assert message in done.stderr


def test_it_defaults_to_safe_production_behaviour(settings):
    from portal import settings as module

    assert module.LANGUAGE_CODE == "nl"
    assert module.TIME_ZONE == "Europe/Amsterdam"
    assert "'unsafe-inline'" not in str(module.CONTENT_SECURITY_POLICY)
    assert settings.DEBUG is False
