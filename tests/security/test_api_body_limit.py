"""An API body over the upload limit is answered in the API's JSON problem format, not an HTML page
(issue 15, item 9)."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_key(db):
    out = io.StringIO()
    call_command("create_partner_key", "Adviesbureau Test", stdout=out)
    return "Api-Key " + out.getvalue().strip().splitlines()[-1]


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_a_partner_api_body_over_the_limit_gets_a_json_413(client, settings, api_key, content_type):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"company_name": "x" * 5000}) if content_type == "application/json" else "a=" + "x" * 5000

    response = client.generic("POST", reverse("journeys:partner-intakes"), body, content_type=content_type,
                              HTTP_AUTHORIZATION=api_key)

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "te groot" in response.json()["detail"]


def test_a_body_within_the_limit_is_still_read(client, settings, api_key):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000

    response = client.post(reverse("journeys:partner-intakes"), {"company_name": "x"}, content_type="application/json",
                           HTTP_AUTHORIZATION=api_key)

    assert response.status_code == 400  # read and validated: the other fields are missing
    assert "errors" in response.json()
