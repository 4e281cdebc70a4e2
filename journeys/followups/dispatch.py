"""Claim due follow-ups (one winner per row), send them, record the outcome, retry with backoff.

Delivery guarantee, in short (details in docs/followups.md):
- claim: a conditional UPDATE ``state: scheduled -> sending``; only one worker's UPDATE matches, on
  PostgreSQL and SQLite alike, so two workers never both send a row. The sweep claims a batch at once; on
  PostgreSQL with ``FOR UPDATE SKIP LOCKED``, so parallel sweeps take disjoint batches instead of racing;
- row by row (every kind but round alerts): ``send_started_at`` is committed right before the mail server is
  called for that row. A worker that dies before that point provably sent nothing; after the lease its row is
  simply scheduled again; a worker that dies *during* the hand-over leaves one ambiguous row;
- batch (``BATCH_KINDS``: round alerts, ``_send_batch``): ``send_started_at`` is committed for the whole batch
  (at most FOLLOWUP_BATCH_SIZE rows) in one UPDATE before the batch's first message is handed over, and the
  accepted rows are marked ``sent`` in one UPDATE after its last. A worker that dies in between leaves the
  **whole batch** ambiguous (rows it had handed over and rows it had not look the same). When the mail server
  fails mid-batch the worker itself is alive and knows which rows it never offered: those go back to
  ``scheduled`` with ``send_started_at`` cleared;
- an ambiguous row (or batch): with FOLLOWUP_RESEND_INTERRUPTED (the default) it is sent again with the same
  Message-ID (at-least-once: a mail server that never answered "250 OK" discarded the first copy; a batch's
  rows that were accepted arrive twice, recognisably the same message); turned off, the rows end as
  ``failed`` for staff to check (at-most-once).
"""

import contextlib
import logging
import os
import smtplib
import socket
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import NoReturn

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from journeys.followups import sequences
from journeys.followups.emails import render_email
from journeys.followups.services import followup_record_event, opted_out_among
from journeys.journey_over_time.emails import prefetch_subscriptions
from journeys.models import FollowUp, FollowUpKind, FollowUpState, RequestEvent, RequestStatus
from journeys.models.followups import WAITING_KINDS

logger = logging.getLogger(__name__)

# Leave room under the task's soft time limit (CELERY_TASK_SOFT_TIME_LIMIT, 100 s); a sweep that runs out
# stops after its current batch and the next beat tick carries on.
DISPATCH_TIME_BUDGET_SECONDS = 60
_RELATED = ("support_request__hub", "support_request__intake", "intake", "scheme")
_RELATED_PER_ROW = ("support_request__hub", "support_request__intake", "intake")
# Kinds sent by the batch path (_send_batch); every other kind goes row by row (_send_one).
BATCH_KINDS = (FollowUpKind.ROUND_ALERT,)


def _claimant() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _claim_fields(now: datetime, token: str) -> dict:
    return {
        "state": FollowUpState.SENDING, "claimed_at": now, "claimed_by": token, "send_started_at": None,
        "attempts": F("attempts") + 1, "updated_at": now,
    }


def claim(*, followup_id: int, now: datetime | None = None, token: str | None = None) -> str | None:
    """Take the row for sending; returns this claim's token, or None when another worker has it.

    ``token``: a claim this task made before a database error kept it from giving the row back (see
    ``ClaimInterrupted``). That claim is taken up again, as long as it is still ours and nothing was sent;
    it is not counted as another attempt.
    """
    now = now or timezone.now()
    if token is not None:
        resumed = FollowUp.objects.filter(
            pk=followup_id, state=FollowUpState.SENDING, claimed_by=token, send_started_at__isnull=True
        ).update(claimed_at=now, updated_at=now)
        if resumed:
            return token
    token = _claimant()
    won = FollowUp.objects.filter(pk=followup_id, state=FollowUpState.SCHEDULED, due_at__lte=now).update(
        **_claim_fields(now, token)
    )
    return token if won else None


