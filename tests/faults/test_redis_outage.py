"""Redis (broker and rate-limit cache) stopped: entrepreneurs still submit, nothing is lost, it recovers."""

import pytest
from django.urls import reverse

from journeys.models import Intake, SupportRequest
from tests.faults import servers
from tests.journeys.intake.helpers import CONTACT_POST, complete_intake

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_down():
    servers.require_servers()
    servers.redis_stop()
    try:
        yield
    finally:
        servers.redis_start()


def test_it_takes_an_intake_and_a_request_while_redis_is_down(client, geo, redis_down, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    complete_intake(client)
    submitted = client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()
    contact = client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]), CONTACT_POST)

    assert submitted.status_code == 302
    assert contact.status_code == 302
    assert SupportRequest.objects.filter(intake=intake).count() == 1


def test_it_recovers_when_redis_is_back(client, geo):
    servers.require_servers()
    servers.redis_stop()
    servers.redis_start()
    complete_intake(client)

    assert client.post(reverse("journeys:intake-check")).status_code == 302
    assert client.get("/healthz").json()["checks"]["broker"]["ok"] is True
