"""Round alerts at volume (issue 20, "100,000 subscribers in <= 120 s"): the scan stores every row once in SQL,
even when two scans run at once, and the dispatcher sends a batch with a handful of statements, the same
mails as one by one, and with a documented guarantee when the mail server, the database or the worker fails."""

import email
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journeys.followups import dispatch
from journeys.followups.emails import render_email
from journeys.followups.services import email_unsubscribe
from journeys.journey_over_time import round_alerts
from journeys.journey_over_time.emails import prefetch_subscriptions, render_round_alerts
from journeys.models import FollowUp, FollowUpKind, FollowUpState, RoundSubscription
from schemes import vocabulary as v
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory
from tests.support.mail_backends import RefusingBackend


class RefusesOneRecipientBackend(RefusingBackend):
    refused = "abonnee1@example.nl"


class WorkerKilledAfterTwo(BaseException):
    """Stands in for SIGKILL: not an Exception, so nothing in the dispatcher catches it."""


class DiesAfterTwoBackend(EmailBackend):
    def send_messages(self, messages):
        if len(mail.outbox) >= 2:
            raise WorkerKilledAfterTwo
        return super().send_messages(messages)


def _round_opening_today(count: int, *, english: int = 0):
    scheme = SchemeFactory(kind=v.SchemeKind.SUBSIDY, name="Circulaire Ketenprojecten", name_en="Circular Chains",
                           requirements=[v.Requirement.DE_MINIMIS, v.Requirement.CHAIN_DIRECTOR])
    confirmed = timezone.now() - timedelta(days=30)
    RoundSubscription.objects.bulk_create(
        RoundSubscription(scheme=scheme, email=f"abonnee{n}@example.nl", confirmed_at=confirmed,
                          language="en" if n < english else "nl")
        for n in range(count)
    )
    ApplicationRoundFactory(scheme=scheme, opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(
        days=90), budget_status=v.BudgetStatus.OPEN)
    return scheme


def _alerts():
    return FollowUp.objects.filter(kind=FollowUpKind.ROUND_ALERT)


def _message_ids() -> list[str]:
    return [message.extra_headers["Message-ID"] for message in mail.outbox]


@pytest.mark.django_db
def test_the_sql_scan_stores_the_rows_the_python_path_would(settings):
    _round_opening_today(5)
    (event,) = round_alerts.round_alert_events(today=timezone.localdate())
    now = timezone.now()
    expected = {row.idempotency_key: row for row in round_alerts._rows_for(event, now=now)}
    email_unsubscribe(email="abonnee3@example.nl")  # opted out: neither path stores a row for it
    expected.pop(next(key for key, row in expected.items() if row.recipient == "abonnee3@example.nl"))

    assert round_alerts.scan_round_alerts(now=now) == 4

    stored = {row.idempotency_key: row for row in _alerts()}
    assert set(stored) == set(expected)
    for key, row in stored.items():
        want = expected[key]
        assert (row.recipient, row.language, row.due_at, row.state, row.scheme_id, row.payload, row.audience) == (
            want.recipient, want.language, want.due_at, FollowUpState.SCHEDULED, want.scheme_id, want.payload,
            want.audience)
        assert (row.attempts, row.last_error, row.claimed_by, row.cancel_reason) == (0, "", "", "")
    assert round_alerts.scan_round_alerts(now=now) == 0  # a second scan stores nothing


@pytest.mark.django_db
def test_other_databases_take_the_python_path_and_store_the_same_rows(monkeypatch):
    _round_opening_today(4)
    email_unsubscribe(email="abonnee0@example.nl")
    now = timezone.now()
    monkeypatch.setattr(connection, "vendor", "sqlite")  # the embedded mode's database

    assert round_alerts.scan_round_alerts(now=now) == 3
    assert round_alerts.scan_round_alerts(now=now) == 0
    assert sorted(_alerts().values_list("recipient", flat=True)) == [
        "abonnee1@example.nl", "abonnee2@example.nl", "abonnee3@example.nl"]


@pytest.mark.django_db
def test_the_sql_scan_works_in_chunks_of_subscription_ids(monkeypatch):
    monkeypatch.setattr(round_alerts, "INSERT_CHUNK", 7)
    _round_opening_today(30)

    assert round_alerts.scan_round_alerts() == 30
    assert _alerts().count() == 30


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_store_each_alert_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the SQL scan is PostgreSQL's")
    monkeypatch.setattr(round_alerts, "INSERT_CHUNK", 100)
    _round_opening_today(600)
    start = threading.Barrier(2)
    stored, errors = [], []

    def scan():
        try:
            start.wait(10)
            stored.append(round_alerts.scan_round_alerts())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert not errors
    assert sum(stored) == 600  # each row counted by the scan that stored it, none twice
    keys = list(_alerts().values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys)) == 600


