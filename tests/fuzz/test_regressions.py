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
