"""Partner API, issue 15.1: every field must have its declared JSON type; "no" is never consent."""

import json

import pytest
from rest_framework.test import APIClient

from journeys.intake.partner_api.keys import partner_key_create
from journeys.models import Intake, SupportRequest
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.journeys.intake.test_partner_api import PAYLOAD, URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("geo")]


@pytest.fixture
def api(db):
    _key, raw = partner_key_create(name="Accountant De Vries")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


@pytest.mark.parametrize("field", ["consent_share", "followup_opt_in"])
@pytest.mark.parametrize("value", ["no", "nee", "off", "0", "false", "yes", "true", ["no"], 1, 0, {}])
def test_a_consent_that_is_not_a_json_boolean_is_refused(api, field, value):
    response = api.post(URL, {**PAYLOAD, "request_contact": True, field: value}, format="json")

    assert response.status_code == 400, response.json()
    assert response.json()["errors"][field] == ["Gebruik true of false."]
    assert not Intake.objects.exists() and not SupportRequest.objects.exists()


def test_consent_false_is_no_consent_and_true_is_consent(api):
    refused = api.post(URL, {**PAYLOAD, "request_contact": True, "consent_share": False}, format="json")
    given = api.post(URL, {**PAYLOAD, "request_contact": True, "followup_opt_in": False}, format="json")

    assert refused.status_code == 400 and "consent_share" in refused.json()["errors"]
    assert given.status_code == 201
    intake = Intake.objects.get()
    assert intake.consent_share is True and intake.followup_opt_in is False
    assert SupportRequest.objects.get().intake == intake


@pytest.mark.parametrize(("field", "value", "message"), [
    ("sectors", "construction", "Gebruik een lijst met codes (een JSON-array van strings)."),
    ("themes", {"chain": True}, "Gebruik een lijst met codes (een JSON-array van strings)."),
    ("chain_partners", "4", "Gebruik een heel getal (een JSON-getal)."),
    ("chain_partners", 4.5, "Gebruik een heel getal (een JSON-getal)."),
    ("chain_partners", True, "Gebruik een heel getal (een JSON-getal)."),
    ("company_name", 12345678, "Gebruik tekst (een JSON-string)."),
    ("company_size", ["small"], "Gebruik tekst (een JSON-string)."),
    ("postcode", 3511, "Gebruik tekst (een JSON-string)."),
    ("municipality_code", 344, "Gebruik tekst (een JSON-string)."),
])
def test_every_field_must_have_its_declared_json_type(api, field, value, message):
    response = api.post(URL, {**PAYLOAD, field: value}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]
    assert not Intake.objects.exists()


def test_the_declared_types_are_the_ones_accepted(api):
    response = api.post(URL, {**PAYLOAD, "chain_partners": 4, "sectors": ["construction"], "kvk_number": None},
                        format="json")

    assert response.status_code == 201, response.json()
    assert Intake.objects.get().answers["chain_partners"] == 4


# Issue 15.12: Idempotency-Key

def test_the_same_key_and_body_get_the_first_answer_again_and_create_nothing(api):
    body = {**PAYLOAD, "request_contact": True}
    first = api.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="retry-7f3a")
    again = api.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="retry-7f3a")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Intake.objects.count() == 1 and SupportRequest.objects.count() == 1


def test_the_same_key_with_another_body_is_refused_with_422(api):
    assert api.post(URL, PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-1").status_code == 201

    other = api.post(URL, {**PAYLOAD, "company_name": "Ander B.V."}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["errors"]
    assert Intake.objects.count() == 1


def test_without_a_key_or_with_another_key_every_post_is_a_new_intake(api):
    api.post(URL, PAYLOAD, format="json")
    api.post(URL, PAYLOAD, format="json")
    api.post(URL, PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="a")
    api.post(URL, PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="b")

    assert Intake.objects.count() == 4


def test_keys_are_per_api_key(api):
    _key, raw = partner_key_create(name="Ander kantoor")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")

    assert api.post(URL, PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="same").status_code == 201
    assert other.post(URL, {**PAYLOAD, "company_name": "X"}, format="json",
                      HTTP_IDEMPOTENCY_KEY="same").status_code == 201
    assert Intake.objects.count() == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "met spatie", "é"])
def test_a_malformed_key_is_a_400(api, key):
    response = api.post(URL, PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY=key)

    assert response.status_code == 400
    assert not Intake.objects.exists()


def test_a_refused_submission_stores_no_key(api):
    refused = api.post(URL, {**PAYLOAD, "postcode": "nope"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    fixed = api.post(URL, PAYLOAD, format="json", HTTP_IDEMPOTENCY_KEY="k-2")

    assert refused.status_code == 400 and fixed.status_code == 201


def test_the_key_is_in_the_openapi_schema(db):
    from drf_spectacular.generators import SchemaGenerator

    operation = SchemaGenerator().get_schema(request=None, public=True)["paths"][URL]["post"]
    [parameter] = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
    assert parameter["in"] == "header" and parameter.get("required", False) is False
    assert "422" in operation["responses"]


def test_a_lone_surrogate_is_a_400_not_a_500(api):
    body = json.dumps({**PAYLOAD, "company_name": "Bad \ud800 B.V."})  # the escape travels as ASCII
    response = api.post(URL, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="surrogate")

    assert response.status_code == 400  # was a 500: PostgreSQL cannot store it
    assert response.json()["errors"]["company_name"] == ["Gebruik tekst (een JSON-string)."]
