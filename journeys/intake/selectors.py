"""Reads for the intake: this browser's draft, resume tokens and the matching's view of the answers."""

import uuid

from django.conf import settings
from django.core import signing

from journeys.intake import questions as q
from journeys.models import Intake
from schemes import matching

# Which draft this browser fills in: its public id in a signed cookie of its own (see draft_public_id).
DRAFT_COOKIE = "intake_draft"
DRAFT_SALT = "journeys.intake-draft"
SESSION_KEY = "intake_public_id"  # where drafts started before the cookie keep their id
RESUME_SALT = "journeys.intake-resume"

def _open_draft(public_id: str) -> Intake | None:
    """The intake with this public id unless it is anonymised or already a support request (one query)."""
    try:
        public_id = uuid.UUID(str(public_id))
    except ValueError:
        return None
    # The support-request check is a join in the same query rather than a second lookup per request.
    try:
        return Intake.objects.get(public_id=public_id, anonymised_at__isnull=True, support_request__isnull=True)
    except Intake.DoesNotExist:
        return None


def draft_public_id(*, request) -> str | None:
    """The public id of the draft this browser fills in, or None.

    It travels in its own signed cookie (``DRAFT_COOKIE``, HttpOnly, SameSite=Lax, secure under HTTPS),
    not in the database session: an entrepreneur has no account, and reading a session row on every
    step only to find one id was the most frequent query of the intake. The signature (SECRET_KEY, own
    salt) means a browser can only hold ids the portal gave it, and ``max_age`` refuses a cookie older
    than a session would live, whatever the browser keeps. The id is the one in the result page's
    address, so the cookie tells its holder nothing new. Staff log-ins keep the database session.
    """
    public_id = request.get_signed_cookie(
        DRAFT_COOKIE, default=None, salt=DRAFT_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    if public_id is None and settings.SESSION_COOKIE_NAME in request.COOKIES:
        # A draft started before the cookie existed; can go once SESSION_COOKIE_AGE has passed.
        public_id = request.session.get(SESSION_KEY)
    return public_id


def intake_for_request(*, request) -> Intake | None:
    """The intake this browser is filling in; None once it has become a support request."""
    public_id = draft_public_id(request=request)
    return _open_draft(public_id) if public_id else None


def intake_from_resume_token(*, token: str) -> Intake | None:
    """The draft a signed resume link points to; None when the link is forged, expired or used up."""
    signer = signing.TimestampSigner(salt=RESUME_SALT)
    try:
        public_id = signer.unsign(token, max_age=settings.INTAKE_RESUME_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    intake = _open_draft(public_id)
    # Used up by submission: the link is in a mailbox for 30 days and would otherwise show the submitted
    # answers and e-mail address (and offer a contact request) to whoever holds it.
    return intake if intake is not None and intake.submitted_at is None else None


def _yes_no(value: str | None) -> bool | None:
    return {q.YES: True, q.NO: False}.get(value or "")


def intake_facts(*, answers: dict, stage: str, municipality) -> matching.IntakeFacts:
    """The matching's view of an intake's answers."""
    chain_asked = q.wants_chain(answers)
    get = answers.get if chain_asked else (lambda key, default=None: default)
    return matching.IntakeFacts(
        stage=stage,
        company_size=answers.get("company_size", ""),
        province_code=municipality.province.code if municipality else "",
        municipality_code=municipality.code if municipality else "",
        sectors=frozenset(answers.get("sectors") or []),
        themes=frozenset(answers.get("themes") or []),
        business_areas=frozenset(a for a in answers.get("business_areas") or [] if a != q.UNKNOWN),
        barriers=frozenset(answers.get("barriers") or []),
        help_wanted=frozenset(answers.get("help_wanted") or []),
        chain_asked=chain_asked,
        chain_partners=get("chain_partners"),
        chain_smes=get("chain_smes"),
        chain_large=get("chain_large"),
        chain_roles=frozenset(get("chain_roles") or []),
        chain_started=_yes_no(get("chain_started")),
        chain_director=_yes_no(get("chain_director")),
        commitment_signed=_yes_no(get("commitment_signed")),
        joint_plan=_yes_no(get("joint_plan")),
        processing_in_province=_yes_no(get("processing_in_province")),
    )
