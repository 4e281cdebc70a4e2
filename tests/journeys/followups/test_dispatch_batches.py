"""The sweep in batches: drains a backlog, one mail connection per batch, stops when the mail server fails."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.utils import timezone

from journeys.followups import dispatch
from journeys.models import FollowUp, FollowUpKind, FollowUpState
from tests.support.mail_backends import RefusingBackend

opened: list[int] = []


class CountingBackend(EmailBackend):
    """The test mailbox, counting how many connections the sender opens."""

    def open(self):
        opened.append(1)
        return True


class RefusesOneRecipientBackend(RefusingBackend):
    refused = "weg@example.nl"


def _due_rows(count: int, *, recipient: str = "ondernemer{n}@example.nl") -> list[FollowUp]:
    # Stored directly, as a beat scan leaves them: due, with no immediate send task queued.
    now = timezone.now()
    return FollowUp.objects.bulk_create(
        FollowUp(
            kind=FollowUpKind.INTAKE_REMINDER, recipient=recipient.format(n=n), due_at=now - timedelta(seconds=n),
            idempotency_key=f"batch-test:{n}", payload={"resume_url": "https://loket.example/intake/verder/x/"},
        )
        for n in range(count)
    )


def _states() -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in FollowUp.objects.values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    return counts


@pytest.mark.django_db
def test_one_sweep_drains_more_than_one_batch(settings):
    settings.FOLLOWUP_BATCH_SIZE = 3
    _due_rows(8)

    assert dispatch.dispatch_due() == 8

    assert _states() == {FollowUpState.SENT: 8}
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 8


@pytest.mark.django_db
def test_a_batch_goes_over_one_mail_connection(settings):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    settings.FOLLOWUP_BATCH_SIZE = 5
    opened.clear()
    _due_rows(5)

    dispatch.dispatch_due()

    assert len(mail.outbox) == 5
    assert len(opened) == 1


@pytest.mark.django_db
def test_a_full_batch_asks_for_helpers_once(settings):
    settings.FOLLOWUP_BATCH_SIZE = 2
    _due_rows(5)
    calls = []

    dispatch.dispatch_due(on_backlog=lambda: calls.append(1))

    assert calls == [1]
    assert dispatch.dispatch_due(on_backlog=lambda: calls.append(1)) == 0
    assert calls == [1]  # nothing due: no helpers


@pytest.mark.django_db
def test_when_the_mail_server_fails_the_rest_of_the_batch_is_given_back_untouched(settings):
    settings.EMAIL_BACKEND = "tests.support.mail_backends.FailingAfterTwoBackend"
    settings.FOLLOWUP_BATCH_SIZE = 10
    rows = _due_rows(6)

    assert dispatch.dispatch_due() == 2

    by_id = {row.pk: row for row in FollowUp.objects.all()}
    failed = by_id[rows[3].pk]  # oldest first: rows are due 5..0 seconds ago
    assert failed.state == FollowUpState.SCHEDULED and failed.attempts == 1
    assert "mail server went away" in failed.last_error and failed.due_at > timezone.now()
    untried = [by_id[row.pk] for row in rows[:3]]
    assert all(row.state == FollowUpState.SCHEDULED and row.attempts == 0 and not row.claimed_by for row in untried)
    assert all(row.due_at <= timezone.now() for row in untried)  # due as before: the next sweep sends them

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert dispatch.dispatch_due() == 3
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_a_refused_recipient_does_not_stop_the_others(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusesOneRecipientBackend"
    _due_rows(3)
    FollowUp.objects.filter(idempotency_key="batch-test:1").update(recipient="weg@example.nl")

    assert dispatch.dispatch_due() == 2

    refused = FollowUp.objects.get(recipient="weg@example.nl")
    assert refused.state == FollowUpState.SCHEDULED and "no such user" in refused.last_error


@pytest.mark.django_db(transaction=True)
def test_parallel_sweeps_claim_disjoint_batches_without_waiting():
    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("row locks are a PostgreSQL feature")
    _due_rows(6)
    first_claimed = threading.Event()
    release = threading.Event()
    claims = {}

    def hold_a_claim_open():
        try:
            with transaction.atomic():  # a sweep whose claim has not committed yet
                claims["first"] = dispatch.claim_batch(limit=3)[1]
                first_claimed.set()
                release.wait(10)
        finally:
            connection.close()

    other = threading.Thread(target=hold_a_claim_open)
    other.start()
    assert first_claimed.wait(10)
    try:
        claims["second"] = dispatch.claim_batch(limit=3)[1]  # must not wait for the first sweep's locks
    finally:
        release.set()
        other.join()

    assert len(claims["first"]) == len(claims["second"]) == 3
    assert not set(claims["first"]) & set(claims["second"])
