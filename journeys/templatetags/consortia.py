"""Cards of the consortium builder on pages of other areas: one tag line each in the route and status pages."""

from django import template

from journeys.consortia import presenters
from journeys.consortia.eligibility import offers_partner_search
from journeys.models import PartnerProfile

register = template.Library()


def _profile(intake) -> PartnerProfile | None:
    return PartnerProfile.objects.filter(intake=intake, withdrawn_at__isnull=True).first()


@register.inclusion_tag("journeys/consortia/_route_card.html")
def partner_search_card(intake, can_request: bool = False) -> dict:
    """On the route page, for the browser that filled in the intake: the offer to look for chain partners."""
    if not can_request or intake is None or not offers_partner_search(intake):
        return {"show": False}
    profile = _profile(intake)
    return {"show": True, "profile": profile, "opt_in_url": presenters.opt_in_path(intake=intake),
            "withdraw_url": presenters.withdraw_path(profile=profile) if profile else ""}


@register.inclusion_tag("journeys/consortia/_status_card.html")
def partner_search_status(support_request) -> dict:
    """On the status page: withdraw the partner search, or start it."""
    intake = support_request.intake
    if intake.anonymised_at or not intake.submitted_at:
        return {"show": False}
    profile = _profile(intake)
    if profile is None and not offers_partner_search(intake):
        return {"show": False}
    return {"show": True, "profile": profile, "opt_in_url": presenters.opt_in_path(intake=intake),
            "withdraw_url": presenters.withdraw_path(profile=profile) if profile else ""}


@register.inclusion_tag("journeys/consortia/_request_proposals.html")
def partner_proposals_summary(profile) -> dict:
    """On the request page: how many groups the portal proposes for this profile, and the best one."""
    from journeys.consortia import selectors

    if profile is None or profile.withdrawn_at:
        return {"show": False}
    proposals = selectors.proposals_for_profile(profile=profile)
    best = presenters.proposal_cards(profile=profile, proposals=proposals[:1])
    return {"show": True, "count": len(proposals), "best": best[0] if best else None}
