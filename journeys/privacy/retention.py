"""Retention: anonymise what identifies an entrepreneur, keep the anonymous facts the dashboard counts.

What is blanked (decided in docs/security.md, "Retention"):
- the Intake's identifying columns: company name, KvK number, postcode, contact name, e-mail, phone;
- every answer in ``Intake.answers`` that is not a closed choice (free text, e-mail, phone, KvK,
  postcode, and any key the questionnaire does not know), so new free-text questions are covered too;
- free text on the request's timeline (staff notes, messages, reasons), the stage-override reason,
  referral reasons, and the copy of the answers kept in the timeline's "created" event (same rule);
- the recipient, payload and last error of its follow-up e-mails (scheduled ones are cancelled);
- the secret status link (the token is replaced, so old links stop working).

What stays: stage and its reasons, municipality, province, hub, company size, tags (sector, theme,
business area, driver, barrier), the matched schemes, routing, status, outcome, dates and survey
answers. Those are the facts behind the insight dashboard; without a name, address or free text they
no longer point to a person.

Which intakes expire after ``settings.RETENTION_MONTHS``: those whose support request was closed that
long ago, and those that never became a request (drafts and results without contact) and were last
touched that long ago. Open requests are never anonymised by time: a hub is still working on them.
"""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from journeys.consortia.services import partner_profile_anonymise
from journeys.intake import questions as q
from journeys.models import (
    FollowUp,
    FollowUpState,
    Intake,
    RequestEvent,
    RequestStatus,
    RoundSubscription,
    SupportRequest,
)

logger = logging.getLogger(__name__)

# Answers that are a choice from a fixed list (or a count): they cannot hold a name or an address.
ANONYMOUS_ANSWER_KINDS = {q.Kind.RADIO, q.Kind.CHECKBOXES, q.Kind.NUMBER, q.Kind.CONSENT, q.Kind.OPT_IN}
PERSONAL_FIELDS = ("company_name", "kvk_number", "postcode", "contact_name", "email", "phone")


ENDED_SUBSCRIPTION_DAYS = 30


def anonymous_answers(answers: dict) -> dict:
    """The answers without anything a person could have typed."""
    kept = {}
    for key, value in answers.items():
        question = q.QUESTIONS.get(key)
        if key == q.MUNICIPALITY_KEY or (question and question.kind in ANONYMOUS_ANSWER_KINDS):
            kept[key] = value
    return kept


def retention_cutoff(*, now: datetime | None = None, months: int | None = None) -> datetime:
    now = now or timezone.now()
    months = settings.RETENTION_MONTHS if months is None else months
    # Calendar months: the same day N months back (clamped to the month's last day).
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    month += 1
    for day in (now.day, 30, 29, 28):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def expired_intake_ids(*, now: datetime | None = None, limit: int = 1000) -> list[int]:
    """Ids of intakes past retention that are not anonymised yet, oldest first."""
    cutoff = retention_cutoff(now=now)
    closed = Q(
        support_request__status=RequestStatus.CLOSED,
        support_request__closed_at__lt=cutoff,
    )
    # An active partner profile (consent not withdrawn) keeps its intake, like an open request (issue 18).
    never_a_request = Q(support_request__isnull=True, updated_at__lt=cutoff) & ~Q(
        partner_profile__withdrawn_at__isnull=True, partner_profile__isnull=False)
    return list(
        Intake.objects.filter(anonymised_at__isnull=True)
        .filter(closed | never_a_request)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )


def _scrub_events(*, request_id: int) -> None:
    """Staff free text may quote the entrepreneur, and the "created" event holds the raw answers."""
    for event in RequestEvent.objects.filter(request_id=request_id).only("id", "text", "data"):
        data = event.data
        if isinstance(data, dict) and isinstance(data.get("answers"), dict):
            data = {**data, "answers": anonymous_answers(data["answers"])}
        if event.text or data != event.data:
            RequestEvent.objects.filter(pk=event.pk).update(text="", data=data)


def intake_anonymise(*, intake_id: int, now: datetime | None = None) -> bool:
    """Anonymise one intake and everything hanging off it; False if it was anonymised already.

    The row is locked first, so two runs at the same time anonymise it once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        intake = Intake.objects.select_for_update().filter(pk=intake_id, anonymised_at__isnull=True).first()
        if intake is None:
            return False
        for field in PERSONAL_FIELDS:
            setattr(intake, field, "")
        intake.answers = anonymous_answers(intake.answers)
        intake.anonymised_at = now
        intake.save(update_fields=[*PERSONAL_FIELDS, "answers", "anonymised_at", "updated_at"])

        request = SupportRequest.objects.select_for_update().filter(intake_id=intake.pk).first()
        if request is not None:
            SupportRequest.objects.filter(pk=request.pk).update(
                status_token=secrets.token_urlsafe(32),
                stage_override_reason="",
                anonymised_at=now,
                updated_at=now,
            )
            _scrub_events(request_id=request.pk)
            request.hub_traces.update(reason="")
            request.partner_referrals.update(note="")  # what staff wrote for a partner (issue 19)
            # "Waar staat u nu?" free text may name people; the stage and outcome answers stay (issue 20).
            request.reassessments.update(what_did="", what_helped="")

        partner_profile_anonymise(intake_id=intake.pk, now=now)
        followups = FollowUp.objects.filter(Q(intake_id=intake.pk) | Q(support_request__intake_id=intake.pk))
        followups.filter(state=FollowUpState.SCHEDULED).update(
            state=FollowUpState.CANCELLED, cancelled_at=now, cancel_reason="anonymised", updated_at=now
        )
        followups.update(recipient="", payload={}, last_error="", updated_at=now)
    return True


def anonymise_expired(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Anonymise every intake past retention; safe to run again at any time. Returns how many."""
    total = 0
    while True:
        ids = expired_intake_ids(now=now, limit=batch_size)
        if not ids:
            break
        done = sum(intake_anonymise(intake_id=intake_id, now=now) for intake_id in ids)
        total += done
        if done == 0:  # another run took them all; do not spin
            break
    pruned = round_subscriptions_prune(now=now)
    logger.info("Retention: %s intakes anonymised, %s round-news sign-ups removed.", total, pruned)
    return total


def round_subscriptions_prune(*, now: datetime | None = None) -> int:
    """Remove round-news sign-ups that ended (unsubscribed) or were never confirmed, ``ENDED_SUBSCRIPTION_DAYS``
    after that: an address is kept only while it is used (the grace lets a second click on "afmelden" still
    say "U bent afgemeld" instead of "link not valid")."""
    now = now or timezone.now()
    before = now - timedelta(days=ENDED_SUBSCRIPTION_DAYS)
    stale = Q(unsubscribed_at__lt=before) | Q(confirmed_at__isnull=True, created_at__lt=before)
    deleted, _ = RoundSubscription.objects.filter(stale).delete()
    return deleted