class ClaimInterrupted(Exception):
    """A database error came between the claim and the hand-over, and the row could not be given back either.

    Nothing was sent (``send_started_at`` was never written). The task retries with ``token``, so the retry
    takes up its own claim instead of waiting for the lease to expire.
    """

    def __init__(self, token: str) -> None:
        super().__init__("a database error interrupted the claim before sending")
        self.token = token


def claim_batch(*, limit: int, now: datetime | None = None, waiting_only: bool = False) -> tuple[str, list[int]]:
    """Take up to ``limit`` due rows at once, oldest first; returns the claim's token and the row ids won.

    Ordered by ``due_at`` alone, which the (state, due_at) index delivers: rows due at the same moment come in
    index order. An ``id`` tie-break made PostgreSQL sort every due row for each claim (150 ms per batch with
    100,000 round alerts due at once, against 0.2 ms). ``waiting_only``: only ``WAITING_KINDS``, through
    their own partial index (``followup_waiting_due``), which holds only those rows while scheduled.
    """
    now = now or timezone.now()
    token = _claimant()
    due = FollowUp.objects.filter(state=FollowUpState.SCHEDULED, due_at__lte=now).order_by("due_at")
    if waiting_only:
        due = due.filter(kind__in=WAITING_KINDS)
    skip_locked = connection.features.has_select_for_update_skip_locked
    # PostgreSQL: rows another sweep holds are skipped, so every id selected here is ours once updated.
    # SQLite has no row locks: two sweeps may pick the same ids, and the conditional UPDATE gives each row to one.
    with transaction.atomic() if skip_locked else contextlib.nullcontext():
        ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
        if ids:
            FollowUp.objects.filter(pk__in=ids, state=FollowUpState.SCHEDULED).update(**_claim_fields(now, token))
    if ids and not skip_locked:
        ids = list(FollowUp.objects.filter(pk__in=ids, claimed_by=token).values_list("pk", flat=True))
    return token, ids


def _waiting_due(now: datetime | None) -> bool:
    return FollowUp.objects.filter(
        state=FollowUpState.SCHEDULED, kind__in=WAITING_KINDS, due_at__lte=now or timezone.now()).exists()


def _mine(followup: FollowUp, token: str):
    return FollowUp.objects.filter(pk=followup.pk, state=FollowUpState.SENDING, claimed_by=token)


def skip_reason(followup: FollowUp, *, opted_out: set[str] | None = None) -> str:
    """Why this follow-up should no longer go out, decided at send time; empty when it should.

    ``opted_out``: the opted-out addresses among a batch's recipients, looked up once for the batch.
    """
    if sequences.honours_opt_out(followup.kind):
        if opted_out is None:
            opted_out = opted_out_among(emails=[followup.recipient])
        if followup.recipient in opted_out:
            return "unsubscribed"
    request = followup.support_request
    intake = followup.intake or (request.intake if request else None)
    if (request and request.anonymised_at) or (intake and intake.anonymised_at):
        return "anonymised"
    if followup.kind in (FollowUpKind.ROUND_CONFIRM, FollowUpKind.ROUND_ALERT):
        from journeys.journey_over_time.emails import round_skip_reason

        return round_skip_reason(followup)
    if followup.kind == FollowUpKind.REASSESSMENT and request and (
        request.reassessments.filter(keep_asking=False).exists()
    ):
        return "no_more_reassessments"
    if followup.kind == FollowUpKind.INTAKE_REMINDER and intake and intake.submitted_at:
        return "intake_submitted"
    if followup.kind == FollowUpKind.SURVEY and request and request.survey_answered_at:
        return "survey_answered"
    if followup.kind in (FollowUpKind.RESPONSE_DUE_SOON, FollowUpKind.RESPONSE_OVERDUE) and request and (
        request.first_response_at
        or request.status in (RequestStatus.REFERRED, RequestStatus.CLOSED)
        or request.hub_id != followup.payload.get("hub_id", request.hub_id)
    ):
        return "responded"
    return ""


