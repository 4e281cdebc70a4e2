"""What the referral e-mails may show, read from the database when the mail is sent.

The partner's e-mail gets only what the entrepreneur's referral consent covers (``PARTNER_SHARED``): who they
are, how to reach them and what their question is about; never the KvK number, postcode, free-text answers,
route, status link or the hub's internal notes. The entrepreneur's e-mail gets the partner's public details.
"""

from journeys.models import FollowUp, FollowUpKind, PartnerReferral, SupportRequest
from schemes import vocabulary as v
from schemes.models import PartnerKind

REFERRAL_CONTEXT_KINDS = (FollowUpKind.REFERRAL_TO_PARTNER, FollowUpKind.REFERRAL_PARTNER_DETAILS, FollowUpKind.SURVEY)
# The facts of the request a partner's e-mail shows (documented in docs/security.md).
PARTNER_SHARED = ("reference", "company_name", "contact_name", "email", "phone", "preferred_contact", "province",
                  "sectors", "themes", "barriers", "stage", "note", "hub")


def _shared_with_partner(referral: PartnerReferral, support_request: SupportRequest) -> dict:
    intake = support_request.intake
    answers = intake.answers or {}
    hub = support_request.hub
    preferred = answers.get("preferred_contact") or ""
    return {
        "reference": support_request.reference,
        "company_name": intake.company_name,
        "contact_name": intake.contact_name,
        "email": intake.email,
        "phone": intake.phone,
        "preferred_contact": {"phone": "telefoon", "email": "e-mail"}.get(preferred, ""),
        "province": intake.province.display_name if intake.province_id else "",
        "sectors": v.labels(v.Sector, answers.get("sectors") or []),
        "themes": v.labels(v.Theme, answers.get("themes") or []),
        "barriers": v.labels(v.Barrier, answers.get("barriers") or []),
        "stage": v.label(v.Stage, support_request.stage),
        "note": referral.note,
        "hub": {"name": hub.name, "email": "" if hub.contact_is_placeholder else hub.email},
    }


def referral_email_context(*, followup: FollowUp, support_request: SupportRequest) -> dict:
    if followup.kind == FollowUpKind.SURVEY:
        names = support_request.partner_referrals.values_list("partner__name", flat=True)
        return {"partner_referral_names": list(names)}
    referral = (PartnerReferral.objects.select_related("partner")
                .filter(pk=followup.payload.get("referral_id"), request=support_request).first())
    if referral is None:
        return {"referral": None}
    partner = referral.partner
    context = {"referral": referral, "partner": partner, "partner_kind": v.label(PartnerKind, partner.kind)}
    if followup.kind == FollowUpKind.REFERRAL_TO_PARTNER:
        shared = _shared_with_partner(referral, support_request)
        context["shared"] = shared
    return context
