"""Writes for "Houd mij op de hoogte": ask (sends the confirmation e-mail), confirm, unsubscribe."""

import hashlib
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from journeys.followups.services import followup_schedule, normalise_email
from journeys.models import FollowUpKind, RoundSubscription
from journeys.models.journey_over_time import new_subscription_token

logger = logging.getLogger(__name__)


def _token_tag(subscription: RoundSubscription) -> str:
    """Tells a fresh start (new secret) from the old one in the outbox key, without putting the secret there."""
    return hashlib.sha256(subscription.token.encode()).hexdigest()[:10]


def round_subscription_request(*, scheme, email: str, language: str = "nl") -> RoundSubscription:
    """Store the wish and queue the confirmation e-mail (double opt-in), in one transaction.

    Asking again is safe: the same row is reused, and at most one confirmation goes out per address, scheme
    and day (the outbox key holds the date). Someone who unsubscribed and asks again starts afresh, with a
    new secret, and must confirm again.
    """
    email = normalise_email(email)
    language = language if language in {"nl", "en"} else "nl"
    with transaction.atomic():
        subscription = RoundSubscription.objects.select_for_update().filter(scheme=scheme, email=email).first()
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = RoundSubscription.objects.create(scheme=scheme, email=email, language=language)
            except IntegrityError:  # a second tab asked at the same moment
                subscription = RoundSubscription.objects.select_for_update().get(scheme=scheme, email=email)
        elif subscription.unsubscribed_at is not None:
            subscription.unsubscribed_at = None
            subscription.confirmed_at = None
            subscription.token = new_subscription_token()
            subscription.language = language
            subscription.save(update_fields=["unsubscribed_at", "confirmed_at", "token", "language"])
        key = f"round-confirm:{subscription.pk}:{_token_tag(subscription)}:{timezone.localdate()}"
        followup_schedule(
            kind=FollowUpKind.ROUND_CONFIRM, recipient=email, language=subscription.language,
            due_at=timezone.now(), idempotency_key=key,
            scheme=scheme, payload={"subscription_id": subscription.pk},
        )
    logger.info("Round subscription %s asked for scheme %s", subscription.pk, scheme.pk)
    return subscription


def round_subscription_confirm(*, subscription: RoundSubscription) -> bool:
    """Confirm from the e-mail's link; True when this call confirmed it (False: it already was)."""
    updated = RoundSubscription.objects.filter(
        pk=subscription.pk, confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    if updated:
        logger.info("Round subscription %s confirmed", subscription.pk)
    return bool(updated)


def round_subscription_unsubscribe(*, subscription: RoundSubscription) -> bool:
    """Stop it (one click); alerts already in the outbox are skipped at send time. True when this call did."""
    updated = RoundSubscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
    if updated:
        logger.info("Round subscription %s ended", subscription.pk)
    return bool(updated)


def request_outcome_record(*, support_request, actor, data: dict, source: str = "staff"):
    """Store one report of what came of a request (``data``: the cleaned OutcomeForm)."""
    from journeys.models import RequestOutcome

    outcome = RequestOutcome.objects.create(
        support_request=support_request, source=source, result=data["result"], scheme=data.get("scheme"),
        partner=(data.get("partner") or "").strip(), amount_eur=data.get("amount_eur"),
        tonnes_saved=data.get("tonnes_saved"), circular_revenue_eur=data.get("circular_revenue_eur"),
        recorded_by=actor if source == "staff" else None,
    )
    logger.info("Outcome %s recorded for request %s", outcome.pk, support_request.pk)
    return outcome
