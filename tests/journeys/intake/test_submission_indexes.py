"""Issue 17: the indexes journeys migration 0024 dropped were redundant; every lookup by those columns keeps one."""

import pytest
from django.db import connection
from django.utils import timezone

from journeys.models import FollowUp, Intake, IntakeTag, SupportRequest

pytestmark = [pytest.mark.django_db]

DROPPED = {
    "journeys_intake_submitted_at_a06144d9", "journeys_intaketag_intake_id_3197c9cb",
    "journeys_supportrequest_hub_id_29725fd1", "journeys_supportrequest_reference_11bdc562_like",
    "journeys_supportrequest_status_token_6d6e38b7_like", "journeys_followup_idempotency_key_80b2c090_like",
    "journeys_intake_stage_02164e5e_like",
}


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes")


def test_the_redundant_indexes_are_gone():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [list(DROPPED)])
        assert cursor.fetchall() == []


@pytest.mark.parametrize("queryset", [
    lambda: Intake.objects.filter(submitted_at__gte=timezone.now()).order_by("submitted_at"),
    lambda: Intake.objects.filter(submitted_at__isnull=True),
    lambda: Intake.objects.filter(stage="frontrunner"),
    lambda: IntakeTag.objects.filter(intake_id=1),
    lambda: SupportRequest.objects.filter(hub_id=1),
    lambda: SupportRequest.objects.filter(reference="CL-ABCDEFGH"),
    lambda: SupportRequest.objects.filter(status_token="x"),
    lambda: FollowUp.objects.filter(idempotency_key="confirmation:1"),
], ids=["submitted_range", "drafts", "stage", "tags_of_intake", "requests_of_hub", "reference", "status_token",
        "outbox_key"])
def test_each_lookup_by_those_columns_still_reads_an_index(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test tables: ask whether an index *can* serve it
        sql, params = queryset().query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index" in plan and "Seq Scan" not in plan, plan
