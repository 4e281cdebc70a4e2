"""E-mail context for the round news: links from the subscription, the checklist, the dates; a batch's mails."""

import re
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


# Stand in for the per-subscriber parts while a batch's shared mail is rendered and serialised: plain ASCII
# without characters HTML would escape or a mail header would fold, so putting the real values in gives what
# rendering and serialising with them gives (tested against render_email and Django's own serialisation).
UNSUBSCRIBE_PLACEHOLDER = "https://placeholder.invalid/op-de-hoogte/afmelden/UNSUBSCRIBE-PLACEHOLDER/"
RECIPIENT_PLACEHOLDER = "recipient-placeholder@placeholder.invalid"
MESSAGE_ID_PLACEHOLDER = "<message-id-placeholder@placeholder.invalid>"
_SIMPLE_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+")
_SIMPLE_HEADER_VALUE = re.compile(r"[!-~]+")  # printable ASCII, no space: a header never folds inside it


class _Serialised:
    """What Django's mail backends ask of ``EmailMessage.message()`` (``as_bytes``; the file and console
    backends also ``get_charset``), for a message that is already serialised."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self._data if linesep == "\n" else self._data.replace(b"\n", linesep.encode())

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(linesep=linesep).decode()

    def get_charset(self):
        return None


class PreparedEmail(EmailMultiAlternatives):
    """An e-mail whose MIME form was made by filling this recipient's parts into a batch's serialised mail.

    Subject, body, HTML, recipient and headers are those of the ordinary message (the locmem backend of the
    tests keeps this object); only ``message()``, which every backend calls to get the bytes, skips
    Python's e-mail generator, the largest cost per mail (~1 ms) when a batch goes out.
    """

    prepared: bytes | None = None

    def message(self):
        if self.prepared is None:
            return super().message()
        return _Serialised(self.prepared)


class _SharedMail:
    """A group's rendered mail, and (when placeholders allow it) its serialised form to fill in per row."""

    def __init__(self, followup: FollowUp) -> None:
        from journeys.followups.emails import render_parts

        self.subject, self.text, self.html, _context = render_parts(
            followup, overrides={"unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER})
        self.serialised = self._serialise()

    def _serialise(self) -> bytes | None:
        template = EmailMultiAlternatives(
            subject=self.subject, body=self.text, to=[RECIPIENT_PLACEHOLDER],
            headers=_headers(MESSAGE_ID_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER),
        )
        template.attach_alternative(self.html, "text/html")
        data = template.message().as_bytes()
        url = UNSUBSCRIBE_PLACEHOLDER.encode()
        # Each placeholder exactly where it was put (not encoded, not split over lines), and no CR that the
        # SMTP line ending would double: else every row gets Django's own serialisation.
        expected_links = self.text.count(UNSUBSCRIBE_PLACEHOLDER) + self.html.count(UNSUBSCRIBE_PLACEHOLDER) + 1
        if (data.count(url) != expected_links or data.count(RECIPIENT_PLACEHOLDER.encode()) != 1
                or data.count(MESSAGE_ID_PLACEHOLDER.encode()) != 1 or b"\r" in data):
            return None
        return data

    def email_for(self, followup: FollowUp, url: str) -> EmailMultiAlternatives:
        message = PreparedEmail(
            subject=self.subject, body=self.text.replace(UNSUBSCRIBE_PLACEHOLDER, url), to=[followup.recipient],
            headers=_headers(followup.message_id, url),
        )
        message.attach_alternative(self.html.replace(UNSUBSCRIBE_PLACEHOLDER, url), "text/html")
        if (self.serialised is not None and _SIMPLE_ADDRESS.fullmatch(followup.recipient)
                and _SIMPLE_HEADER_VALUE.fullmatch(followup.message_id) and _SIMPLE_HEADER_VALUE.fullmatch(url)):
            message.prepared = (
                self.serialised.replace(RECIPIENT_PLACEHOLDER.encode(), followup.recipient.encode())
                .replace(MESSAGE_ID_PLACEHOLDER.encode(), followup.message_id.encode())
                .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), url.encode())
            )
        return message


def _headers(message_id: str, unsubscribe_url: str) -> dict:
    # The same headers as journeys.followups.emails.compose_email gives a mail with an unsubscribe link.
    return {"Message-ID": message_id, "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _unsubscribe_url(subscription: RoundSubscription) -> str:
    return _absolute(reverse("journeys:round-unsubscribe", args=[subscription.token]))


def render_round_alerts(followups: list[FollowUp]) -> dict[int, EmailMultiAlternatives | Exception]:
    """The e-mails of a batch of round alerts, by row id (or the exception that kept one from rendering).

    The templates are rendered, and the MIME message serialised, once per scheme, event, round dates and
    language (for a round opening: once per language for the whole batch); each subscriber's mail gets only
    its own address, unsubscribe link (text, HTML, List-Unsubscribe header) and Message-ID. A row whose
    subscription is gone, or whose link would need escaping, is rendered on its own with ``render_email``.
    """
    from journeys.followups.emails import render_email

    shared: dict[tuple, _SharedMail | Exception] = {}
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
                    shared[key] = _SharedMail(followup)
                except Exception as exc:  # every row of the group fails the same way; each records it
                    shared[key] = exc
            group = shared[key]
            if isinstance(group, Exception):
                raise group
            messages[followup.pk] = group.email_for(followup, url)
        except Exception as exc:  # a broken template must not leave the batch claimed
            messages[followup.pk] = exc
    return messages
