"""Issue 17: the submission's SQL statements, counted (not timed) so a cut that comes back is seen.

The partner API with a contact request: key, PC4, catalogue + hub versions, then one transaction of inserts
(intake, tags, request, the confirmation row, the request's two events in one). Was 27, then 10; now the inserts
are one statement. The website's contact request:
one locking read (intake, hub, any earlier request) and the same inserts. Was 15.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from journeys.intake.partner_api.keys import partner_key_create
from journeys.models import FollowUp, Intake, IntakeTag, RequestEvent, SupportRequest
from tests.journeys.intake.helpers import CONTACT_POST, complete_intake, geo_fixture  # noqa: F401
from tests.journeys.intake.test_partner_api import PAYLOAD, URL

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("geo")]


def _statements(queries) -> list[str]:
    return [q["sql"].split()[0].upper() for q in queries.captured_queries]


def test_a_partner_submission_with_a_contact_request_is_four_statements():
    _key, raw = partner_key_create(name="Telling")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    api.post(URL, PAYLOAD, format="json")  # warm: the key's "last used" is written at most once a minute

    with CaptureQueriesContext(connection) as queries:
        response = api.post(URL, {**PAYLOAD, "email": "tweede@example.nl", "request_contact": True}, format="json")

    assert response.status_code == 201
    # the rows in one statement (journeys/intake/submission_sql.py; it is its own transaction)
    assert _statements(queries) == ["SELECT", "SELECT", "SELECT", "WITH"], [
        q["sql"][:80] for q in queries.captured_queries]
    # the events (the "created" one holds ~15 KB of JSON) as VALUES: UNNEST's arrays cost 4 ms of escaping
    events_insert = next(q["sql"] for q in queries.captured_queries if "journeys_requestevent" in q["sql"])
    assert "UNNEST" not in events_insert.upper()
    # and everything is there: intake, tags, request, its two events, the confirmation in the outbox
    intake = Intake.objects.get(email="tweede@example.nl")
    assert IntakeTag.objects.filter(intake=intake).exists()
    request = SupportRequest.objects.get(intake=intake)
    assert response.json()["support_request"]["reference"] == request.reference
    assert RequestEvent.objects.filter(request=request).count() == 2
    assert FollowUp.objects.filter(support_request=request, idempotency_key=f"confirmation:{request.pk}").exists()


def test_the_website_contact_request_reads_once_and_inserts(client):
    complete_intake(client)
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()

    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]), CONTACT_POST)

    assert response.status_code == 302
    statements = _statements(queries)
    assert "SAVEPOINT" not in statements
    sql = [q["sql"] for q in queries.captured_queries]
    short = [q[:60] for q in sql]
    # one locking read gives the intake, its hub and any earlier request (was: three reads and a savepoint)
    assert sum("FOR UPDATE" in q for q in sql) == 1, short
    locking = next(q for q in sql if "FOR UPDATE" in q)
    assert "schemes_hub" in locking and "journeys_supportrequest" in locking
    # request, the confirmation row, the two events in one; an UPDATE stores the contact answers
    # (+ the session row the page's message is kept in,
    # written in a transaction of its own)
    assert sum(q.startswith("INSERT") and "django_session" not in q for q in sql) == 3, short
    assert len(statements) <= 14, short  # 13 before the contact answers moved here (their UPDATE)
    assert SupportRequest.objects.filter(intake=intake).count() == 1


def test_a_double_click_on_the_contact_button_still_makes_one_request(client):
    complete_intake(client)
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()

    first = client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]), CONTACT_POST)
    second = client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]), CONTACT_POST)

    assert first.status_code == 302 and second.status_code in (302, 404)
    assert SupportRequest.objects.filter(intake=intake).count() == 1
    assert FollowUp.objects.filter(intake=intake).count() == 1