def _cancel_claimed(followup: FollowUp, token: str, reason: str) -> None:
    with transaction.atomic():
        if _mine(followup, token).update(
            state=FollowUpState.CANCELLED, cancelled_at=timezone.now(), cancel_reason=reason, updated_at=timezone.now()
        ):
            _event(followup, RequestEvent.Kind.EMAIL_CANCELLED, reason)
    logger.info("Follow-up %s skipped: %s", followup.pk, reason)


def _event(followup: FollowUp, kind: str, note: str) -> None:
    followup_record_event(followup=followup, kind=kind, text=f"{FollowUpKind(followup.kind).label} ({note})")


def _record_failure(followup: FollowUp, token: str, error: str) -> str:
    followup.refresh_from_db(fields=["attempts"])
    now = timezone.now()
    final = followup.attempts >= settings.FOLLOWUP_MAX_ATTEMPTS
    with transaction.atomic():
        if final:
            updated = _mine(followup, token).update(state=FollowUpState.FAILED, last_error=error[:2000], updated_at=now)
            if updated:
                _event(followup, RequestEvent.Kind.EMAIL_FAILED, error[:200])
        else:
            _mine(followup, token).update(
                state=FollowUpState.SCHEDULED, due_at=now + sequences.retry_delay(attempts=followup.attempts),
                last_error=error[:2000], send_started_at=None, updated_at=now,
            )
    logger.warning("Follow-up %s attempt %s failed (final: %s): %s", followup.pk, followup.attempts, final, error)
    return FollowUpState.FAILED if final else FollowUpState.SCHEDULED


def _release(followups: list[FollowUp] | list[int], token: str) -> int:
    """Give back claimed rows that were not tried (the mail server failed, or the database failed before the
    hand-over): not an attempt, due as before. Rows whose hand-over started are left to the lease."""
    ids = [f.pk if isinstance(f, FollowUp) else f for f in followups]
    return FollowUp.objects.filter(
        pk__in=ids, state=FollowUpState.SENDING, claimed_by=token, send_started_at__isnull=True
    ).update(state=FollowUpState.SCHEDULED, attempts=F("attempts") - 1, claimed_by="", claimed_at=None,
             updated_at=timezone.now())


def _give_back_after(error: DatabaseError, ids: list[int], token: str) -> NoReturn:
    """A database error before the hand-over: give the claim back now, so the row does not wait out the lease.

    Raises the error again when that worked (the task retries, or the next sweep takes the row), and
    ``ClaimInterrupted`` when the database is still failing (the task retries with its claim's token).
    """
    try:
        _release(ids, token)
    except DatabaseError:
        logger.warning("Follow-ups %s: database error before sending; the claim could not be given back yet", ids)
        raise ClaimInterrupted(token) from error
    logger.warning("Follow-ups %s: database error before sending; claim given back, nothing was sent", ids)
    raise error


def _mail_connection():
    # Opened explicitly: a backend only keeps a connection it did not open itself for the next message.
    mail = get_connection(fail_silently=False)
    mail.open()
    return mail


def _send_one(followup: FollowUp, token: str, mail_box: list, opted_out: set[str]) -> tuple[str, bool]:
    """Check, render, send and record one claimed row; returns its outcome and whether the mail server failed.

    ``mail_box`` holds the batch's open mail connection (opened on the first message that goes out).
    """
    reason = skip_reason(followup, opted_out=opted_out)
    if reason:
        _cancel_claimed(followup, token, reason)
        return FollowUpState.CANCELLED, False
    try:
        message = render_email(followup)
    except Exception as exc:  # a broken template must not leave the row claimed
        logger.exception("Follow-up %s could not be rendered", followup.pk)
        return _record_failure(followup, token, f"render: {exc!r}"), False
    if not _mine(followup, token).update(send_started_at=timezone.now()):
        return "lease_lost", False
    try:
        if not mail_box:
            mail_box.append(_mail_connection())
        if mail_box[0].send_messages([message]) != 1:
            raise RuntimeError("the e-mail backend did not accept the message")
    except Exception as exc:
        _close(mail_box)  # the connection may be broken; the next message opens a fresh one
        # A refused recipient is this row's problem; anything else is the mail server's.
        return _record_failure(followup, token, f"send: {exc!r}"), not isinstance(exc, smtplib.SMTPRecipientsRefused)
    with transaction.atomic():
        now = timezone.now()
        if _mine(followup, token).update(state=FollowUpState.SENT, sent_at=now, last_error="", updated_at=now):
            followup_record_event(followup=followup, kind=RequestEvent.Kind.EMAIL_SENT)
    return FollowUpState.SENT, False


