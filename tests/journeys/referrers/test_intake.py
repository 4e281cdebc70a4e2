"""An advisor runs the normal intake for a client: the draft remembers the advisor, the contact request asks for
the client's agreement, the request is the advisor's, and the client (not the advisor) gets the confirmation."""

import pytest
from django.urls import reverse

from journeys.models import FollowUp, FollowUpKind, Intake, ReferredIntake, Referrer, SupportRequest
from tests.factories.catalogue import UserFactory
from tests.journeys.intake.helpers import CONTACT_POST, complete_intake, geo_fixture, request_contact  # noqa: F401

pytestmark = pytest.mark.django_db

CLIENT = {**CONTACT_POST, "contact_name": "Klaas Klant", "email": "klaas@houtwerk.example"}


@pytest.fixture
def advisor(client, geo):
    user = UserFactory(username="eva@accountants.example", email="eva@accountants.example")
    referrer = Referrer.objects.create(user=user, organisation_name="Accountants Eva", kind="accountant")
    client.force_login(user)
    return referrer


def _route_for_client(client):
    response = client.post(reverse("journeys:referrer-intake-start"))
    assert response.status_code == 302
    complete_intake(client)
    response = client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()
    assert response["Location"] == reverse("journeys:intake-result", args=[intake.public_id])
    assert "Circulair Utrecht" in client.get(response["Location"]).content.decode()  # the route, with the client
    return intake


def test_the_contact_request_needs_the_clients_agreement(client, advisor):
    intake = _route_for_client(client)
    page = client.get(reverse("journeys:intake-request-contact", args=[intake.public_id])).content.decode()
    assert "Mijn klant weet hiervan en heeft ingestemd" in page
    # The form speaks to the advisor about the client, not to the entrepreneur.
    assert "Naam van uw klant" in page and "E-mailadres van uw klant" in page and "Uw naam" not in page
    response = request_contact(client, intake, **CLIENT)
    assert response.status_code == 200
    assert "Vink aan dat uw klant hiervan weet en heeft ingestemd" in response.content.decode()
    assert not SupportRequest.objects.exists()
    no_name = request_contact(client, intake, **{**CLIENT, "contact_name": ""}).content.decode()
    assert "Vul de naam van uw klant in" in no_name and 'href="#id_contact_name"' in no_name


def test_the_request_is_the_advisors_and_the_client_gets_the_confirmation(client, advisor):
    intake = _route_for_client(client)
    response = request_contact(client, intake, **CLIENT, **{"client-agreed": "on"})
    assert response.status_code == 302, response.content.decode()[:1500]
    support_request = SupportRequest.objects.get()
    link = ReferredIntake.objects.get(intake=intake)
    assert link.referrer == advisor and link.client_consent_at is not None
    [confirmation] = FollowUp.objects.filter(kind=FollowUpKind.REQUEST_CONFIRMATION)
    assert confirmation.recipient == "klaas@houtwerk.example"
    assert not FollowUp.objects.filter(recipient="eva@accountants.example").exists()
    page = client.get(reverse("journeys:referrer-clients")).content.decode()
    assert support_request.reference in page and "Houtwerk B.V." in page


def test_an_entrepreneurs_own_contact_request_has_no_advisor_checkbox(client, geo):
    complete_intake(client)
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()
    page = client.get(reverse("journeys:intake-request-contact", args=[intake.public_id])).content.decode()
    assert "Mijn klant weet hiervan" not in page
    assert "Uw naam" in page and "van uw klant" not in page
    assert request_contact(client, intake).status_code == 302
    assert not ReferredIntake.objects.exists()


def test_only_advisors_start_an_intake_for_a_client(client, geo):
    client.force_login(UserFactory(username="nobody"))
    assert client.post(reverse("journeys:referrer-intake-start")).status_code == 404
    assert not Intake.objects.exists()
