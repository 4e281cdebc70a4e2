"""Writes: record an export, and erase everything under one e-mail address (by anonymising it)."""

import logging

from django.db import transaction
from django.utils import timezone

from journeys.models import FollowUpState, PrivacyAction
from journeys.privacy.retention import intake_anonymise
from journeys.privacy.selectors import (
    followups_for_email,
    intakes_for_email,
    privacy_export,
    round_subscriptions_for_email,
)

logger = logging.getLogger(__name__)


def _record(*, kind: str, actor) -> PrivacyAction:
    return PrivacyAction.objects.create(kind=kind, performed_by=actor, performed_by_username=actor.get_username())


def privacy_export_record(*, email: str, actor) -> dict:
    """The export for this address; the fact that ``actor`` exported something is recorded."""
    with transaction.atomic():
        data = privacy_export(email=email)
        _record(kind=PrivacyAction.Kind.EXPORT, actor=actor)
    logger.info("Privacy export by user %s.", actor.pk)
    return data


@transaction.atomic
def privacy_erase(*, email: str, actor) -> int:
    """Erase the address's personal data everywhere; returns how many intakes were anonymised.

    Erasing is anonymising with the retention rules (journeys.privacy.retention), at once and regardless of
    age or status: the anonymous facts stay so the figures stay right, nothing left points to the person.
    The e-mail opt-out is kept on purpose: it is what stops the portal from ever mailing the address again.
    """
    now = timezone.now()
    erased = sum(
        intake_anonymise(intake_id=intake_id, now=now)
        for intake_id in intakes_for_email(email=email).values_list("id", flat=True)
    )
    # Follow-ups that name the address without a link to an intake (none today, but the outbox allows it).
    leftovers = followups_for_email(email=email).exclude(recipient="")
    leftovers.filter(state=FollowUpState.SCHEDULED).update(
        state=FollowUpState.CANCELLED, cancelled_at=now, cancel_reason="erased", updated_at=now
    )
    leftovers.update(recipient="", payload={}, last_error="", updated_at=now)
    # Round-news sign-ups are only an address and a scheme: nothing anonymous is left worth keeping.
    round_subscriptions_for_email(email=email).delete()
    _record(kind=PrivacyAction.Kind.ERASE, actor=actor)
    logger.info("Privacy erasure by user %s.", actor.pk)
    return erased
