"""Migration 0011 re-derives the first response honestly: only contact counts, a status change no longer does."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories.journeys import SupportRequestFactory

BEFORE = [("journeys", "0010_queue_search_trigram_indexes")]
AFTER = [("journeys", "0011_first_response_is_contact")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_counts_contact_only_and_can_be_reversed(cast):
    created = timezone.now() - timedelta(days=5)
    status_only = SupportRequestFactory(hub=cast.hub_a)
    with_message = SupportRequestFactory(hub=cast.hub_a)
    untouched = SupportRequestFactory(hub=cast.hub_a)
    ids = (status_only.pk, with_message.pk, untouched.pk)
    try:
        apps = _migrate(BEFORE)
        SupportRequest = apps.get_model("journeys", "SupportRequest")
        RequestEvent = apps.get_model("journeys", "RequestEvent")
        changed_at = created + timedelta(hours=1)
        message_at = created + timedelta(days=2)
        for pk in ids[:2]:
            event = RequestEvent.objects.create(request_id=pk, kind="status_changed", data={})
            RequestEvent.objects.filter(pk=event.pk).update(created_at=changed_at)
        event = RequestEvent.objects.create(request_id=with_message.pk, kind="public_update", text="Hoi",
                                            is_public=True)
        RequestEvent.objects.filter(pk=event.pk).update(created_at=message_at)
        # What the old rule had stored: the status change was the "response".
        SupportRequest.objects.filter(pk__in=ids[:2]).update(first_response_at=changed_at)

        apps = _migrate(AFTER)
        SupportRequest = apps.get_model("journeys", "SupportRequest")
        stored = dict(SupportRequest.objects.filter(pk__in=ids).values_list("pk", "first_response_at"))
        assert stored[status_only.pk] is None  # a status change without contact no longer counts
        assert stored[with_message.pk] == message_at  # the first contact does
        assert stored[untouched.pk] is None

        apps = _migrate(BEFORE)  # reversible: back to the old rule
        SupportRequest = apps.get_model("journeys", "SupportRequest")
        stored = dict(SupportRequest.objects.filter(pk__in=ids).values_list("pk", "first_response_at"))
        assert stored[status_only.pk] == changed_at and stored[with_message.pk] == changed_at
    finally:
        _migrate(AFTER)
