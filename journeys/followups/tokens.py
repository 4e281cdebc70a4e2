"""Signed links for unsubscribe and survey answers: no log-in, no token table, cannot be guessed."""

from django.conf import settings
from django.core import signing

_UNSUBSCRIBE_SALT = "journeys.followups.unsubscribe"
_SURVEY_SALT = "journeys.followups.survey"


def unsubscribe_token(*, email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=_UNSUBSCRIBE_SALT, compress=True)


def email_from_unsubscribe_token(token: str) -> str | None:
    # No expiry: an unsubscribe link in an old e-mail must keep working.
    try:
        return signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


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
