"""E-mail context for the round news: links from the subscription, the checklist, the dates."""

from datetime import date

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

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


# Stands in for the per-subscriber unsubscribe link while a batch's shared body is rendered; plain ASCII
# without characters HTML would escape, so replacing it in the text and the HTML gives what a render with the
# real link gives (tested against render_email).
UNSUBSCRIBE_PLACEHOLDER = "https://placeholder.invalid/op-de-hoogte/afmelden/UNSUBSCRIBE-PLACEHOLDER/"


def _unsubscribe_url(subscription: RoundSubscription) -> str:
    return _absolute(reverse("journeys:round-unsubscribe", args=[subscription.token]))


def render_round_alerts(followups: list[FollowUp]) -> dict[int, EmailMultiAlternatives | Exception]:
    """The e-mails of a batch of round alerts, by row id (or the exception that kept one from rendering).

    The templates are rendered once per scheme, event, round dates and language (for a round opening:
    once per language for the whole batch); each subscriber's mail gets only its own unsubscribe link (in the
    text, the HTML and the List-Unsubscribe header) and its own Message-ID. A row whose subscription is gone,
    or whose link would need escaping, is rendered on its own with ``render_email``.
    """
    from journeys.followups.emails import compose_email, render_email, render_parts

    shared: dict[tuple, tuple[str, str, str] | Exception] = {}
    messages: dict[int, EmailMultiAlternatives | Exception] = {}
    for followup in followups:
        subscription = subscription_of(followup)
        url = _unsubscribe_url(subscription) if subscription is not None else None
        try:
            if url is None or escape(url) != url or followup.kind != FollowUpKind.ROUND_ALERT:
                messages[followup.pk] = render_email(followup)
                continue
            key = (followup.kind, followup.scheme_id, followup.language,
                   tuple(sorted((k, str(v)) for k, v in followup.payload.items() if k != "subscription_id")))
            if key not in shared:
                try:
                    subject, text, html, _context = render_parts(
                        followup, overrides={"unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER})
                    shared[key] = (subject, text, html)
                except Exception as exc:  # every row of the group fails the same way; each records it
                    shared[key] = exc
            if isinstance(shared[key], Exception):
                raise shared[key]
            subject, text, html = shared[key]
            messages[followup.pk] = compose_email(
                followup=followup, subject=subject, text=text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
                html=html.replace(UNSUBSCRIBE_PLACEHOLDER, url), unsubscribe_url=url,
            )
        except Exception as exc:  # a broken template must not leave the batch claimed
            messages[followup.pk] = exc
    return messages
