"""E-mail context for the round news: links from the subscription, the checklist, the dates."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from journeys.journey_over_time.readiness import checklist_for_scheme
from journeys.models import FollowUp, FollowUpKind, RoundSubscription

ROUND_KINDS = (FollowUpKind.ROUND_CONFIRM, FollowUpKind.ROUND_ALERT)


def _absolute(path: str) -> str:
    from django.conf import settings

    return settings.SITE_URL + path


def subscription_of(followup: FollowUp) -> RoundSubscription | None:
    """The row's subscription, read once per send (the skip check and the e-mail share it)."""
    if not hasattr(followup, "_round_subscription"):
        followup._round_subscription = RoundSubscription.objects.filter(
            pk=followup.payload.get("subscription_id")).first()
    return followup._round_subscription


def prefetch_subscriptions(followups: list[FollowUp]) -> None:
    """Load the subscriptions of a batch's round e-mails in one query (the dispatcher's batch)."""
    wanted = [f for f in followups if f.kind in ROUND_KINDS]
    if not wanted:
        return
    found = RoundSubscription.objects.in_bulk([f.payload.get("subscription_id") for f in wanted])
    for followup in wanted:
        followup._round_subscription = found.get(followup.payload.get("subscription_id"))


def round_skip_reason(followup: FollowUp) -> str:
    """Why a round e-mail should no longer go out (checked by the dispatcher at send time); empty when it should."""
    subscription = subscription_of(followup)
    if subscription is None or subscription.unsubscribed_at is not None:
        return "unsubscribed"
    if followup.kind == FollowUpKind.ROUND_CONFIRM and subscription.confirmed_at is not None:
        return "already_confirmed"
    if followup.kind == FollowUpKind.ROUND_ALERT and subscription.confirmed_at is None:
        return "not_confirmed"
    return ""


def round_email_context(followup: FollowUp) -> dict:
    subscription = subscription_of(followup)
    scheme = followup.scheme
    english = followup.language == "en"
    context: dict = {
        "scheme": scheme,
        "scheme_name": ((english and scheme.name_en) or scheme.name) if scheme else "",
        "scheme_page_url": _absolute(scheme.get_absolute_url()) if scheme else "",
        "unsubscribe_url": None,
    }
    if subscription is not None and followup.kind == FollowUpKind.ROUND_CONFIRM:
        context["confirm_url"] = _absolute(reverse("journeys:round-confirm", args=[subscription.token]))
    if subscription is not None and followup.kind == FollowUpKind.ROUND_ALERT:
        context["unsubscribe_url"] = _absolute(reverse("journeys:round-unsubscribe", args=[subscription.token]))
        event = followup.payload.get("event", "")
        context["event"] = "countdown" if event.startswith("countdown") else event
        for field in ("opens_on", "closes_on"):
            value = followup.payload.get(field)
            context[field] = date.fromisoformat(value) if value else None
        if context["opens_on"]:
            context["days_left"] = (context["opens_on"] - timezone.localdate()).days
        context["checklist"] = checklist_for_scheme(requirements=scheme.requirements if scheme else [])
    return context
