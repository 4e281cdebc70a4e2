"""Inputs the fuzzers found that used to end in a 500, kept as plain examples."""

import json

import pytest
from django.urls import reverse

from tests.factories.catalogue import UserFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_an_overlong_staff_user_name_with_a_message_instead_of_a_database_error(client):
    # Found by test_staff_fuzz: axes stored the 100,000-character name in a 255-character column.
    UserFactory(username="anna")
    response = client.post(reverse("login"), {"username": "A" * 100_000, "password": "x"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert 'href="#id_username"' in response.content.decode()


def test_it_refuses_an_api_key_with_a_nul_byte_as_unknown(client):
    # Found by test_api_fuzz: the NUL reached a PostgreSQL text lookup of the key prefix.
    response = client.post(reverse("journeys:partner-intakes"), "{}", content_type="application/json",
                           HTTP_AUTHORIZATION="Api-Key \x00")
    assert response.status_code in (401, 403)
    assert "API-sleutel" in json.loads(response.content)["detail"]


def test_it_answers_deeply_nested_partner_json_with_a_json_error(client):
    # Found by test_api_fuzz: json.loads raised RecursionError on "[" * 5000, which DRF let through.
    from journeys.intake.partner_api.keys import partner_key_create

    _key, raw = partner_key_create(name="Adviesbureau Test")
    response = client.post(reverse("journeys:partner-intakes"), "[" * 5000, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert response.status_code == 400
    assert "genest" in json.loads(response.content)["detail"]


def test_it_answers_a_status_link_with_a_nul_byte_with_not_found(client):
    # Found by test_public_fuzz: the NUL reached a PostgreSQL text lookup of the status token.
    assert client.get("/status/a%00b/").status_code == 404


def test_it_answers_a_form_post_over_the_upload_limit_with_the_dutch_400_page(client, settings):
    # Found by test_intake_fuzz: a post over DATA_UPLOAD_MAX_MEMORY_SIZE got Django's bare English 400 page.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("login"), {"username": "A" * 2000, "password": "x"})
    assert response.status_code == 400
    assert "Dit verzoek kunnen wij niet verwerken" in response.content.decode()
