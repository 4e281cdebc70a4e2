"""Turn a follow-up row into an e-mail: context from the database as it is now, templates per language."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from journeys.followups import sequences, tokens
from journeys.models import FollowUp, FollowUpKind
from journeys.referrals.emails import REFERRAL_CONTEXT_KINDS, referral_email_context

SURVEY_ANSWERS = ("ja", "nee", "1", "2", "3", "4", "5")


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _reverse_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # built by another area; the mail still works without the link
        return None


def unsubscribe_url(*, followup_id: int) -> str:
    return absolute(reverse("journeys:followups-unsubscribe", args=[tokens.unsubscribe_token(followup_id=followup_id)]))


def survey_urls(*, support_request_id: int) -> dict[str, str]:
    token = tokens.survey_token(support_request_id=support_request_id)
    base = absolute(reverse("journeys:followups-survey", args=[token]))
    return {answer: f"{base}?antwoord={answer}" for answer in SURVEY_ANSWERS}


def _match_names(matches: list, *, english: bool) -> list[str]:
    names = []
    for match in matches or []:
        if isinstance(match, dict):
            name = (english and match.get("name_en")) or match.get("name") or match.get("scheme_name")
            if name:
                names.append(str(name))
    return names[:5]


def build_context(followup: FollowUp) -> dict:
    english = followup.language == "en"
    context: dict = {"followup": followup, "en": english, "site_url": settings.SITE_URL, "payload": followup.payload}
    if followup.audience == FollowUp.Audience.ENTREPRENEUR:
        context["unsubscribe_url"] = unsubscribe_url(followup_id=followup.pk)
    request = followup.support_request
    intake = followup.intake or (request.intake if request else None)
    if intake:
        context["intake"] = intake
        context["contact_name"] = intake.contact_name
        context["match_names"] = _match_names(intake.matches, english=english)
    if request:
        context["support_request"] = request
        context["hub"] = request.hub
        status_path = _reverse_or_none("journeys:request-status", request.status_token)
        context["status_url"] = absolute(status_path or f"/status/{request.status_token}/")
        staff_path = _reverse_or_none("journeys:request-detail", request.reference)
        context["staff_url"] = absolute(staff_path or reverse("staff-home"))
    if followup.kind == FollowUpKind.SURVEY and request:
        context["survey_urls"] = survey_urls(support_request_id=request.pk)
    if followup.kind == FollowUpKind.SCHEME_ALERT and followup.scheme:
        context["scheme"] = followup.scheme
        context["scheme_name"] = (english and followup.scheme.name_en) or followup.scheme.name
        context["event"] = followup.payload.get("event")
        for field in ("opens_on", "closes_on"):
            value = followup.payload.get(field)
            context[field] = date.fromisoformat(value) if value else None
    if followup.kind == FollowUpKind.PUBLIC_MESSAGE and request:
        event = request.events.filter(pk=followup.payload.get("event_id"), is_public=True).first()
        context["message"] = event.text if event else ""
        context["author"] = event.actor.first_name if event and event.actor else ""
    if followup.kind in (FollowUpKind.CONSORTIUM_INTRODUCTION, FollowUpKind.CONSORTIUM_CONTACTS):
        from journeys.consortia.emails import consortium_email_context  # the area builds its own mails

        context |= consortium_email_context(followup)
    if followup.kind in (FollowUpKind.RESPONSE_DUE_SOON, FollowUpKind.RESPONSE_OVERDUE):
        context["overdue"] = followup.kind == FollowUpKind.RESPONSE_OVERDUE
    if request and followup.kind in REFERRAL_CONTEXT_KINDS:  # journeys/referrals/ (issue 19)
        context |= referral_email_context(followup=followup, support_request=request)
    if followup.kind == FollowUpKind.REASSESSMENT and request:
        from journeys.journey_over_time.reassessment import reassessment_token

        token = reassessment_token(support_request_id=request.pk, number=followup.payload.get("number", 1))
        context["reassessment_url"] = absolute(reverse("journeys:reassessment", args=[token]))
    if followup.kind in (FollowUpKind.ROUND_CONFIRM, FollowUpKind.ROUND_ALERT):
        from journeys.journey_over_time.emails import round_email_context

        context.update(round_email_context(followup))  # its own unsubscribe link: this subscription only
        if context["unsubscribe_url"] is None:
            del context["unsubscribe_url"]
    if followup.kind == FollowUpKind.REFERRER_INVITATION:  # journeys/referrers/ (issue 19.4)
        from journeys.referrers.emails import referrer_invitation_context

        context |= referrer_invitation_context(followup=followup)
    return context


def render_parts(followup: FollowUp, *, overrides: dict | None = None) -> tuple[str, str, str, dict]:
    """Subject, text and HTML of the row's e-mail, and the context they were rendered with.

    ``overrides``: context values to put in after it is built (a batch renders a shared body with a
    placeholder for the per-recipient unsubscribe link, see ``journey_over_time.emails.render_round_alerts``).
    """
    sequence = sequences.SEQUENCES[followup.kind]
    context = build_context(followup) | (overrides or {})
    # Dates and numbers in the recipient's language; the copy itself is per language in the template.
    with translation.override(followup.language):
        subject = " ".join(render_to_string(f"emails/{sequence.template}.subject.txt", context).split())
        context["subject"] = subject
        text = render_to_string(f"emails/{sequence.template}.txt", context)
        html = render_to_string(f"emails/{sequence.template}.html", context)
    return subject, text, html, context


def compose_email(
    *, followup: FollowUp, subject: str, text: str, html: str, unsubscribe_url: str | None
) -> EmailMultiAlternatives:
    """The message itself: the row's own Message-ID and, with an unsubscribe link, the one-click headers."""
    headers = {"Message-ID": followup.message_id, "Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        # RFC 2369 + RFC 8058: mail clients show an unsubscribe button that POSTs to this URL.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[followup.recipient], headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def render_email(followup: FollowUp) -> EmailMultiAlternatives:
    subject, text, html, context = render_parts(followup)
    return compose_email(followup=followup, subject=subject, text=text, html=html,
                         unsubscribe_url=context.get("unsubscribe_url"))