@pytest.mark.django_db
def test_a_batch_renders_each_mail_as_it_would_be_rendered_alone():
    _round_opening_today(6, english=2)
    round_alerts.scan_round_alerts()
    rows = list(_alerts().select_related("scheme"))
    prefetch_subscriptions(rows)

    batch = render_round_alerts(rows)

    for row in rows:
        alone, together = render_email(row), batch[row.pk]
        assert (together.subject, together.body, together.to, together.extra_headers, together.alternatives) == (
            alone.subject, alone.body, alone.to, alone.extra_headers, alone.alternatives)
    links = {batch[row.pk].extra_headers["List-Unsubscribe"] for row in rows}
    assert len(links) == 6  # every subscriber their own link
    tokens = dict(RoundSubscription.objects.values_list("email", "token"))
    for row in rows:
        assert tokens[row.recipient] in batch[row.pk].body
    assert {batch[row.pk].subject for row in rows} == {"Nu open: Circulaire Ketenprojecten",
                                                       "Open now: Circular Chains"}


def _parsed(message: bytes) -> tuple:
    parsed = email.message_from_bytes(message)
    headers = sorted((name, " ".join(value.split())) for name, value in parsed.items()
                     if name not in ("Date", "Content-Type"))
    parts = [(part.get_content_type(), part.get("Content-Transfer-Encoding"), part.get_payload(decode=True))
             for part in parsed.walk()]
    return headers, parsed.get_content_type(), parts


@pytest.mark.django_db
@pytest.mark.parametrize("linesep", ["\n", "\r\n"])  # the file backend's and SMTP's
def test_a_batch_serialises_each_mail_as_django_would(linesep):
    scheme = _round_opening_today(3, english=1)
    RoundSubscription.objects.filter(email="abonnee2@example.nl").update(email="o'brien@example.nl")
    scheme.name = "Circulaire Ketenprojecten: één keten"  # not ASCII: the parts go out as 8bit
    scheme.save()
    round_alerts.scan_round_alerts()
    rows = list(_alerts().select_related("scheme"))
    prefetch_subscriptions(rows)

    batch = render_round_alerts(rows)

    prepared = {row.recipient: batch[row.pk].prepared is not None for row in rows}
    # an address outside plain ASCII letters, digits and ._%+- gets Django's own serialisation
    assert prepared == {"abonnee0@example.nl": True, "abonnee1@example.nl": True, "o'brien@example.nl": False}
    for row in rows:
        ours = batch[row.pk].message().as_bytes(linesep=linesep)
        django_s = render_email(row).message().as_bytes(linesep=linesep)
        assert _parsed(ours) == _parsed(django_s)
        assert ours.count(b"\r\n") == (ours.count(b"\n") if linesep == "\r\n" else 0)


@pytest.mark.django_db
def test_a_batch_is_sent_with_a_handful_of_statements_not_two_per_mail(settings):
    settings.FOLLOWUP_BATCH_SIZE = 50
    _round_opening_today(50)
    round_alerts.scan_round_alerts()

    with CaptureQueriesContext(connection) as queries:
        assert dispatch.dispatch_due() == 50

    # recover, claim (select + update), load rows, subscriptions, opt-outs, send_started_at, sent, next claim;
    # savepoints/BEGIN/COMMIT counted too; per claim one "anything somebody waits for?" read (followup_waiting_due).
    assert len(queries) <= 18, [q["sql"][:80] for q in queries.captured_queries]
    assert sorted(_message_ids()) == sorted(row.message_id for row in _alerts())
    assert set(_alerts().values_list("state", flat=True)) == {FollowUpState.SENT}


@pytest.mark.django_db
def test_an_opt_out_between_scan_and_send_stops_that_mail_only():
    _round_opening_today(5)
    round_alerts.scan_round_alerts()
    # after the scan stored the rows: one ends this subscription, one unsubscribes from everything
    RoundSubscription.objects.filter(email="abonnee1@example.nl").update(unsubscribed_at=timezone.now())
    email_unsubscribe(email="abonnee2@example.nl")
    # ... and the global opt-out came a moment after the sweep's claim: the row is still to be sent
    FollowUp.objects.filter(recipient="abonnee2@example.nl").update(state=FollowUpState.SCHEDULED)

    assert dispatch.dispatch_due() == 3

    assert sorted(m.to[0] for m in mail.outbox) == ["abonnee0@example.nl", "abonnee3@example.nl",
                                                     "abonnee4@example.nl"]
    cancelled = dict(_alerts().filter(state=FollowUpState.CANCELLED).values_list("recipient", "cancel_reason"))
    assert cancelled == {"abonnee1@example.nl": "unsubscribed", "abonnee2@example.nl": "unsubscribed"}


