"""Partner API: API-key auth, the same validation as the web intake, stage + matches + hub back."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from journeys.intake.partner_api.keys import partner_key_create
from journeys.models import Intake, PartnerApiKey, SupportRequest
from tests.factories.catalogue import SchemeFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("geo")]
URL = "/api/v1/partner/intakes/"
PAYLOAD = {
    "company_name": "Voorbeeld B.V.", "postcode": "3511 AB", "company_size": "small",
    "sectors": ["construction"], "self_assessment": "circular", "practice": "sells_circular",
    "help_wanted": ["specialist"], "themes": ["chain"], "business_areas": ["chain_cooperation"],
    "chain_partners": 4, "chain_smes": 3, "chain_director": "yes", "chain_roles": ["supplier", "producer", "user"],
    "contact_name": "A. de Vries", "email": "a.devries@example.nl", "preferred_contact": "email",
    "consent_share": True,
}


@pytest.fixture
def api(db):
    _key, raw = partner_key_create(name="Accountant De Vries")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def test_it_returns_stage_matches_and_hub(api):
    SchemeFactory(slug="ckp", name="Circulaire Ketenprojecten", chain_subsidy=True)
    response = api.post(URL, PAYLOAD, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["stage"]["code"] == "frontrunner"
    assert "U heeft 4 ketenpartners en een ketenregisseur." in [r["text"] for r in body["stage"]["reasons"]]
    assert body["hub"]["name"] == "Circulair Utrecht"
    ckp = body["matches"][0]
    assert ckp["slug"] == "ckp" and ckp["eligible"] is True
    assert "U heeft minstens 3 mkb'ers nodig in het consortium. U noemt er 3." in [
        c["text"] for c in ckp["criteria"]]
    assert body["support_request"] is None
    intake = Intake.objects.get()
    assert intake.source == "partner_api" and intake.partner.name == "Accountant De Vries"
    assert PartnerApiKey.objects.get().last_used_at is not None


def test_it_puts_the_request_in_the_hub_queue_on_request(api):
    response = api.post(URL, {**PAYLOAD, "request_contact": True}, format="json")
    assert response.status_code == 201
    assert response.json()["support_request"]["reference"] == SupportRequest.objects.get().reference


def test_it_explains_errors_per_field(api):
    bad = {**PAYLOAD, "postcode": "12345", "kvk_number": "12", "email": "geen", "sectors": ["ruimtevaart"],
           "chain_smes": -1, "favourite_colour": "groen"}
    del bad["company_name"]
    response = api.post(URL, bad, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["postcode"] == ["Vul een postcode in zoals 1234 AB"]
    assert errors["kvk_number"] == ["Een KvK-nummer heeft 8 cijfers, zoals 12345678"]
    assert errors["email"] == ["Vul een geldig e-mailadres in, zoals naam@bedrijf.nl"]
    assert errors["company_name"] == ["Vul de naam van uw bedrijf in"]
    assert errors["chain_smes"] == ["Vul 0 of meer in"]
    assert "sectors" in errors and errors["favourite_colour"] == ["Dit veld kennen wij niet."]
    assert not Intake.objects.exists()


def test_it_asks_which_municipality_for_a_split_postcode(api):
    response = api.post(URL, {**PAYLOAD, "postcode": "4100 AB"}, format="json")
    assert response.status_code == 400
    assert "twee gemeenten" in response.json()["errors"]["municipality_code"][0]
    response = api.post(URL, {**PAYLOAD, "postcode": "4100 AB", "municipality_code": "GM0214"}, format="json")
    assert response.status_code == 201


@pytest.mark.parametrize("payload", [[], "tekst", {"company_name": {"a": 1}}, {"sectors": [1, 2]}])
def test_it_refuses_malformed_payloads(api, payload):
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400


def test_it_refuses_contact_without_consent(api):
    response = api.post(URL, {**PAYLOAD, "consent_share": False, "request_contact": True}, format="json")
    assert response.status_code == 400
    assert not SupportRequest.objects.exists()


CONTACT = ("contact_name", "email", "phone", "preferred_contact", "consent_share", "followup_opt_in")


def test_it_needs_no_contact_details_without_a_contact_request(api):
    response = api.post(URL, {k: v for k, v in PAYLOAD.items() if k not in CONTACT}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["support_request"] is None and response.json()["hub"]["name"] == "Circulair Utrecht"
    intake = Intake.objects.get()
    assert not (intake.contact_name or intake.email or intake.consent_share)


def test_it_requires_the_contact_details_with_a_contact_request(api):
    bare = {k: v for k, v in PAYLOAD.items() if k not in CONTACT}
    response = api.post(URL, {**bare, "request_contact": True}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["contact_name"] == ["Vul uw naam in"]
    assert errors["email"] == ["Vul uw e-mailadres in, zoals naam@bedrijf.nl"]
    assert set(errors) == {"contact_name", "email", "preferred_contact", "consent_share"}
    assert not Intake.objects.exists()


def test_it_still_checks_contact_details_given_without_a_contact_request(api):
    response = api.post(URL, {**PAYLOAD, "email": "geen", "phone": "bel me"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"email", "phone"}


def test_its_schema_says_contact_details_are_required_only_with_request_contact(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    request = schema["components"]["schemas"]["PartnerIntakeRequest"]
    assert not set(CONTACT) & set(request.get("required", []))
    assert {"company_name", "postcode", "sectors"} <= set(request["required"])
    assert "required with request_contact: true" in request["properties"]["email"]["description"]


@pytest.mark.parametrize("header", [None, "Api-Key nope.nope", "Bearer abc", "Api-Key "])
def test_it_refuses_requests_without_a_valid_key(db, header):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.post(URL, PAYLOAD, format="json")
    assert response.status_code in (401, 403)


def test_it_refuses_an_inactive_key(db):
    key, raw = partner_key_create(name="Oud")
    key.is_active = False
    key.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert client.post(URL, PAYLOAD, format="json").status_code == 401


def test_it_stores_only_a_hash_and_prints_the_key_once(db, capsys):
    call_command("create_partner_key", "Adviesbureau Groen", organisation="Groen B.V.")
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    key = PartnerApiKey.objects.get()
    assert raw.startswith(key.prefix + ".") and raw not in key.key_hash and len(raw) > 40
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert client.post(URL, {}, format="json").status_code == 400  # authenticated, then validated


def test_it_is_in_the_openapi_schema(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"][URL]["post"]
    assert operation["operationId"] == "partner_intake_create"
    assert "company_name" in str(schema["components"]["schemas"]["PartnerIntakeRequest"])
