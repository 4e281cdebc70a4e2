"""Behind the reverse proxy: the lock-out and the rate limits key on the same client address (issue 15, item 2).

The settings are the ones ``DJANGO_BEHIND_PROXY=true`` really produces (read from a fresh process), applied
here so the log-in and the intake run against the test database.
"""

import json
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.factories.catalogue import UserFactory
from tests.journeys.intake.helpers import STEP_POSTS
from tests.portal.test_settings import PRODUCTION_ENV
from tests.support.worker import ROOT

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
PROXY = "172.18.0.5"  # every connection comes from the proxy
NAMES = ["BEHIND_PROXY", "SECURE_PROXY_SSL_HEADER", "RATELIMIT_IP_META_KEY", "AXES_CLIENT_IP_CALLABLE"]
PRINT = "import json; from portal import settings as s; print(json.dumps({n: getattr(s, n, None) for n in %r}))"


@pytest.fixture(scope="session")
def proxy_values(tmp_path_factory):
    env = {**PRODUCTION_ENV, "PORTAL_VAR_DIR": str(tmp_path_factory.mktemp("var")), "DJANGO_BEHIND_PROXY": "true"}
    done = subprocess.run([sys.executable, "-c", PRINT % NAMES], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def behind_proxy(settings, proxy_values):
    for name, value in proxy_values.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return settings


def log_in(client, password, client_ip=None, username="jan"):
    headers = {"HTTP_X_REAL_IP": client_ip} if client_ip else {}
    return client.post("/medewerkers/login/", {"username": username, "password": password},
                       REMOTE_ADDR=PROXY, **headers)


def test_a_stranger_behind_the_proxy_cannot_lock_a_colleague_out(client, behind_proxy):
    UserFactory(username="jan")
    for _ in range(behind_proxy.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-guess", client_ip="203.0.113.66")

    attacker = log_in(client, PASSWORD, client_ip="203.0.113.66")
    colleague = log_in(client, PASSWORD, client_ip="198.51.100.7")

    assert attacker.status_code == 429
    assert colleague.status_code == 302


def test_the_lock_out_still_applies_to_requests_without_the_header(client, behind_proxy):
    UserFactory(username="jan")
    for _ in range(behind_proxy.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-guess")

    assert log_in(client, PASSWORD).status_code == 429


def post_company(client, **headers):
    return client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"],
                       REMOTE_ADDR=PROXY, **headers)


def test_rate_limits_key_on_the_address_the_proxy_sets(client, behind_proxy, geo):
    behind_proxy.RATELIMITS = [{**r, "rate": "2/h"} if r["group"] == "intake" else r for r in behind_proxy.RATELIMITS]
    for _ in range(2):
        assert post_company(client, HTTP_X_REAL_IP="203.0.113.66").status_code == 302

    assert post_company(client, HTTP_X_REAL_IP="203.0.113.66").status_code == 429
    assert post_company(client, HTTP_X_REAL_IP="198.51.100.7").status_code == 302


@pytest.mark.parametrize("header", [{}, {"HTTP_X_REAL_IP": ""}, {"HTTP_X_REAL_IP": "not-an-address"}])
def test_a_request_without_a_valid_header_is_still_limited(client, behind_proxy, geo, header):
    behind_proxy.RATELIMITS = [{**r, "rate": "2/h"} if r["group"] == "intake" else r for r in behind_proxy.RATELIMITS]
    for _ in range(2):
        assert post_company(client, **header).status_code == 302

    assert post_company(client, **header).status_code == 429


def test_without_the_proxy_a_client_cannot_choose_its_address(client, settings, geo):
    settings.RATELIMITS = [{**r, "rate": "2/h"} if r["group"] == "intake" else r for r in settings.RATELIMITS]
    assert not getattr(settings, "BEHIND_PROXY", False)
    for n in range(2):
        assert post_company(client, HTTP_X_REAL_IP=f"203.0.113.{n}").status_code == 302

    assert post_company(client, HTTP_X_REAL_IP="203.0.113.99").status_code == 429
