"""A mail server that refuses connections: the request is stored, the entrepreneur sees the confirmation."""

import pytest
from django.urls import reverse

from journeys.followups.dispatch import dispatch_due
from journeys.models import FollowUp, FollowUpKind, FollowUpState, Intake, SupportRequest
from tests.faults import servers
from tests.journeys.intake.helpers import CONTACT_POST, complete_intake

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def refusing_smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = servers.free_port()  # nothing listens: connection refused
    settings.EMAIL_TIMEOUT = 2


def test_it_stores_the_request_when_the_mail_server_refuses(client, geo, refusing_smtp):
    complete_intake(client)
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()

    response = client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]), CONTACT_POST)

    assert SupportRequest.objects.filter(intake=intake).count() == 1
    assert response.status_code == 302

    dispatch_due()  # the mail server still refuses: the e-mail waits for a retry, it is not lost

    confirmation = FollowUp.objects.get(support_request__intake=intake, kind=FollowUpKind.REQUEST_CONFIRMATION)
    assert confirmation.state == FollowUpState.SCHEDULED
    assert confirmation.attempts == 1 and confirmation.last_error
    assert "houtwerk" not in confirmation.last_error.lower()


def test_it_keeps_a_resume_link_request_answerable_when_mail_is_refused(client, geo, refusing_smtp):
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), {
        "company_name": "Houtwerk B.V.", "kvk_number": "", "postcode": "3511 AB", "company_size": "small"})

    response = client.post(reverse("journeys:intake-save"), {"email": "anna@houtwerk.example"})

    assert response.status_code == 200
    assert FollowUp.objects.filter(recipient="anna@houtwerk.example").exists()  # stored, sent when mail is back
