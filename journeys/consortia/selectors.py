"""Reads for the consortium builder: who may see which profile and consortium, and the proposals.

Access, in one place (as in the triage desk, a 404 elsewhere):
- a profile is seen by staff of its own hub (and superusers); that hub decides about introductions;
- a consortium is seen by staff of every hub with a member in it, and changed only by the deciding hub
  (``Consortium.hub``: the hub of the profile it was proposed for);
- catalogue admins and anyone else see nothing.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.db.models import Q, QuerySet

from journeys.consortia import regions
from journeys.consortia.proposals import Candidate, Proposal, proposals_for
from journeys.consortia.rules import SchemeRules
from journeys.models import Consortium, ConsortiumMember, ConsortiumStatus, PartnerProfile, RegionScope
from portal.roles import staff_hub_ids
from schemes import vocabulary as v
from schemes.models import Scheme

User = AbstractBaseUser | AnonymousUser
CANDIDATE_FIELDS = ("id", "is_large", "roles_offered", "roles_sought", "materials", "sectors", "province__code",
                    "region_scope", "hub_id")


def active_profiles() -> QuerySet[PartnerProfile]:
    return PartnerProfile.objects.filter(withdrawn_at__isnull=True, anonymised_at__isnull=True)


def _hub_ids(user: User) -> list[int] | None:
    """The hubs whose profiles the user may see; None for a superuser (all of them)."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    return staff_hub_ids(user)


def profiles_for_user(*, user: User) -> QuerySet[PartnerProfile]:
    hub_ids = _hub_ids(user)
    profiles = active_profiles().select_related("province", "hub")
    return profiles if hub_ids is None else profiles.filter(hub_id__in=hub_ids)


def profile_visible_to(*, user: User, public_id) -> PartnerProfile | None:
    return profiles_for_user(user=user).filter(public_id=public_id).first()


def consortia_for_user(*, user: User) -> QuerySet[Consortium]:
    hub_ids = _hub_ids(user)
    consortia = Consortium.objects.select_related("hub", "scheme")
    if hub_ids is None:
        return consortia
    if not hub_ids:
        return consortia.none()
    return consortia.filter(Q(hub_id__in=hub_ids) | Q(members__profile__hub_id__in=hub_ids)).distinct()


def consortium_visible_to(*, user: User, reference: str) -> Consortium | None:
    return consortia_for_user(user=user).filter(reference=reference).first()


def can_change_consortium(*, user: User, consortium: Consortium) -> bool:
    hub_ids = _hub_ids(user)
    return hub_ids is None or consortium.hub_id in hub_ids


def consortium_schemes() -> list[SchemeRules]:
    """The published schemes for a consortium, with their rules from the catalogue."""
    schemes = (Scheme.objects.filter(status=v.PublicationStatus.PUBLISHED, requires_consortium=True)
               .prefetch_related("provinces").order_by("name"))
    return [SchemeRules.from_scheme(scheme) for scheme in schemes]


def _candidate(row: dict) -> Candidate:
    return Candidate(
        id=row["id"], is_large=row["is_large"], roles_offered=frozenset(row["roles_offered"] or ()),
        roles_sought=frozenset(row["roles_sought"] or ()), materials=frozenset(row["materials"] or ()),
        sectors=frozenset(row["sectors"] or ()), province=row["province__code"], scope=row["region_scope"],
        hub_id=row["hub_id"],
    )


def candidate_for(profile: PartnerProfile) -> Candidate:
    return _candidate(PartnerProfile.objects.filter(pk=profile.pk).values(*CANDIDATE_FIELDS).get())


def partner_candidates(*, profile: PartnerProfile) -> tuple[Candidate, list[Candidate]]:
    """The profile and the active profiles that may be its partners, as plain data: one query.

    The query keeps the profiles in the provinces this profile accepts; on PostgreSQL it also keeps only those
    that share a material or sector and seek or offer a complementary role (jsonb ``?|``, which SQLite lacks).
    Python then checks each one exactly (journeys.consortia.proposals.pair_fit), on either database.
    """
    me = candidate_for(profile)
    rows = active_profiles().exclude(pk=profile.pk).order_by()
    provinces = regions.reachable(scope=me.scope, own=me.province)
    if provinces is not None:
        rows = rows.filter(province__code__in=provinces)
    # The other side must accept this profile's province too.
    national = RegionScope.NATIONAL
    if me.province:
        rows = rows.filter(Q(region_scope=national) | Q(province__code=me.province) | Q(
            region_scope=RegionScope.NEIGHBOURING, province__code__in=regions.neighbours(me.province)))
    else:
        rows = rows.filter(region_scope=national)
    if connection.vendor == "postgresql":
        shared = Q(pk__in=[])
        if me.materials:
            shared |= Q(materials__has_any_keys=sorted(me.materials))
        if me.sectors:
            shared |= Q(sectors__has_any_keys=sorted(me.sectors))
        roles = Q(pk__in=[])
        if me.roles_sought:
            roles |= Q(roles_offered__has_any_keys=sorted(me.roles_sought))
        if me.roles_offered:
            roles |= Q(roles_sought__has_any_keys=sorted(me.roles_offered))
        rows = rows.filter(shared).filter(roles)
    return me, [_candidate(row) for row in rows.values(*CANDIDATE_FIELDS)]


def proposals_for_profile(*, profile: PartnerProfile, schemes: list[SchemeRules] | None = None) -> list[Proposal]:
    """Candidate consortia for an active profile; a withdrawn profile is in none (and gets none)."""
    if not profile.is_active:
        return []
    me, candidates = partner_candidates(profile=profile)
    return proposals_for(me, candidates, consortium_schemes() if schemes is None else schemes)


def profiles_by_id(*, ids) -> dict[int, PartnerProfile]:
    return {p.pk: p for p in PartnerProfile.objects.filter(pk__in=list(ids)).select_related("province", "hub")}


def consortium_members(*, consortium: Consortium) -> QuerySet[ConsortiumMember]:
    return consortium.members.select_related("profile__province", "profile__hub").order_by("position")


def open_memberships(*, profile: PartnerProfile) -> QuerySet[ConsortiumMember]:
    return ConsortiumMember.objects.filter(profile=profile, removed_at__isnull=True).exclude(
        consortium__status=ConsortiumStatus.DECLINED)
