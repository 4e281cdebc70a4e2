"""What the consortium pages show, as plain dicts: labels instead of codes, sentences instead of criteria.

Only a profile's company name, province and roles (with materials and sector for the fit) ever appear for
another company; e-mail addresses never do (they travel only in the contacts e-mail, after every yes).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from journeys.consortia import selectors, tokens
from journeys.consortia.proposals import PairFit, Proposal
from journeys.consortia.rules import MET, criterion_text
from journeys.models import Consortium, ConsortiumMember, ConsortiumStatus, Intake, PartnerProfile
from schemes import vocabulary as v

STATUS_TAG = {"met": "open", "not_met": "closed", "unknown": "soon"}


def _labels(choices, codes) -> str:
    return ", ".join(str(v.label(choices, code)).lower() for code in codes)


def withdraw_path(*, profile: PartnerProfile) -> str:
    return reverse("journeys:partner-withdraw", args=[tokens.withdraw_token(profile_id=profile.pk)])


def opt_in_path(*, intake: Intake) -> str:
    return reverse("journeys:partner-opt-in", args=[tokens.opt_in_token(intake_id=intake.pk)])


def back_path(*, intake: Intake) -> str:
    return reverse("journeys:intake-result", args=[intake.public_id])


def size_label(is_large: bool | None) -> str:
    if is_large is None:
        return _("grootte onbekend")
    return _("groot bedrijf") if is_large else _("mkb")


def profile_row(profile: PartnerProfile) -> dict:
    return {
        "profile": profile,
        "public_id": profile.public_id,
        "name": profile.company_name or _("(teruggetrokken)"),
        "province": profile.province.display_name if profile.province else _("onbekend"),
        "hub": profile.hub.name if profile.hub else "",
        "size": size_label(profile.is_large),
        "roles_offered": _labels(v.ChainRole, profile.roles_offered),
        "roles_sought": _labels(v.ChainRole, profile.roles_sought),
        "materials": _labels(v.Material, profile.materials),
        "sectors": _labels(v.Sector, profile.sectors),
        "region_scope": profile.get_region_scope_display(),
        "url": reverse("journeys:partner-profile", args=[profile.public_id]),
    }


def fit_reasons(fit: PairFit | None) -> list[str]:
    if fit is None:
        return []
    reasons = []
    if fit.roles_sought:
        reasons.append(_("Biedt een rol die dit bedrijf zoekt: %(list)s.") % {"list": _labels(v.ChainRole,
                                                                                               fit.roles_sought)})
    if fit.roles_offered:
        reasons.append(_("Zoekt een rol die dit bedrijf biedt: %(list)s.") % {"list": _labels(v.ChainRole,
                                                                                              fit.roles_offered)})
    if fit.materials:
        reasons.append(_("Zelfde materiaal: %(list)s.") % {"list": _labels(v.Material, fit.materials)})
    if fit.sectors:
        reasons.append(_("Zelfde sector: %(list)s.") % {"list": _labels(v.Sector, fit.sectors)})
    if fit.same_province:
        reasons.append(_("In dezelfde provincie."))
    return reasons


def criteria_rows(criteria: list[dict]) -> list[dict]:
    return [{"status": c["status"], "met": c["status"] == MET, "tag": STATUS_TAG.get(c["status"], "soon"),
             "text": criterion_text(c)} for c in criteria]


def proposal_cards(*, profile: PartnerProfile, proposals: list[Proposal]) -> list[dict]:
    profiles = selectors.profiles_by_id(ids={m.id for p in proposals for m in p.members})
    cards = []
    for proposal in proposals:
        members = []
        for position, member in enumerate(proposal.members):
            other = profiles[member.id]
            members.append({
                "name": other.company_name, "is_self": member.id == profile.pk, "is_lead": position == 0,
                "province": other.province.display_name if other.province else _("onbekend"),
                "roles": _labels(v.ChainRole, other.roles_offered), "size": size_label(other.is_large),
                "hub": other.hub.name if other.hub else "", "other_hub": other.hub_id != profile.hub_id,
                "reasons": fit_reasons(proposal.fit.get(member.id)),
            })
        cards.append({
            "scheme": proposal.scheme.name, "scheme_slug": proposal.scheme.slug, "eligible": proposal.eligible,
            "missing": len(proposal.missing), "criteria": criteria_rows(proposal.criteria), "members": members,
            "member_ids": ",".join(str(m.id) for m in proposal.members),
        })
    return cards


def memberships(*, profile: PartnerProfile, user) -> list[Consortium]:
    return list(selectors.consortia_for_user(user=user).filter(members__profile=profile))


def other_names(*, member: ConsortiumMember) -> list[str]:
    return [m.profile.company_name for m in selectors.consortium_members(consortium=member.consortium)
            if m.pk != member.pk and m.removed_at is None and m.profile.company_name]


def _event_text(event) -> str:
    data = event.data or {}
    if event.kind == event.Kind.STATUS:
        return _("Van %(old)s naar %(new)s.") % {"old": v.label(ConsortiumStatus, data.get("from", "")).lower(),
                                                  "new": v.label(ConsortiumStatus, data.get("to", "")).lower()}
    if event.kind == event.Kind.ANSWERED:
        return _("Een bedrijf zei ja.") if data.get("answer") == "yes" else _("Een bedrijf zei nee.")
    if event.kind == event.Kind.INTRODUCED:
        return _("%(count)s e-mails gepland.") % {"count": data.get("emails", 0)}
    return ""


def consortium_context(*, consortium: Consortium, can_change: bool, status_form) -> dict:
    members = []
    for m in selectors.consortium_members(consortium=consortium):
        members.append({
            "name": m.profile.company_name or _("(teruggetrokken)"), "is_lead": m.position == 0,
            "role": str(v.label(v.ChainRole, m.role)).lower() if m.role else "",
            "province": m.profile.province.display_name if m.profile.province else _("onbekend"),
            "hub": m.profile.hub.name if m.profile.hub else "", "size": size_label(m.profile.is_large),
            "answer": m.get_answer_display(), "removed": m.removed_at is not None,
        })
    checks = [{"name": check["name"], "eligible": check["eligible"], "criteria": criteria_rows(check["criteria"])}
              for check in consortium.eligibility]
    return {
        "consortium": consortium, "can_change": can_change, "members": members, "checks": checks,
        "status_form": status_form,
        "events": [{"event": e, "text": _event_text(e)} for e in
                   consortium.events.select_related("actor").order_by("created_at", "id")],
        "can_introduce": can_change and consortium.status == ConsortiumStatus.PROPOSED,
    }
