"""When each follow-up is due and who gets it; every timing comes from settings (FOLLOWUP_*)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from journeys.models import FollowUp, FollowUpKind


@dataclass(frozen=True)
class Sequence:
    kind: str
    audience: str
    template: str
    # False only for a mail the person asked for just now (the resume link, the confirmation of their contact
    # request with its status link): asking for it overrides an earlier opt-out for that one mail. Everything
    # we send on our own initiative honours the opt-out.
    honours_opt_out: bool = True


_ENTREPRENEUR, _STAFF = FollowUp.Audience.ENTREPRENEUR, FollowUp.Audience.STAFF

SEQUENCES = {
    sequence.kind: sequence
    for sequence in (
        Sequence(FollowUpKind.REQUEST_CONFIRMATION, _ENTREPRENEUR, "request_confirmation", honours_opt_out=False),
        Sequence(FollowUpKind.INTAKE_REMINDER, _ENTREPRENEUR, "intake_reminder"),
        Sequence(FollowUpKind.RESUME_LINK, _ENTREPRENEUR, "resume_link", honours_opt_out=False),
        Sequence(FollowUpKind.SURVEY, _ENTREPRENEUR, "survey"),
        Sequence(FollowUpKind.SCHEME_ALERT, _ENTREPRENEUR, "scheme_alert"),
        Sequence(FollowUpKind.PUBLIC_MESSAGE, _ENTREPRENEUR, "public_message"),
        # Referral to a partner (journeys/referrals/): the partner's details to the entrepreneur, or (with consent)
        # the question to the partner, in Dutch.
        Sequence(FollowUpKind.REFERRAL_PARTNER_DETAILS, _ENTREPRENEUR, "referral_partner_details"),
        Sequence(FollowUpKind.REFERRAL_TO_PARTNER, FollowUp.Audience.PARTNER, "referral_to_partner"),
        Sequence(FollowUpKind.CONSORTIUM_INTRODUCTION, _ENTREPRENEUR, "consortium_introduction"),
        Sequence(FollowUpKind.CONSORTIUM_CONTACTS, _ENTREPRENEUR, "consortium_contacts"),
        # "Houd mij op de hoogte" (journeys/journey_over_time): the confirmation was asked for just now.
        Sequence(FollowUpKind.ROUND_CONFIRM, _ENTREPRENEUR, "round_confirm", honours_opt_out=False),
        Sequence(FollowUpKind.ROUND_ALERT, _ENTREPRENEUR, "round_alert"),
        Sequence(FollowUpKind.REASSESSMENT, _ENTREPRENEUR, "reassessment"),
        # Staff mails are Dutch: hubs work in Dutch.
        Sequence(FollowUpKind.RESPONSE_DUE_SOON, _STAFF, "response_target"),
        Sequence(FollowUpKind.RESPONSE_OVERDUE, _STAFF, "response_target"),
        Sequence(FollowUpKind.CATALOGUE_HEALTH, _STAFF, "catalogue_health"),  # schemes/catalogue_health/mail.py
        # An advisor's invitation with its set-password link (journeys/referrers/), in Dutch; no opt-out link.
        Sequence(FollowUpKind.REFERRER_INVITATION, _STAFF, "referrer_invitation"),
    )
}


def honours_opt_out(kind: str) -> bool:
    sequence = SEQUENCES[kind]
    return sequence.audience == FollowUp.Audience.ENTREPRENEUR and sequence.honours_opt_out


def kinds_without_opt_out() -> list[str]:
    return [kind for kind, sequence in SEQUENCES.items() if not sequence.honours_opt_out]


def intake_reminder_due(*, saved_at: datetime) -> datetime:
    return saved_at + timedelta(hours=settings.FOLLOWUP_INTAKE_REMINDER_HOURS)


def survey_due(*, event_at: datetime) -> datetime:
    return event_at + timedelta(days=settings.FOLLOWUP_SURVEY_DAYS)


def response_warning_from(*, due_at: datetime) -> datetime:
    """The moment a request counts as "close to its response target"."""
    return due_at - timedelta(hours=settings.FOLLOWUP_RESPONSE_WARNING_HOURS)


def retry_delay(*, attempts: int) -> timedelta:
    """Exponential backoff after the given number of failed attempts, capped."""
    seconds = settings.FOLLOWUP_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.FOLLOWUP_RETRY_MAX_SECONDS))


def lease() -> timedelta:
    return timedelta(seconds=settings.FOLLOWUP_LEASE_SECONDS)
