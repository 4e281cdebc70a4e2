"""No Docker engine runs here, so keep docker-compose.yml honest against the settings and the README."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = (ROOT / "portal" / "settings.py").read_text()
SETTINGS_VARIABLES = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', SETTINGS_SOURCE))
APP_SERVICES = ("web", "worker", "beat")


CADDYFILE = (ROOT / "deploy" / "Caddyfile").read_text()


def test_it_describes_exactly_the_production_stack():
    assert set(COMPOSE["services"]) == {"proxy", "web", "worker", "beat", "postgres", "redis"}
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


def test_only_the_proxy_is_published_when_the_portal_trusts_proxy_headers():
    # DJANGO_BEHIND_PROXY=true trusts X-Real-IP and X-Forwarded-Proto: a client that can reach gunicorn
    # directly could set them itself, so nothing but the proxy may be reachable from outside.
    services = COMPOSE["services"]
    assert services["web"]["environment"]["DJANGO_BEHIND_PROXY"] == "true"
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert services["proxy"]["image"].startswith("caddy:")
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    assert services["proxy"]["depends_on"]["web"] == {"condition": "service_healthy"}


def test_the_proxy_overwrites_the_client_address_header_the_portal_reads():
    # header_up replaces a client's value; portal/client_ip.py reads exactly this header behind the proxy.
    assert "reverse_proxy web:8000" in CADDYFILE
    assert "header_up X-Real-IP {remote_host}" in CADDYFILE
    assert "header_up X-Forwarded-Proto {scheme}" in CADDYFILE
    client_ip_source = (ROOT / "portal" / "client_ip.py").read_text()
    assert 'request.META.get("HTTP_X_REAL_IP"' in client_ip_source