def _close(mail_box: list) -> None:
    while mail_box:
        with contextlib.suppress(Exception):
            mail_box.pop().close()


def send_claimed(*, ids: list[int], token: str) -> tuple[int, bool]:
    """Send the rows of one claim over one mail connection; returns (sent, whether the mail server failed).

    Round alerts go the batch path (``_send_batch``); every other kind row by row (``_send_one``).
    A mail server failure (anything but a refused recipient) ends the batch: the failed row is retried with
    backoff and the untried rows are given back, so a server that is down is not hit once per row.
    """
    try:
        # The scheme once per batch, not once per row: a round alert's 50 rows share one scheme, and a scheme row
        # carries ~17 JSON columns to decode.
        followups = list(FollowUp.objects.select_related(*_RELATED_PER_ROW).prefetch_related("scheme")
                         .filter(pk__in=ids).order_by("due_at", "id"))
        prefetch_subscriptions(followups)  # round alerts: their subscriptions in one query for the batch
        opted_out = opted_out_among(
            emails=[f.recipient for f in followups if sequences.honours_opt_out(f.kind)]
        )
    except DatabaseError as error:
        _give_back_after(error, ids, token)
    batched = [f for f in followups if f.kind in BATCH_KINDS]
    one_by_one = [f for f in followups if f.kind not in BATCH_KINDS]
    mail_box: list = []
    sent = 0
    index = 0
    try:
        if batched:
            sent, mail_failed = _send_batch(batched, token, mail_box, opted_out)
            if mail_failed:
                _release(one_by_one, token)
                return sent, True
        for index, followup in enumerate(one_by_one):
            outcome, mail_failed = _send_one(followup, token, mail_box, opted_out)
            if mail_failed:
                _release(one_by_one[index + 1:], token)
                return sent, True
            sent += outcome == FollowUpState.SENT
    except DatabaseError as error:
        # This row and the untried ones go back; a row whose hand-over had started is left to the lease
        # (_release only takes rows with no send_started_at).
        _give_back_after(error, [f.pk for f in batched] + [f.pk for f in one_by_one[index:]], token)
    finally:
        _close(mail_box)
    return sent, False


def _mine_many(ids: list[int], token: str):
    return FollowUp.objects.filter(pk__in=ids, state=FollowUpState.SENDING, claimed_by=token)


def _cancel_many(followups: list[FollowUp], token: str, reason: str) -> None:
    """``_cancel_claimed`` for several rows with the same reason: one UPDATE, the timeline events in one INSERT."""
    now = timezone.now()
    with transaction.atomic():
        _mine_many([f.pk for f in followups], token).update(
            state=FollowUpState.CANCELLED, cancelled_at=now, cancel_reason=reason, updated_at=now)
        events: list[RequestEvent] = []
        for followup in followups:
            followup_record_event(followup=followup, kind=RequestEvent.Kind.EMAIL_CANCELLED,
                                  text=f"{FollowUpKind(followup.kind).label} ({reason})", pending=events)
        RequestEvent.objects.bulk_create(events)
    logger.info("Follow-ups %s skipped: %s", [f.pk for f in followups], reason)


def _record_sent(followups: list[FollowUp], token: str) -> None:
    """The outcome of a batch's hand-over: one UPDATE for every accepted row, their timeline events in one INSERT."""
    if not followups:
        return
    now = timezone.now()
    with transaction.atomic():
        _mine_many([f.pk for f in followups], token).update(
            state=FollowUpState.SENT, sent_at=now, last_error="", updated_at=now)
        events: list[RequestEvent] = []
        for followup in followups:
            followup_record_event(followup=followup, kind=RequestEvent.Kind.EMAIL_SENT, pending=events)
        RequestEvent.objects.bulk_create(events)


