"""Rows due now share one queued sweep (issue 17): one message until a sweep starts, never a row left behind."""

import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings as django_settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from journeys.followups import dispatch
from journeys.followups.services import followup_schedule, followup_schedule_request_confirmation
from journeys.followups.tasks import dispatch_due
from journeys.models import FollowUp, FollowUpKind, FollowUpState
from portal import enqueue
from tests.factories.journeys import SupportRequestFactory
from tests.faults import servers

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(name="broker")
def broker_fixture():
    """The test broker's Redis, with no sweep queued or flagged before the test."""
    servers.require_servers()
    client = redis.Redis.from_url(django_settings.CELERY_BROKER_URL)
    client.delete(django_settings.SWEEP_QUEUE, enqueue.QUEUED_FLAG.format(name=dispatch_due.name))
    enqueue.reset_pause()
    yield client
    client.delete(django_settings.SWEEP_QUEUE, enqueue.QUEUED_FLAG.format(name=dispatch_due.name))
    enqueue.reset_pause()


def _confirm_a_new_request() -> FollowUp:
    with transaction.atomic():
        support_request = SupportRequestFactory()
        return followup_schedule_request_confirmation(support_request=support_request)


def _queued_sweeps(broker) -> int:
    return broker.llen(django_settings.SWEEP_QUEUE)


def test_rows_due_now_share_one_queued_sweep_until_it_starts(broker):
    rows = [_confirm_a_new_request() for _ in range(3)]
    assert _queued_sweeps(broker) == 1  # three rows, one message
    assert all(row.state == FollowUpState.SCHEDULED for row in rows)

    dispatch_due.apply()  # the queued sweep starts: it sends all three
    assert {m.to[0] for m in mail.outbox} == {row.recipient for row in rows}
    assert FollowUp.objects.filter(state=FollowUpState.SENT).count() == 3

    later = _confirm_a_new_request()  # after a sweep started, a new row queues the next one
    assert _queued_sweeps(broker) == 2
    dispatch_due.apply()
    later.refresh_from_db()
    assert later.state == FollowUpState.SENT


def test_a_row_committed_while_a_sweep_runs_queues_the_next_sweep(broker, monkeypatch):
    first = _confirm_a_new_request()
    original_claim = dispatch.claim_batch
    committed_meanwhile = []

    def claim_after_another_commit(**kwargs):
        if not committed_meanwhile:  # between the sweep's start and its first claim, another request arrives
            committed_meanwhile.append(_confirm_a_new_request())
        return original_claim(**kwargs)

    monkeypatch.setattr(dispatch, "claim_batch", claim_after_another_commit)
    dispatch_due.apply()
    assert _queued_sweeps(broker) == 2  # the first sweep's message and the one the new row queued
    monkeypatch.setattr(dispatch, "claim_batch", original_claim)
    dispatch_due.apply()
    assert set(FollowUp.objects.values_list("state", flat=True)) == {FollowUpState.SENT}
    assert {first.pk, committed_meanwhile[0].pk} == set(FollowUp.objects.values_list("pk", flat=True))


def test_a_failed_publish_clears_the_flag_so_the_next_row_tries_again(broker, monkeypatch, settings):
    settings.ENQUEUE_PAUSE_SECONDS = 0
    original = dispatch_due.apply_async

    def fail(*args, **kwargs):
        raise ConnectionError("broker gone")

    monkeypatch.setattr(dispatch_due, "apply_async", fail)
    row = _confirm_a_new_request()
    assert broker.get(enqueue.QUEUED_FLAG.format(name=dispatch_due.name)) is None
    assert _queued_sweeps(broker) == 0
    monkeypatch.setattr(dispatch_due, "apply_async", original)
    _confirm_a_new_request()
    assert _queued_sweeps(broker) == 1
    row.refresh_from_db()
    assert row.state == FollowUpState.SCHEDULED  # stored all along: the sweep sends it


def test_the_flag_expires_with_the_message(broker):
    _confirm_a_new_request()
    ttl = broker.ttl(enqueue.QUEUED_FLAG.format(name=dispatch_due.name))
    assert 0 < ttl <= django_settings.FOLLOWUP_DISPATCH_SECONDS


def test_with_redis_down_the_row_is_kept_and_the_request_is_not_slowed(broker, settings):
    settings.ENQUEUE_PAUSE_SECONDS = 0
    _confirm_a_new_request()  # the flag client exists now
    broker.delete(enqueue.QUEUED_FLAG.format(name=dispatch_due.name))
    servers.redis_stop()
    try:
        started = time.monotonic()
        row = _confirm_a_new_request()
        assert time.monotonic() - started < 6  # the socket timeouts, no retries
        assert FollowUp.objects.get(pk=row.pk).state == FollowUpState.SCHEDULED
    finally:
        servers.redis_start()


def test_a_sweep_sends_what_somebody_waits_for_before_a_backlog(broker, settings):
    settings.FOLLOWUP_BATCH_SIZE = 5
    earlier = timezone.now() - timedelta(minutes=5)
    for n in range(12):  # a scan's rows, due before the confirmation
        with transaction.atomic():
            followup_schedule(kind=FollowUpKind.INTAKE_REMINDER, recipient=f"wacht{n}@example.nl", due_at=earlier,
                              idempotency_key=f"backlog:{n}",
                              payload={"resume_url": "http://testserver/intake/verder/"}, send_now=False)
    confirmation = _confirm_a_new_request()

    token, ids = dispatch.claim_batch(limit=5, waiting_only=True)
    assert ids == [confirmation.pk]
    dispatch._release(ids, token)

    dispatch_due.apply()
    assert mail.outbox[0].to == [confirmation.recipient]  # first, though 12 rows were due before it
    assert len(mail.outbox) == 13
