"""Logs name requests by id only: intake, contact request, e-mail, API, retention and erasure log no personal data."""

import logging

import pytest
from django.urls import reverse

from journeys.followups.dispatch import dispatch_due
from journeys.models import Intake, SupportRequest
from journeys.privacy.retention import anonymise_expired
from journeys.privacy.services import privacy_erase
from tests.factories.catalogue import UserFactory
from tests.journeys.intake.helpers import STEP_POSTS, complete_intake

pytestmark = pytest.mark.django_db
PERSONAL = [
    STEP_POSTS["contact"]["email"], STEP_POSTS["contact"]["contact_name"], STEP_POSTS["bedrijf"]["company_name"],
    STEP_POSTS["bedrijf"]["kvk_number"],
]


def test_it_logs_no_personal_data_from_intake_to_first_email(client, geo, caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        complete_intake(client)
        client.post(reverse("journeys:intake-check"))
        intake = Intake.objects.get()
        client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]), STEP_POSTS["contact"])
        client.post(reverse("journeys:intake-save"), {"email": STEP_POSTS["contact"]["email"]})
        dispatch_due()
        client.post(reverse("journeys:partner-intakes"), {"email": STEP_POSTS["contact"]["email"]},
                    content_type="application/json", HTTP_AUTHORIZATION="Api-Key nope.nope")
        anonymise_expired()
        privacy_erase(email=STEP_POSTS["contact"]["email"], actor=UserFactory(username="rvo"))

    assert SupportRequest.objects.count() == 1
    assert caplog.records, "the flow should log something, or this test proves nothing"
    for value in PERSONAL:
        assert value.lower() not in caplog.text.lower(), value