def _send_batch(followups: list[FollowUp], token: str, mail_box: list, opted_out: set[str]) -> tuple[int, bool]:
    """Check, render, send and record a claimed batch with a handful of statements instead of two per mail.

    1. The skip checks for every row (opt-outs looked up once), cancelled rows in one UPDATE per reason.
    2. One render of the shared body per scheme, event and language (``render_round_alerts``).
    3. ``send_started_at`` for the whole batch in **one** committed UPDATE, before the first message is
       handed over: from here on the batch counts as being handed over, as a whole.
    4. Every message over the one mail connection, each with its own ``send_messages`` call, so it is known
       which ones the server accepted.
    5. One UPDATE marks the accepted rows ``sent``. When the mail server fails, the failed row is retried
       with backoff and the rows not yet handed over get ``send_started_at`` cleared again (this worker
       knows it never offered them) and go back to ``scheduled``, not counted as an attempt.
    A worker killed between 3 and 5 leaves the whole batch ``sending`` with ``send_started_at``: ambiguous, and
    after the lease re-sent with the same Message-IDs (FOLLOWUP_RESEND_INTERRUPTED) or failed.
    """
    from journeys.journey_over_time.emails import render_round_alerts

    to_send: list[FollowUp] = []
    skipped: dict[str, list[FollowUp]] = {}
    for followup in followups:
        reason = skip_reason(followup, opted_out=opted_out)
        if reason:
            skipped.setdefault(reason, []).append(followup)
        else:
            to_send.append(followup)
    for reason, rows in skipped.items():
        _cancel_many(rows, token, reason)
    messages = render_round_alerts(to_send)
    ready = []
    for followup in to_send:
        message = messages[followup.pk]
        if isinstance(message, Exception):
            logger.error("Follow-up %s could not be rendered: %r", followup.pk, message)
            _record_failure(followup, token, f"render: {message!r}")
        else:
            ready.append(followup)
    if not ready:
        return 0, False
    started_at = timezone.now()
    ids = [f.pk for f in ready]
    marked = _mine_many(ids, token).filter(send_started_at__isnull=True).update(send_started_at=started_at)
    if marked != len(ready):  # the lease ran out and another worker took some: those are not ours to send
        ours = set(_mine_many(ids, token).filter(send_started_at=started_at).values_list("pk", flat=True))
        ready = [f for f in ready if f.pk in ours]
    accepted: list[FollowUp] = []
    refused: list[tuple[FollowUp, str]] = []
    failed: tuple[FollowUp, str] | None = None
    for index, followup in enumerate(ready):
        try:
            if not mail_box:
                mail_box.append(_mail_connection())
            if mail_box[0].send_messages([messages[followup.pk]]) != 1:
                raise RuntimeError("the e-mail backend did not accept the message")
        except smtplib.SMTPRecipientsRefused as exc:  # this row's problem: the others go on
            _close(mail_box)
            refused.append((followup, f"send: {exc!r}"))
            continue
        except Exception as exc:
            _close(mail_box)
            failed = (followup, f"send: {exc!r}")
            untried = ready[index + 1:]
            break
        accepted.append(followup)
    else:
        untried = []
    _record_sent(accepted, token)
    for followup, error in refused:
        _record_failure(followup, token, error)
    if failed is not None:
        _record_failure(failed[0], token, failed[1])
        _give_back_untried(untried, token, started_at)
    return len(accepted), failed is not None


def _give_back_untried(followups: list[FollowUp], token: str, started_at: datetime) -> int:
    """Rows of a batch whose hand-over was recorded but that this worker never offered to the mail server (it
    failed on an earlier row): back to ``scheduled``, due as before, not counted as an attempt."""
    if not followups:
        return 0
    return _mine_many([f.pk for f in followups], token).filter(send_started_at=started_at).update(
        state=FollowUpState.SCHEDULED, attempts=F("attempts") - 1, claimed_by="", claimed_at=None,
        send_started_at=None, updated_at=timezone.now())


