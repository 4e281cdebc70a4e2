"""Reads for referrals to partners: the entrepreneur's consent, suggested partners, a request's referrals."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from journeys.models import Intake, PartnerReferral, SupportRequest
from schemes import vocabulary as v
from schemes.models import PartnerOrganisation
from schemes.partners.selectors import active_partners

# How much each kind of overlap counts when ranking partners (a barrier says most about what is needed).
BARRIER_WEIGHT = 3
THEME_WEIGHT = 2
SECTOR_WEIGHT = 2
REGION_WEIGHT = 1  # serves the request's province itself (not only "heel Nederland")


def referral_consent_given(*, intake: Intake) -> bool:
    """Whether the entrepreneur ticked "Mijn vraag mag worden doorgestuurd naar een partner" (contact form or API)."""
    return intake.answers.get("referral_consent") is True and intake.anonymised_at is None


@dataclass
class Suggestion:
    partner: PartnerOrganisation
    score: int
    reasons: list[str] = field(default_factory=list)


def _request_facts(intake: Intake) -> tuple[set[str], set[str], set[str], str]:
    answers = intake.answers or {}
    return (set(answers.get("themes") or []), set(answers.get("barriers") or []), set(answers.get("sectors") or []),
            intake.province.code if intake.province_id else "")


def _names(choices, codes: set[str]) -> str:
    return ", ".join(str(label) for label in v.labels(choices, sorted(codes)))


def partner_suggestions(*, support_request: SupportRequest, limit: int | None = None) -> list[Suggestion]:
    """Active partners that serve the request's area, most fitting first, each with why it fits.

    A partner serves the area when it works nationally, in the request's province, or when its area is not
    known (shown, but never ranked up for the region). Ties are broken by name, so the order is stable.
    """
    themes, barriers, sectors, province = _request_facts(support_request.intake)
    suggestions = []
    for partner in active_partners():
        partner_provinces = {p.code for p in partner.provinces.all()}
        if partner_provinces and not partner.is_national and province not in partner_provinces:
            continue
        score, reasons = 0, []
        shared_barriers = barriers & set(partner.barriers)
        if shared_barriers:
            score += BARRIER_WEIGHT * len(shared_barriers)
            reasons.append(_("helpt bij: %(items)s") % {"items": _names(v.Barrier, shared_barriers)})
        shared_themes = themes & set(partner.themes)
        if shared_themes:
            score += THEME_WEIGHT * len(shared_themes)
            reasons.append(_("thema: %(items)s") % {"items": _names(v.Theme, shared_themes)})
        shared_sectors = sectors & set(partner.sectors)
        if shared_sectors:
            score += SECTOR_WEIGHT * len(shared_sectors)
            reasons.append(_("sector: %(items)s") % {"items": _names(v.Sector, shared_sectors)})
        if province and province in partner_provinces:
            score += REGION_WEIGHT
            reasons.append(_("werkt in %(province)s") % {"province": support_request.intake.province.display_name})
        suggestions.append(Suggestion(partner=partner, score=score, reasons=reasons))
    suggestions.sort(key=lambda s: (-s.score, s.partner.name.lower()))
    return suggestions[:limit] if limit else suggestions


def referrals_for_request(*, support_request: SupportRequest) -> QuerySet[PartnerReferral]:
    return support_request.partner_referrals.select_related("partner", "created_by", "outcome_recorded_by")


def request_channel_organisation(*, support_request: SupportRequest) -> str:
    """The organisation that brought the request in through the partner API ("via ..."), or empty."""
    partner = support_request.intake.partner
    if partner is None:
        return ""
    return partner.organisation or partner.name
