"""Writes: schedule follow-ups (inside the caller's transaction), cancel them, opt out, answer the survey."""

import hashlib
import logging
from datetime import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journeys.followups import sequences
from journeys.models import (
    EmailOptOut,
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Intake,
    Outcome,
    RequestEvent,
    SupportRequest,
)
from portal.enqueue import sweep_on_commit

logger = logging.getLogger(__name__)

OPEN_STATES = (FollowUpState.SCHEDULED,)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def is_opted_out(*, email: str) -> bool:
    return EmailOptOut.objects.filter(email=normalise_email(email)).exists()


def opted_out_among(*, emails: list[str]) -> set[str]:
    """The addresses (normalised) among ``emails`` that opted out: one query for a whole batch."""
    wanted = {normalise_email(email) for email in emails}
    if not wanted:
        return set()
    return set(EmailOptOut.objects.filter(email__in=wanted).values_list("email", flat=True))


def followup_record_event(
    *, followup: FollowUp, kind: str, actor=None, text: str = "", pending: list | None = None
) -> None:
    """A line on the request timeline (internal: never shown to the entrepreneur).

    ``pending``: a list of unsaved events the caller inserts itself, in one statement with its own, in the
    same transaction; the event is appended there instead of being inserted now.
    """
    if followup.support_request_id is None:
        return
    if FollowUp.support_request.is_cached(followup):  # loaded with the row: no extra query per e-mail
        hub_id = followup.support_request.hub_id
    else:
        hub_id = SupportRequest.objects.filter(pk=followup.support_request_id).values_list("hub_id", flat=True).first()
    event = RequestEvent(
        request_id=followup.support_request_id,
        hub_id=hub_id,
        actor=actor,
        kind=kind,
        text=text or str(FollowUpKind(followup.kind).label),
        data={"followup_id": followup.pk, "followup_kind": followup.kind, "recipient": followup.audience},
        is_public=False,
    )
    if pending is not None:
        pending.append(event)
    else:
        event.save(force_insert=True)


def followup_row(
    *, kind: str, recipient: str, due_at: datetime, idempotency_key: str, language: str = "nl",
    support_request: SupportRequest | None = None, intake: Intake | None = None, scheme=None,
    payload: dict | None = None,
) -> FollowUp | None:
    """The unsaved outbox row ``followup_schedule`` stores; None when it is not to be sent (no address, opted out)."""
    recipient = normalise_email(recipient)
    if not recipient:
        return None
    if sequences.honours_opt_out(kind) and is_opted_out(email=recipient):
        return None
    return FollowUp(
        kind=kind, audience=sequences.SEQUENCES[kind].audience, recipient=recipient,
        language=language if language in {"nl", "en"} else "nl", due_at=due_at, idempotency_key=idempotency_key,
        support_request=support_request, intake=intake, scheme=scheme, payload=payload or {},
    )


def followup_schedule(
    *,
    kind: str,
    recipient: str,
    due_at: datetime,
    idempotency_key: str,
    language: str = "nl",
    support_request: SupportRequest | None = None,
    intake: Intake | None = None,
    scheme=None,
    payload: dict | None = None,
    send_now: bool = True,
    new_parent: bool = False,
    pending_events: list | None = None,
) -> FollowUp | None:
    """Store one follow-up, once per ``idempotency_key``; returns None when it is not to be sent at all.

    Call it inside the transaction of the event that causes it: the row commits (or rolls back) with that
    event. A row due now is also queued right after commit so it does not wait for the next beat tick;
    when the broker is down the beat dispatcher still finds the row. Callers that schedule many rows at
    once (the beat scans) pass ``send_now=False`` and start one sweep afterwards instead of a task per row.

    ``new_parent``: the key names a row created in the caller's still open transaction (a support request
    just inserted), so no other transaction can have stored this key yet and no earlier row can hold it
    (PostgreSQL never hands out a sequence value twice). The look-up and the savepoint are then skipped: two
    round trips of every submission with a contact request. Should the key exist all the same, the
    ``IntegrityError`` rolls the caller's whole transaction back (all or nothing), never half of it.
    """
    row = followup_row(kind=kind, recipient=recipient, due_at=due_at, idempotency_key=idempotency_key,
                       language=language, support_request=support_request, intake=intake, scheme=scheme,
                       payload=payload)
    if row is None:
        return None
    if new_parent and connection.vendor == "postgresql" and transaction.get_connection().in_atomic_block:
        row.save(force_insert=True)
        followup = row
    else:
        existing = FollowUp.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing
        try:
            with transaction.atomic():  # a savepoint: a concurrent duplicate must not break the caller's transaction
                row.save(force_insert=True)
                followup = row
        except IntegrityError:
            return FollowUp.objects.filter(idempotency_key=idempotency_key).first()
    followup_record_event(followup=followup, kind=RequestEvent.Kind.EMAIL_SCHEDULED, pending=pending_events)
    if send_now and due_at <= timezone.now():
        followup_send_soon()
    return followup