def send_followup(*, followup_id: int, token: str | None = None) -> str:
    """Claim, check, send and record one follow-up. Safe to call any number of times for the same row.

    A database error between the claim and the hand-over gives the claim back (or raises
    ``ClaimInterrupted`` with the token to take it up again), so the row never waits out the lease for it.
    ``token``: such an interrupted claim of an earlier try (the task's retry).
    """
    token = claim(followup_id=followup_id, token=token)
    if token is None:
        return "not_claimed"
    mail_box: list = []
    try:
        followup = FollowUp.objects.select_related(*_RELATED).get(pk=followup_id)
        outcome, _mail_failed = _send_one(followup, token, mail_box, opted_out_among(emails=[followup.recipient]))
    except DatabaseError as error:
        _give_back_after(error, [followup_id], token)
    finally:
        _close(mail_box)
    return outcome


def recover_expired_claims(*, now: datetime | None = None) -> int:
    """Give rows back whose worker died mid-send (claimed longer ago than the lease)."""
    now = now or timezone.now()
    stale = FollowUp.objects.filter(state=FollowUpState.SENDING, claimed_at__lt=now - sequences.lease())
    recovered = 0
    for followup in stale:
        rows = FollowUp.objects.filter(pk=followup.pk, state=FollowUpState.SENDING, claimed_by=followup.claimed_by)
        interrupted = followup.send_started_at is not None
        give_up = followup.attempts >= settings.FOLLOWUP_MAX_ATTEMPTS or (
            interrupted and not settings.FOLLOWUP_RESEND_INTERRUPTED
        )
        # The lease ran out: the worker stopped, or lost the database or the mail server mid-send and could
        # not record the outcome. Which one is unknown here, so the text says what is known.
        if give_up:
            error = ("claim expired during the hand-over to the mail server; it may or may not have arrived"
                     if interrupted else "claim expired before sending")
            with transaction.atomic():
                if rows.update(state=FollowUpState.FAILED, last_error=error, updated_at=now):
                    _event(followup, RequestEvent.Kind.EMAIL_FAILED, error)
            recovered += 1
            continue
        error = ("claim expired during the hand-over to the mail server; sent again" if interrupted
                 else "claim expired before sending; nothing was sent")
        recovered += rows.update(
            state=FollowUpState.SCHEDULED, due_at=now, send_started_at=None, last_error=error, updated_at=now
        )
        logger.warning("Follow-up %s recovered after an expired claim (%s)", followup.pk, error)
    return recovered


def dispatch_due(*, now: datetime | None = None, on_backlog: Callable[[], None] | None = None) -> int:
    """The beat job: recover expired claims, then send due rows oldest first, batch after batch, until none
    are due or the time budget is spent. Returns how many were sent.

    ``on_backlog`` is called once when the first batch comes back full (more is probably waiting), so the
    caller can start sweeps on other workers; their claims never overlap with this one's.
    """
    recover_expired_claims(now=now)
    started = time.monotonic()
    sent = 0
    first = True
    while time.monotonic() - started < DISPATCH_TIME_BUDGET_SECONDS:
        # What somebody is waiting for first: a confirmation never queues behind a scan's alerts. One
        # statement on the small partial index asks whether there is any, before a claim's transaction does.
        ids = []
        if _waiting_due(now):
            token, ids = claim_batch(limit=settings.FOLLOWUP_BATCH_SIZE, now=now, waiting_only=True)
        if not ids:
            token, ids = claim_batch(limit=settings.FOLLOWUP_BATCH_SIZE, now=now)
        if not ids:
            break
        if first and on_backlog is not None and len(ids) == settings.FOLLOWUP_BATCH_SIZE:
            on_backlog()
        first = False
        batch_sent, mail_failed = send_claimed(ids=ids, token=token)
        sent += batch_sent
        if mail_failed:
            break
    return sent