@pytest.mark.django_db
def test_when_the_mail_server_fails_mid_batch_the_rest_is_given_back_and_nothing_is_sent_twice(settings):
    settings.EMAIL_BACKEND = "tests.support.mail_backends.FailingAfterTwoBackend"
    _round_opening_today(6)
    round_alerts.scan_round_alerts()

    assert dispatch.dispatch_due() == 2

    rows = list(_alerts().order_by("pk"))
    assert [row.state for row in rows[:2]] == [FollowUpState.SENT] * 2
    failed = rows[2]
    assert failed.state == FollowUpState.SCHEDULED and failed.attempts == 1 and failed.due_at > timezone.now()
    assert "mail server went away" in failed.last_error
    untried = rows[3:]  # never offered to the server: due as before, not an attempt, no hand-over recorded
    assert all((row.state, row.attempts, row.claimed_by, row.send_started_at) == (FollowUpState.SCHEDULED, 0, "", None)
               and row.due_at <= timezone.now() for row in untried)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert dispatch.dispatch_due() == 3
    with time_machine.travel(failed.due_at + timedelta(seconds=1)):
        assert dispatch.dispatch_due() == 1
    assert sorted(_message_ids()) == sorted(row.message_id for row in rows)  # each once


@pytest.mark.django_db
def test_a_refused_recipient_does_not_stop_the_batch(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusesOneRecipientBackend"
    _round_opening_today(4)
    round_alerts.scan_round_alerts()

    assert dispatch.dispatch_due() == 3

    refused = _alerts().get(recipient="abonnee1@example.nl")
    assert refused.state == FollowUpState.SCHEDULED and "no such user" in refused.last_error


@pytest.mark.django_db
def test_a_database_error_before_the_hand_over_gives_the_whole_batch_back(monkeypatch):
    _round_opening_today(4)
    round_alerts.scan_round_alerts()

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("journeys.journey_over_time.emails.render_round_alerts", fail)
    with pytest.raises(OperationalError):
        dispatch.dispatch_due()

    assert not mail.outbox
    assert set(_alerts().values_list("state", "attempts", "send_started_at")) == {(FollowUpState.SCHEDULED, 0, None)}
    monkeypatch.undo()
    assert dispatch.dispatch_due() == 4  # no lease to wait out


@pytest.mark.django_db
@pytest.mark.parametrize(("resend", "state"), [(True, FollowUpState.SENT), (False, FollowUpState.FAILED)])
def test_a_batch_interrupted_during_the_hand_over_is_ambiguous_as_a_whole(settings, monkeypatch, resend, state):
    """The widened guarantee (docs/followups.md): a worker that dies while a batch is being handed over leaves
    every row of the batch ``sending`` with ``send_started_at``. After the lease they are all sent again with the
    same Message-IDs (at-least-once: the ones the server had accepted arrive twice, recognisably the same
    message), or all end ``failed`` for staff to check (at-most-once)."""
    settings.FOLLOWUP_RESEND_INTERRUPTED = resend
    settings.EMAIL_BACKEND = f"{__name__}.DiesAfterTwoBackend"
    _round_opening_today(4)
    round_alerts.scan_round_alerts()

    with pytest.raises(WorkerKilledAfterTwo):
        dispatch.dispatch_due()

    assert len(mail.outbox) == 2
    rows = list(_alerts())
    assert all(row.state == FollowUpState.SENDING and row.send_started_at is not None for row in rows)
    first_copies = _message_ids()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.FOLLOWUP_LEASE_SECONDS + 1)):
        dispatch.dispatch_due()

    assert set(_alerts().values_list("state", flat=True)) == {state}
    if resend:
        assert sorted(_message_ids()) == sorted(first_copies + [row.message_id for row in rows])
    else:
        assert _message_ids() == first_copies
        assert all("may or may not have arrived" in row.last_error for row in _alerts())


@pytest.mark.django_db
def test_a_database_error_after_the_hand_over_leaves_the_batch_to_the_lease(settings, monkeypatch):
    _round_opening_today(3)
    round_alerts.scan_round_alerts()

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(dispatch, "_record_sent", fail)
    with pytest.raises(OperationalError):
        dispatch.dispatch_due()
    monkeypatch.undo()

    assert len(mail.outbox) == 3
    # Not given back as "never offered": the server accepted them, but that could not be recorded.
    assert all(row.state == FollowUpState.SENDING and row.send_started_at for row in _alerts())
