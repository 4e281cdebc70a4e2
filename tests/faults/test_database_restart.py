"""PostgreSQL going away mid-journey: a clean 503 page with Retry-After, nothing half stored, then it works."""

import pytest
from django.urls import reverse

from journeys.models import Intake, SupportRequest
from tests.faults import servers
from tests.journeys.intake.helpers import CONTACT_POST, complete_intake

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgres_down():
    servers.require_servers()
    servers.postgres_stop()
    try:
        yield
    finally:
        servers.postgres_start()


def test_it_shows_a_clean_503_and_stores_nothing_half(client, geo, request):
    servers.require_servers()
    complete_intake(client)
    intake_id = Intake.objects.get().pk

    servers.postgres_stop()
    try:
        response = client.post(reverse("journeys:intake-check"))
    finally:
        servers.postgres_start()

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "De website is even niet beschikbaar" in body
    assert "Traceback" not in body
    intake = Intake.objects.get(pk=intake_id)
    assert intake.submitted_at is None and intake.stage == ""  # not half submitted
    assert not intake.tags.exists()

    again = client.post(reverse("journeys:intake-check"))

    assert again.status_code == 302
    assert Intake.objects.get(pk=intake_id).submitted_at is not None


def test_it_stores_exactly_one_request_when_contact_is_asked_during_a_restart(client, geo):
    servers.require_servers()
    complete_intake(client)
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()
    url = reverse("journeys:intake-request-contact", args=[intake.public_id])

    servers.postgres_stop()
    try:
        during = client.post(url, CONTACT_POST)
    finally:
        servers.postgres_start()
    after = client.post(url, CONTACT_POST)

    assert during.status_code == 503
    assert after.status_code == 302
    assert SupportRequest.objects.filter(intake=intake).count() == 1


def test_it_answers_json_for_the_api_when_the_database_is_down(client, postgres_down):
    response = client.post(reverse("journeys:partner-intakes"), {}, content_type="application/json",
                           HTTP_AUTHORIZATION="Api-Key abcd.efgh")

    assert response.status_code == 503
    assert "niet beschikbaar" in response.json()["detail"]