def followup_send_soon() -> None:
    """After commit, make sure a sweep is queued for the rows due now (one sweep for many rows, not a task each).

    The sweep claims the rows somebody is waiting for first (``journeys.models.followups.WAITING_KINDS``), so a
    confirmation does not queue behind a scan's thousands of alerts.
    """
    from journeys.followups.tasks import dispatch_due

    sweep_on_commit(dispatch_due, seconds=settings.FOLLOWUP_DISPATCH_SECONDS)


def followup_schedule_request_confirmation(
    *, support_request: SupportRequest, new_request: bool = False, pending_events: list | None = None
) -> FollowUp | None:
    """The confirmation with route summary and status link, due at once. Call when the request is created.

    ``new_request``: the request was inserted in the caller's open transaction (see ``new_parent``).
    """
    intake = support_request.intake
    return followup_schedule(
        kind=FollowUpKind.REQUEST_CONFIRMATION,
        recipient=intake.email,
        language=intake.language,
        due_at=timezone.now(),
        idempotency_key=f"confirmation:{support_request.pk}",
        support_request=support_request,
        intake=intake,
        new_parent=new_request,
        pending_events=pending_events,
    )


def followup_schedule_public_message(*, event: RequestEvent) -> FollowUp | None:
    """E-mail the entrepreneur that the hub wrote to them, due at once. Call in the message's transaction.

    The text is read from the timeline event when the mail is sent (not copied into the outbox), so an
    anonymised request never mails it. An address that unsubscribed gets nothing.
    """
    support_request = event.request
    intake = support_request.intake
    return followup_schedule(
        kind=FollowUpKind.PUBLIC_MESSAGE,
        recipient=intake.email,
        language=intake.language,
        due_at=timezone.now(),
        idempotency_key=f"public-message:{event.pk}",
        support_request=support_request,
        intake=intake,
        payload={"event_id": event.pk},
    )


def _require_email(intake: Intake) -> None:
    """Mails about a saved intake need the address the entrepreneur gave when saving."""
    if not intake.email:
        raise ValidationError(_("Vul uw e-mailadres in, dan sturen we u een link om verder te gaan."), code="email")


def followup_schedule_intake_reminder(*, intake: Intake, resume_url: str) -> FollowUp | None:
    """One reminder to finish a saved intake; skipped at send time if it was submitted meanwhile."""
    _require_email(intake)
    return followup_schedule(
        kind=FollowUpKind.INTAKE_REMINDER,
        recipient=intake.email,
        language=intake.language,
        due_at=sequences.intake_reminder_due(saved_at=timezone.now()),
        idempotency_key=f"intake-reminder:{intake.pk}",
        intake=intake,
        payload={"resume_url": urljoin(settings.SITE_URL + "/", resume_url)},
    )


