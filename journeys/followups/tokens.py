"""Signed links for unsubscribe and survey answers: no log-in, no token table, cannot be guessed."""

from django.conf import settings
from django.core import signing

_UNSUBSCRIBE_SALT = "journeys.followups.unsubscribe"  # the old, readable form (issue 15, item 5)
_OPAQUE_UNSUBSCRIBE_SALT = "journeys.followups.unsubscribe.opaque"
# Links of the old form were sent without an end date; they are honoured this long after they were sent.
LEGACY_UNSUBSCRIBE_DAYS = 365
_SURVEY_SALT = "journeys.followups.survey"


def unsubscribe_token(*, followup_id: int) -> str:
    """An opaque link for the follow-up e-mail it is in: it names the outbox row, never the address.

    The old form (the address itself, signed and readable as base64) put e-mail addresses in access logs.
    The address is read from the row when the link is used; an anonymised row's link stops working.
    """
    return signing.Signer(salt=_OPAQUE_UNSUBSCRIBE_SALT).sign(signing.b62_encode(followup_id))


def email_from_unsubscribe_token(token: str) -> str | None:
    """The address to unsubscribe, or None. New links never expire; links of the old form keep working for
    ``LEGACY_UNSUBSCRIBE_DAYS`` after they were sent."""
    from journeys.models import FollowUp

    try:
        followup_id = signing.b62_decode(signing.Signer(salt=_OPAQUE_UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        followup_id = None
    if followup_id is not None:
        recipient = FollowUp.objects.filter(pk=followup_id).values_list("recipient", flat=True).first()
        return recipient.strip().lower() if recipient else None
    try:
        email = signing.loads(token, salt=_UNSUBSCRIBE_SALT, max_age=LEGACY_UNSUBSCRIBE_DAYS * 86400)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    return email if isinstance(email, str) and email else None


def survey_token(*, support_request_id: int) -> str:
    return signing.dumps({"r": support_request_id}, salt=_SURVEY_SALT)


def request_id_from_survey_token(token: str) -> int | None:
    """The request id, or None when the link is forged, damaged or older than FOLLOWUP_SURVEY_LINK_DAYS."""
    try:
        data = signing.loads(token, salt=_SURVEY_SALT, max_age=settings.FOLLOWUP_SURVEY_LINK_DAYS * 86400)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    value = data.get("r") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None
