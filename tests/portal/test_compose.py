"""No Docker engine runs here, so keep docker-compose.yml honest against the settings and the README."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = (ROOT / "portal" / "settings.py").read_text()
SETTINGS_VARIABLES = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', SETTINGS_SOURCE))
APP_SERVICES = ("web", "worker", "beat")


def test_it_describes_exactly_the_production_stack():
    assert set(COMPOSE["services"]) == {"web", "worker", "beat", "postgres", "redis"}
    for name, service in COMPOSE["services"].items():
        assert "healthcheck" in service, f"{name} has no health check"


def test_it_runs_gunicorn_celery_worker_and_beat():
    services = COMPOSE["services"]
    assert "gunicorn portal.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A portal worker")
    assert services["beat"]["command"].startswith("celery -A portal beat")


def test_its_variables_are_the_ones_the_settings_read():
    for name in APP_SERVICES:
        environment = COMPOSE["services"][name]["environment"]
        unknown = set(environment) - SETTINGS_VARIABLES
        assert not unknown, f"{name} sets variables the settings never read: {unknown}"
        for required in ("DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_URL"):
            assert required in environment
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")


def test_the_readme_documents_every_variable():
    readme = (ROOT / "README.md").read_text()
    undocumented = {name for name in SETTINGS_VARIABLES if f"`{name}`" not in readme}
    assert not undocumented, f"README.md does not document {sorted(undocumented)}"