def followup_schedule_resume_link(*, intake: Intake, resume_url: str) -> FollowUp | None:
    """The link the entrepreneur asked for to continue a saved intake, due at once.

    One row per link asked for (the key holds a hash of the signed URL), so asking again sends again while a
    double click within the same second sends once. Sent even to an address that opted out: the person asks
    for this mail right now, which overrides the opt-out for this one mail (never for the reminder).
    """
    _require_email(intake)
    absolute_url = urljoin(settings.SITE_URL + "/", resume_url)
    digest = hashlib.sha256(absolute_url.encode()).hexdigest()[:32]
    return followup_schedule(
        kind=FollowUpKind.RESUME_LINK,
        recipient=intake.email,
        language=intake.language,
        due_at=timezone.now(),
        idempotency_key=f"resume-link:{intake.pk}:{digest}",
        intake=intake,
        payload={"resume_url": absolute_url, "days": settings.INTAKE_RESUME_DAYS},
    )


def followup_schedule_survey(*, support_request: SupportRequest) -> FollowUp | None:
    """"Did this help?" some days after referral or closing; once per request, only with follow-up consent.

    Not for a request closed as a duplicate: the person is asked about the original request instead.
    """
    intake = support_request.intake
    if not intake.followup_opt_in or support_request.survey_answered_at:
        return None
    if support_request.outcome == Outcome.DUPLICATE:
        return None
    return followup_schedule(
        kind=FollowUpKind.SURVEY,
        recipient=intake.email,
        language=intake.language,
        due_at=sequences.survey_due(event_at=timezone.now()),
        idempotency_key=f"survey:{support_request.pk}",
        support_request=support_request,
        intake=intake,
    )


def followup_cancel(*, followup: FollowUp, actor=None, reason: str = "staff") -> bool:
    """Cancel a scheduled follow-up; False if it was already being sent, sent or cancelled."""
    cancelled = FollowUp.objects.filter(pk=followup.pk, state=FollowUpState.SCHEDULED).update(
        state=FollowUpState.CANCELLED, cancelled_at=timezone.now(), cancelled_by=actor, cancel_reason=reason,
        updated_at=timezone.now(),
    )
    if cancelled:
        followup_record_event(followup=followup, kind=RequestEvent.Kind.EMAIL_CANCELLED, actor=actor)
    return bool(cancelled)


@transaction.atomic
def email_unsubscribe(*, email: str) -> int:
    """Opt the address out of every follow-up; scheduled e-mails to it are cancelled now. Returns that count."""
    email = normalise_email(email)
    EmailOptOut.objects.get_or_create(email=email)
    pending = FollowUp.objects.filter(
        recipient=email, audience=FollowUp.Audience.ENTREPRENEUR, state=FollowUpState.SCHEDULED
    ).exclude(kind__in=sequences.kinds_without_opt_out())
    count = 0
    for followup in pending:
        count += followup_cancel(followup=followup, reason="unsubscribed")
    from journeys.consortia.services import partner_profile_withdraw_for_email  # one-click also stops the search

    partner_profile_withdraw_for_email(email=email)
    logger.info("Follow-up opt-out recorded; %s scheduled e-mails cancelled.", count)
    return count


def survey_answer(*, support_request_id: int, helped: bool | None, rating: int | None) -> bool:
    """Store the survey answer once; False when it had already been answered."""
    if helped is None and rating is None:
        raise ValidationError(_("Kies een antwoord."), code="required")
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError(_("Kies een cijfer van 1 tot en met 5."), code="rating")
    now = timezone.now()
    with transaction.atomic():
        # The condition makes the first answer win, even with two clicks at the same moment.
        stored = SupportRequest.objects.filter(
            pk=support_request_id, survey_answered_at__isnull=True, anonymised_at__isnull=True
        ).update(survey_helped=helped, survey_rating=rating, survey_answered_at=now, updated_at=now)
        if stored:
            hub_id = SupportRequest.objects.values_list("hub_id", flat=True).get(pk=support_request_id)
            RequestEvent.objects.create(
                request_id=support_request_id, hub_id=hub_id, kind=RequestEvent.Kind.SURVEY_ANSWERED,
                data={"helped": helped, "rating": rating}, is_public=False,
            )
    return bool(stored)
