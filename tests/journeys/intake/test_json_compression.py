"""Issue 17: a submission's large JSON values are stored lz4-compressed (journeys migration 0023), read back equal."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from journeys.intake.partner_api.keys import partner_key_create
from journeys.models import Intake, RequestEvent
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.journeys.intake.test_partner_api import PAYLOAD, URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("geo")]


@pytest.fixture(autouse=True)
def _postgresql_with_lz4():
    if connection.vendor != "postgresql":
        pytest.skip("column compression is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL was built without lz4")


def test_the_json_columns_of_a_submission_compress_with_lz4():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relname IN ('journeys_intake', 'journeys_requestevent', 'journeys_followup') "
            "AND a.atttypid = 'jsonb'::regtype AND a.attnum > 0 AND NOT a.attisdropped")
        columns = {(table, column): method for table, column, method in cursor.fetchall()}
    assert columns == {
        ("journeys_intake", "answers"): "l", ("journeys_intake", "stage_reasons"): "l",
        ("journeys_intake", "matches"): "l", ("journeys_intake", "routing"): "l",
        ("journeys_requestevent", "data"): "l", ("journeys_followup", "payload"): "l",
    }


def test_a_large_value_is_stored_lz4_and_read_back_unchanged():
    _key, raw = partner_key_create(name="Compressie")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    response = api.post(URL, {**PAYLOAD, "request_contact": True}, format="json")
    assert response.status_code == 201
    intake = Intake.objects.get(public_id=response.json()["id"])
    created = RequestEvent.objects.filter(request__intake=intake, kind=RequestEvent.Kind.CREATED).get()
    # a value big enough to be compressed: lz4, and the same JSON when read (the column, and its text)
    long_text = "x" * 5000
    Intake.objects.filter(pk=intake.pk).update(answers={**intake.answers, "note": long_text})
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_compression(answers), answers->>'note' FROM journeys_intake WHERE id = %s",
                       [intake.pk])
        method, note = cursor.fetchone()
    assert method == "lz4" and note == long_text
    assert Intake.objects.get(pk=intake.pk).answers == {**intake.answers, "note": long_text}
    assert created.data["answers"]["email"] == PAYLOAD["email"]
