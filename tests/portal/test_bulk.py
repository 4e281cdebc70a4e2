"""portal.bulk: rows with JSON inserted as one VALUES statement, stored exactly as bulk_create stores them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journeys.models import RequestEvent
from portal.bulk import bulk_insert_values
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db

# Quotes, backslashes, unicode, nesting, lists, null: what the UNNEST path had to escape one by one.
AWKWARD = {"answers": {"company_name": 'De "Vezel" \\ B.V.', "themes": ["chain", "financing"], "none": None},
           "matches": [{"score": 7, "criteria": [{"code": "region", "params": {"areas": ["Enschede \u00e9 {}"]}}]}],
           "empty": {}, "ok": True}


def _events(request, datas):
    return [RequestEvent(request=request, hub=request.hub, kind=RequestEvent.Kind.NOTE, text=f"regel {i}", data=d)
            for i, d in enumerate(datas)]


def test_rows_are_stored_in_order_with_their_json_and_get_their_ids():
    request = SupportRequestFactory()
    events = _events(request, [AWKWARD, {"followup_id": 3}, [1, "twee", None]])

    with CaptureQueriesContext(connection) as queries:
        stored = bulk_insert_values(RequestEvent, events)

    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    if connection.vendor == "postgresql":
        assert "UNNEST" not in inserts[0] and " VALUES " in inserts[0]
    assert stored == events and all(event.pk for event in events)
    assert [e.data for e in events] == [AWKWARD, {"followup_id": 3}, [1, "twee", None]]  # plain values back
    rows = list(RequestEvent.objects.filter(request=request).order_by("id").values_list("text", "data"))
    assert rows == [("regel 0", AWKWARD), ("regel 1", {"followup_id": 3}), ("regel 2", [1, "twee", None])]


def test_the_same_rows_as_bulk_create():
    request = SupportRequestFactory()
    bulk_insert_values(RequestEvent, _events(request, [AWKWARD, {"a": 1}]))
    RequestEvent.objects.bulk_create(_events(request, [AWKWARD, {"a": 1}]))

    rows = list(RequestEvent.objects.filter(request=request).order_by("id").values("text", "data", "kind", "hub"))
    assert rows[:2] == rows[2:]


def test_one_row_or_a_model_without_json_is_a_plain_bulk_create():
    request = SupportRequestFactory()
    [event] = bulk_insert_values(RequestEvent, _events(request, [AWKWARD]))
    assert RequestEvent.objects.get(pk=event.pk).data == AWKWARD
