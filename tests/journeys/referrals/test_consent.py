"""The separate, optional referral consent: on the contact form and in the partner API."""

import pytest
from rest_framework.test import APIClient

from journeys.intake.partner_api.keys import partner_key_create
from journeys.models import Intake, SupportRequest
from journeys.referrals.selectors import referral_consent_given
from tests.journeys.intake.helpers import complete_intake, geo_fixture, request_contact  # noqa: F401

pytestmark = pytest.mark.django_db
CONSENT_LABEL = "Mijn vraag mag worden doorgestuurd naar een partner die kan helpen"


@pytest.fixture
def submitted(client, geo):
    from django.urls import reverse

    complete_intake(client)
    client.post(reverse("journeys:intake-check"))
    return Intake.objects.get()


def test_it_asks_for_referral_consent_as_a_separate_optional_checkbox(client, submitted):
    from django.urls import reverse

    page = client.get(reverse("journeys:intake-request-contact", args=[submitted.public_id])).content.decode()

    assert CONSENT_LABEL in page
    assert 'name="referral_consent"' in page and "required" not in page.split('name="referral_consent"')[1][:80]


def test_the_request_is_sent_without_referral_consent_and_stores_no_consent(client, submitted):
    response = request_contact(client, submitted)

    assert response.status_code == 302
    intake = SupportRequest.objects.get().intake
    assert intake.answers["referral_consent"] is False
    assert referral_consent_given(intake=intake) is False


def test_a_ticked_box_is_stored_with_the_request(client, submitted):
    request_contact(client, submitted, referral_consent="on")

    intake = SupportRequest.objects.get().intake
    assert referral_consent_given(intake=intake) is True


PAYLOAD = {
    "company_name": "Voorbeeld B.V.", "postcode": "3511 AB", "company_size": "small",
    "sectors": ["construction"], "self_assessment": "circular", "practice": "sells_circular",
    "help_wanted": ["specialist"], "themes": ["chain"], "business_areas": ["chain_cooperation"],
    "chain_partners": 4, "chain_smes": 3, "chain_director": "yes", "chain_roles": ["supplier", "producer", "user"],
    "contact_name": "A. de Vries", "email": "a.devries@example.nl", "preferred_contact": "email",
    "consent_share": True, "request_contact": True,
}


@pytest.fixture
def api(db):
    _key, raw = partner_key_create(name="Accountant De Vries")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


@pytest.mark.usefixtures("geo")
def test_the_partner_api_takes_referral_consent_as_an_optional_json_boolean(api):
    without = api.post("/api/v1/partner/intakes/", PAYLOAD, format="json")
    assert without.status_code == 201, without.json()
    given = api.post("/api/v1/partner/intakes/", {**PAYLOAD, "email": "b@example.nl", "referral_consent": True},
                     format="json")
    assert given.status_code == 201, given.json()

    intakes = {i.email: i for i in Intake.objects.all()}
    assert referral_consent_given(intake=intakes["a.devries@example.nl"]) is False
    assert referral_consent_given(intake=intakes["b@example.nl"]) is True


@pytest.mark.usefixtures("geo")
def test_the_partner_api_refuses_a_referral_consent_that_is_not_a_boolean(api):
    response = api.post("/api/v1/partner/intakes/", {**PAYLOAD, "referral_consent": "yes"}, format="json")

    assert response.status_code == 400
    assert "referral_consent" in response.content.decode()
    assert not Intake.objects.exists()
