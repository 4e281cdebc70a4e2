"""Delivery through real Celery workers and the real Redis broker: once, and never lost or doubled."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from journeys.followups.services import followup_schedule, followup_schedule_request_confirmation
from journeys.followups.tasks import dispatch_due
from journeys.models import FollowUp, FollowUpKind, FollowUpState
from tests.factories.journeys import SupportRequestFactory
from tests.journeys.followups.support import (
    HangingSMTPServer,
    ThrowawayRedis,
    mailbox_messages,
    message_id_counts,
)
from tests.support.worker import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _schedule(count: int, *, due_in: timedelta = timedelta(0)) -> list[FollowUp]:
    rows = []
    for n in range(count):
        with transaction.atomic():
            rows.append(
                followup_schedule(
                    kind=FollowUpKind.INTAKE_REMINDER, recipient=f"ondernemer{n}@example.nl",
                    due_at=timezone.now() + due_in, idempotency_key=f"test:{n}:{due_in}",
                    payload={"resume_url": "http://testserver/intake/verder/"},
                )
            )
    return rows


def _all_sent(rows) -> bool:
    return FollowUp.objects.filter(pk__in=[r.pk for r in rows], state=FollowUpState.SENT).count() == len(rows)


def test_it_sends_due_rows_once_and_leaves_future_rows(mailbox_dir, start_worker):
    due = _schedule(3)
    later = _schedule(1, due_in=timedelta(days=2))
    worker = start_worker()

    assert wait_until(lambda: _all_sent(due), timeout=30), worker.output()
    dispatch_due.delay()
    dispatch_due.delay()
    time.sleep(2)

    counts = message_id_counts(mailbox_messages(mailbox_dir))
    assert counts == {row.message_id: 1 for row in due}
    assert FollowUp.objects.get(pk=later[0].pk).state == FollowUpState.SCHEDULED
    assert all(row.attempts == 1 for row in FollowUp.objects.filter(pk__in=[r.pk for r in due]))


def test_it_sends_each_row_once_when_two_workers_race(mailbox_dir, start_worker):
    worker_a = start_worker("race-a")
    worker_b = start_worker("race-b")
    # Every row gets its own send task, and both workers also sweep: all paths compete for every row.
    rows = _schedule(40)
    for _ in range(6):
        dispatch_due.delay()

    assert wait_until(lambda: _all_sent(rows), timeout=60), worker_a.output() + worker_b.output()
    time.sleep(1)
    counts = message_id_counts(mailbox_messages(mailbox_dir))
    assert counts == {row.message_id: 1 for row in rows}
    both_worked = {row.claimed_by.split(":")[1] for row in FollowUp.objects.filter(pk__in=[r.pk for r in rows])}
    assert len(both_worked) == 2, "both workers should have sent some rows"


def test_a_worker_killed_mid_send_loses_nothing_and_doubles_nothing(monkeypatch, start_worker):
    smtp = HangingSMTPServer(accept_first=2)
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{smtp.port}")
    monkeypatch.setenv("FOLLOWUP_LEASE_SECONDS", "2")
    rows = _schedule(5)
    first = start_worker("killed")

    assert smtp.hanging.wait(30), first.output()
    first.kill()  # SIGKILL while the third message sits unacknowledged at the mail server
    # One sweep claimed all five: only the row at the mail server is ambiguous, the two behind it were never offered.
    interrupted = FollowUp.objects.get(state=FollowUpState.SENDING, send_started_at__isnull=False)
    assert FollowUp.objects.filter(state=FollowUpState.SENT).count() == 2
    assert FollowUp.objects.filter(state=FollowUpState.SENDING, send_started_at__isnull=True).count() == 2

    smtp.release()
    second = start_worker("restarted")
    time.sleep(2.5)  # the dead worker's claim expires

    def sent_after_sweep() -> bool:
        dispatch_due.delay()
        return wait_until(lambda: _all_sent(rows), timeout=3)

    assert wait_until(sent_after_sweep, timeout=40), second.output()
    assert smtp.message_ids() == {row.message_id: 1 for row in rows}
    interrupted.refresh_from_db()
    assert interrupted.attempts == 2
    smtp.close()


def test_redis_down_during_submits_loses_nothing_and_mails_go_out_when_it_returns(
    mailbox_dir, monkeypatch, start_worker, settings, tmp_path
):
    from pathlib import Path

    Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("FOLLOWUP_DISPATCH_SECONDS", "1")
    redis = ThrowawayRedis()
    worker = start_worker("beat", beat=True)
    try:
        redis.stop()
        requests = []
        for _ in range(3):  # what the intake does when the entrepreneur asks for contact
            with transaction.atomic():
                support_request = SupportRequestFactory()
                followup_schedule_request_confirmation(support_request=support_request)
            requests.append(support_request)
        rows = list(FollowUp.objects.filter(support_request__in=requests))
        assert len(rows) == 3 and all(row.state == FollowUpState.SCHEDULED for row in rows)
        time.sleep(2)
        assert not mailbox_messages(mailbox_dir)
    finally:
        redis.start()

    assert wait_until(lambda: _all_sent(rows), timeout=60), worker.output()
    assert message_id_counts(mailbox_messages(mailbox_dir)) == {row.message_id: 1 for row in rows}


def test_one_beat_tick_on_a_backlog_gets_both_workers_sweeping(mailbox_dir, monkeypatch, start_worker):
    monkeypatch.setenv("FOLLOWUP_BATCH_SIZE", "5")
    now = timezone.now()
    # Stored as a beat scan leaves them: due, with no send task per row; only the sweep finds them.
    rows = FollowUp.objects.bulk_create(
        FollowUp(kind=FollowUpKind.INTAKE_REMINDER, recipient=f"ondernemer{n}@example.nl", due_at=now,
                 idempotency_key=f"backlog:{n}", payload={"resume_url": "http://testserver/intake/verder/"})
        for n in range(300)
    )
    worker_a = start_worker("backlog-a")
    worker_b = start_worker("backlog-b")

    dispatch_due.delay()  # one tick of the beat

    assert wait_until(lambda: _all_sent(rows), timeout=90), worker_a.output() + worker_b.output()
    counts = message_id_counts(mailbox_messages(mailbox_dir))
    assert counts == {row.message_id: 1 for row in rows}
    sent = FollowUp.objects.filter(pk__in=[r.pk for r in rows])
    assert len({row.claimed_by.split(":")[1] for row in sent}) == 2, "the second worker should have helped"
    assert all(row.attempts == 1 for row in sent)


def test_a_worker_killed_mid_batch_of_round_alerts_sends_the_batch_again_with_the_same_message_ids(
    monkeypatch, start_worker
):
    """Round alerts go out as a batch (docs/followups.md): a worker killed during the batch's hand-over leaves
    the whole batch ambiguous; after the lease it is sent again, each mail with its own Message-ID, so the
    ones the server had accepted arrive twice, recognisably the same message, and none is lost."""
    from journeys.journey_over_time import round_alerts
    from journeys.models import RoundSubscription
    from schemes import vocabulary as v
    from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory

    smtp = HangingSMTPServer(accept_first=2)
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{smtp.port}")
    monkeypatch.setenv("FOLLOWUP_LEASE_SECONDS", "2")
    scheme = SchemeFactory(kind=v.SchemeKind.SUBSIDY)
    RoundSubscription.objects.bulk_create(
        RoundSubscription(scheme=scheme, email=f"abonnee{n}@example.nl",
                          confirmed_at=timezone.now() - timedelta(days=30))
        for n in range(5)
    )
    ApplicationRoundFactory(scheme=scheme, opens_on=timezone.localdate(), budget_status=v.BudgetStatus.OPEN)
    assert round_alerts.scan_round_alerts() == 5  # and queues a sweep
    rows = list(FollowUp.objects.filter(kind=FollowUpKind.ROUND_ALERT))
    first = start_worker("killed-batch")

    assert smtp.hanging.wait(30), first.output()
    first.kill()  # SIGKILL while the third message of the batch sits unacknowledged at the mail server
    assert all(row.state == FollowUpState.SENDING and row.send_started_at is not None
               for row in FollowUp.objects.filter(pk__in=[r.pk for r in rows]))

    smtp.release()
    second = start_worker("restarted-batch")
    time.sleep(2.5)  # the dead worker's claim expires

    def sent_after_sweep() -> bool:
        dispatch_due.delay()
        return wait_until(lambda: _all_sent(rows), timeout=3)

    assert wait_until(sent_after_sweep, timeout=40), second.output()
    counts = smtp.message_ids()
    assert set(counts) == {row.message_id for row in rows}  # none lost
    assert sorted(counts.values()) == [1, 1, 1, 2, 2]  # the two accepted before the kill, twice, same Message-ID
    smtp.close()
