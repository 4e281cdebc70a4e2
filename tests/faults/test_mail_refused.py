"""A mail server that refuses connections: the request is stored, the entrepreneur sees the confirmation."""

import pytest
from django.urls import reverse

from journeys.models import Intake, SupportRequest
from tests.faults import servers
from tests.journeys.intake_helpers import complete_intake

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def refusing_smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = servers.free_port()  # nothing listens: connection refused
    settings.EMAIL_TIMEOUT = 2


@pytest.mark.xfail(strict=True, reason="intake area sends this mail in an on_commit callback, not via the follow-up "
                   "outbox (journeys.followups.services.schedule_request_confirmation): a refused SMTP gives a 500")
def test_it_stores_the_request_when_the_mail_server_refuses(client, geo, refusing_smtp):
    complete_intake(client)
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()

    response = client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]))

    assert SupportRequest.objects.filter(intake=intake).count() == 1
    assert response.status_code == 302


@pytest.mark.xfail(strict=True, reason="intake area sends this mail in an on_commit callback, not via the follow-up "
                   "outbox (journeys.followups.services.schedule_intake_reminder): a refused SMTP gives a 500")
def test_it_keeps_a_resume_link_request_answerable_when_mail_is_refused(client, geo, refusing_smtp):
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), {
        "company_name": "Houtwerk B.V.", "kvk_number": "", "postcode": "3511 AB", "company_size": "small"})

    response = client.post(reverse("journeys:intake-save"), {"email": "anna@houtwerk.example"})

    assert response.status_code < 500
