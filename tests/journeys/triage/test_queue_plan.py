"""The queue's default sort ("reply due first") is read from an index, not sorted row by row (issue 16).

With the sort by waiting group and deadline, PostgreSQL sorted all of a hub's requests for every page: bench 3
showed a p50 of 590 ms at 19,890 requests in one hub. The expression index ``queue_by_hub_waiting_due`` gives
the order directly; this checks the plan of the page's own query, first page and a later one.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _page_query(client, **params) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("journeys:queue"), params)
    assert response.status_code == 200
    return next(q["sql"] for q in queries.captured_queries if "waiting_group" in q["sql"] and "LIMIT" in q["sql"])


def _plan(sql: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        # A test table is tiny, where a sequential scan always wins: ask whether an index *can* give the order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="plans are PostgreSQL's")
def test_the_default_sort_is_read_from_the_index_on_every_page(client, cast):
    for n in range(30):
        SupportRequestFactory(hub=cast.hub_a, intake__company_name=f"Bedrijf {n}")
    client.force_login(cast.staff_a)

    first = _plan(_page_query(client, per=10))
    assert "queue_by_hub_waiting_due" in first, first
    assert "Sort" not in first.replace("Sort Key", ""), first

    next_url = client.get(reverse("journeys:queue"), {"per": 10}).context["next_url"]
    later = _plan(_page_query(client, **dict(p.split("=") for p in next_url.split("?")[1].split("&"))))
    assert "queue_by_hub_waiting_due" in later, later
