"""Claim due follow-ups (one winner per row), send them, record the outcome, retry with backoff.

Delivery guarantee, in short (details in docs/followups.md):
- claim: a conditional UPDATE ``state: scheduled -> sending``; only one worker's UPDATE matches, on
  PostgreSQL and SQLite alike, so two workers never both send a row;
- ``send_started_at`` is committed right before the mail server is called. A worker that dies before that
  point provably sent nothing; after the lease its row is simply scheduled again;
- a worker that dies *during* the hand-over leaves an ambiguous row. With FOLLOWUP_RESEND_INTERRUPTED (the
  default) it is sent again with the same Message-ID (at-least-once: a mail server that never answered
  "250 OK" discarded the first copy); turned off, the row ends as ``failed`` for staff to check (at-most-once).
"""

import logging
import os
import socket
import time
import uuid
from datetime import datetime

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from journeys.followups import sequences
from journeys.followups.messages import render_email
from journeys.followups.services import is_opted_out, record_followup_event
from journeys.models import FollowUp, FollowUpKind, FollowUpState, RequestEvent, RequestStatus

logger = logging.getLogger(__name__)

# Leave room under the task's soft time limit; the rest waits for the next beat tick.
DISPATCH_TIME_BUDGET_SECONDS = 60


def _claimant() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def claim(*, followup_id: int, now: datetime | None = None) -> str | None:
    """Take the row for sending; returns this claim's token, or None when another worker has it."""
    now = now or timezone.now()
    token = _claimant()
    won = FollowUp.objects.filter(pk=followup_id, state=FollowUpState.SCHEDULED, due_at__lte=now).update(
        state=FollowUpState.SENDING, claimed_at=now, claimed_by=token, send_started_at=None,
        attempts=F("attempts") + 1, updated_at=now,
    )
    return token if won else None


def _mine(followup: FollowUp, token: str):
    return FollowUp.objects.filter(pk=followup.pk, state=FollowUpState.SENDING, claimed_by=token)


def skip_reason(followup: FollowUp) -> str:
    """Why this follow-up should no longer go out, decided at send time; empty when it should."""
    if sequences.honours_opt_out(followup.kind) and is_opted_out(email=followup.recipient):
        return "unsubscribed"
    request = followup.support_request
    intake = followup.intake or (request.intake if request else None)
    if (request and request.anonymised_at) or (intake and intake.anonymised_at):
        return "anonymised"
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
    record_followup_event(followup=followup, kind=kind, text=f"{FollowUpKind(followup.kind).label} ({note})")


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


def send_followup(*, followup_id: int) -> str:
    """Claim, check, send and record one follow-up. Safe to call any number of times for the same row."""
    token = claim(followup_id=followup_id)
    if token is None:
        return "not_claimed"
    related = ("support_request__hub", "support_request__intake", "intake", "scheme")
    followup = FollowUp.objects.select_related(*related).get(pk=followup_id)
    reason = skip_reason(followup)
    if reason:
        _cancel_claimed(followup, token, reason)
        return FollowUpState.CANCELLED
    try:
        message = render_email(followup)
    except Exception as exc:  # a broken template must not leave the row claimed
        logger.exception("Follow-up %s could not be rendered", followup_id)
        return _record_failure(followup, token, f"render: {exc!r}")
    if not _mine(followup, token).update(send_started_at=timezone.now()):
        return "lease_lost"
    try:
        if get_connection(fail_silently=False).send_messages([message]) != 1:
            raise RuntimeError("the e-mail backend did not accept the message")
    except Exception as exc:
        return _record_failure(followup, token, f"send: {exc!r}")
    with transaction.atomic():
        now = timezone.now()
        if _mine(followup, token).update(state=FollowUpState.SENT, sent_at=now, last_error="", updated_at=now):
            record_followup_event(followup=followup, kind=RequestEvent.Kind.EMAIL_SENT)
    return FollowUpState.SENT


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
        if give_up:
            error = "worker stopped while sending; it may or may not have arrived" if interrupted else "worker stopped"
            with transaction.atomic():
                if rows.update(state=FollowUpState.FAILED, last_error=error, updated_at=now):
                    _event(followup, RequestEvent.Kind.EMAIL_FAILED, error)
            recovered += 1
            continue
        error = "worker stopped while sending; sent again" if interrupted else "worker stopped before sending"
        recovered += rows.update(
            state=FollowUpState.SCHEDULED, due_at=now, send_started_at=None, last_error=error, updated_at=now
        )
        logger.warning("Follow-up %s recovered after an expired claim (%s)", followup.pk, error)
    return recovered


def dispatch_due(*, now: datetime | None = None) -> int:
    """The beat job: recover expired claims, then send due rows oldest first. Returns how many were sent."""
    recover_expired_claims(now=now)
    now = now or timezone.now()
    due_ids = list(
        FollowUp.objects.filter(state=FollowUpState.SCHEDULED, due_at__lte=now)
        .order_by("due_at", "id")
        .values_list("id", flat=True)[: settings.FOLLOWUP_BATCH_SIZE]
    )
    started = time.monotonic()
    sent = 0
    for followup_id in due_ids:
        if time.monotonic() - started > DISPATCH_TIME_BUDGET_SECONDS:
            break
        sent += send_followup(followup_id=followup_id) == FollowUpState.SENT
    return sent
