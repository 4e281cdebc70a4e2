"""Candidate consortia for one partner profile: complementary partners, grouped to meet a scheme's rules.

Pure and deterministic, on plain data (``Candidate``), so the benchmark and the tests need no ORM. The
steps (documented in docs/consortia.md):

1. **Partners**: another active profile is a possible partner when both accept each other's region (own
   province, neighbouring provinces or national, journeys.consortia.regions), they share a material or a
   sector, and their roles fit: one offers a role the other seeks.
2. **Fit** of a pair: points for each role sought and offered, each shared material and sector, and the
   same province; the reasons are kept to explain the proposal.
3. **Groups**: for each consortium scheme, starting from the profile and each of its best partners in
   turn, partners are added one by one, each time the one that adds the most new chain roles (then the best
   fit with the group), skipping those that would break a maximum or do not accept every member's region,
   until the group meets the scheme's rules or cannot grow. The lead applicant is the profile itself when
   it is an SME, else the first SME.
4. **Rank**: groups that meet every rule first, then fewer criteria missing, then more fit.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from journeys.consortia import regions
from journeys.consortia.rules import (
    Member,
    SchemeRules,
    adds_a_role,
    consortium_check,
    is_eligible,
    missing,
    role_matching,
)

W_ROLE, W_MATERIAL, W_SECTOR, W_PROVINCE = 3, 2, 1, 1
POOL_SIZE = 40  # best partners considered for groups
SEEDS = 8  # groups started from this many best partners
MAX_MISSING = 2  # a group missing more than this is not proposed
PROPOSALS_PER_SCHEME = 3


@dataclass(frozen=True)
class Candidate:
    id: int
    is_large: bool | None
    roles_offered: frozenset[str]
    roles_sought: frozenset[str]
    materials: frozenset[str]
    sectors: frozenset[str]
    province: str | None
    scope: str
    hub_id: int | None = None

    def member(self) -> Member:
        return Member(is_large=self.is_large, roles=self.roles_offered, province=self.province)


@dataclass(frozen=True)
class PairFit:
    score: int
    roles_sought: tuple[str, ...]  # roles the profile seeks that the partner offers
    roles_offered: tuple[str, ...]  # roles the profile offers that the partner seeks
    materials: tuple[str, ...]
    sectors: tuple[str, ...]
    same_province: bool


@dataclass
class Proposal:
    scheme: SchemeRules
    members: list[Candidate]  # the lead applicant first
    criteria: list[dict]
    fit: dict[int, PairFit] = field(default_factory=dict)  # per partner: its fit with the profile
    score: int = 0

    @property
    def eligible(self) -> bool:
        return is_eligible(self.criteria)

    @property
    def missing(self) -> list[dict]:
        return missing(self.criteria)

    @property
    def key(self) -> tuple:
        return (self.scheme.slug, frozenset(m.id for m in self.members))


def regions_match(a: Candidate, b: Candidate) -> bool:
    return (regions.accepts(scope=a.scope, own=a.province, other=b.province)
            and regions.accepts(scope=b.scope, own=b.province, other=a.province))


def pair_fit(profile: Candidate, other: Candidate) -> PairFit | None:
    """How well ``other`` fits ``profile``, or None when it is no possible partner at all."""
    if other.id == profile.id or not regions_match(profile, other):
        return None
    materials = profile.materials & other.materials
    sectors = profile.sectors & other.sectors
    if not materials and not sectors:
        return None
    sought = profile.roles_sought & other.roles_offered
    offered = profile.roles_offered & other.roles_sought
    if not sought and not offered:
        return None
    same_province = profile.province is not None and profile.province == other.province
    score = (W_ROLE * (len(sought) + len(offered)) + W_MATERIAL * len(materials) + W_SECTOR * len(sectors)
             + W_PROVINCE * same_province)
    return PairFit(score, tuple(sorted(sought)), tuple(sorted(offered)), tuple(sorted(materials)),
                   tuple(sorted(sectors)), same_province)


def partners(profile: Candidate, candidates: Iterable[Candidate]) -> list[tuple[Candidate, PairFit]]:
    """Possible partners, best fit first (ties by id, so the result is stable)."""
    found = []
    for other in candidates:
        fit = pair_fit(profile, other)
        if fit is not None:
            found.append((other, fit))
    found.sort(key=lambda pair: (-pair[1].score, pair[0].id))
    return found


def lead_first(members: list[Candidate], rules: SchemeRules) -> list[Candidate]:
    if not rules.lead_must_be_sme or members[0].is_large is False:
        return members
    for index, member in enumerate(members):
        if member.is_large is False:
            return [member, *members[:index], *members[index + 1:]]
    return members


def _check(members: list[Candidate], rules: SchemeRules) -> list[dict]:
    return consortium_check(members=[m.member() for m in members], rules=rules)


def _fits_limits(members: list[Candidate], rules: SchemeRules) -> bool:
    large = sum(1 for m in members if m.is_large)
    smes = sum(1 for m in members if m.is_large is False)
    if rules.large_max is not None and large > rules.large_max:
        return False
    return rules.max_smes is None or smes <= rules.max_smes


def _grow(profile: Candidate, seed: Candidate, pool: Sequence[tuple[Candidate, PairFit]], rules: SchemeRules,
          compatible: dict[int, set[int]]) -> list[Candidate]:
    """Add the partner that helps most with what is still missing, until nothing is missing or nobody helps."""
    group = [profile, seed]
    in_group = {profile.id, seed.id}
    most = rules.most_members
    while most is None or len(group) < most:
        unmet = {c["code"] for c in missing(_check(lead_first(group, rules), rules))}
        if not unmet:
            break
        members = [m.member() for m in group]
        matching = role_matching(members) if "chain_roles" in unmet else {}
        large = sum(1 for m in group if m.is_large)
        smes = sum(1 for m in group if m.is_large is False)
        best, best_key = None, None
        for candidate, fit in pool:
            if candidate.id in in_group or not in_group <= compatible[candidate.id]:
                continue
            if candidate.is_large and rules.large_max is not None and large + 1 > rules.large_max:
                continue
            if candidate.is_large is False and rules.max_smes is not None and smes + 1 > rules.max_smes:
                continue
            sme = candidate.is_large is False
            helps = (("chain_roles" in unmet and adds_a_role(members, matching, candidate.roles_offered))
                     + ("min_smes" in unmet and sme) + ("lead_sme" in unmet and sme) + ("members" in unmet))
            if not helps:
                continue
            key = (helps, fit.score, -candidate.id)
            if best_key is None or key > best_key:
                best, best_key = candidate, key
        if best is None:
            break
        group.append(best)
        in_group.add(best.id)
    return lead_first(group, rules)


def proposals_for(profile: Candidate, candidates: Iterable[Candidate], schemes: Sequence[SchemeRules], *,
                  per_scheme: int = PROPOSALS_PER_SCHEME) -> list[Proposal]:
    """The best groups with ``profile`` for each consortium scheme, best first over all schemes."""
    pool = partners(profile, candidates)[:POOL_SIZE]
    fits = {candidate.id: fit for candidate, fit in pool}
    # Which of the pool accept each other's region (and all accept the profile): worked out once.
    everyone = [profile, *(candidate for candidate, _fit in pool)]
    compatible = {a.id: {b.id for b in everyone if b.id == a.id or regions_match(a, b)} for a in everyone}
    results: list[Proposal] = []
    for rules in schemes:
        seen: dict[tuple, Proposal] = {}
        for seed, _fit in pool[:SEEDS]:
            if not _fits_limits([profile, seed], rules):
                continue
            members = _grow(profile, seed, pool, rules, compatible)
            criteria = _check(members, rules)
            proposal = Proposal(rules, members, criteria,
                                fit={m.id: fits[m.id] for m in members if m.id in fits})
            if len(proposal.missing) > MAX_MISSING or proposal.key in seen:
                continue
            proposal.score = sum(f.score for f in proposal.fit.values())
            seen[proposal.key] = proposal
        ranked = sorted(seen.values(), key=_rank)
        results.extend(ranked[:per_scheme])
    return sorted(results, key=_rank)


def _rank(proposal: Proposal) -> tuple:
    return (not proposal.eligible, len(proposal.missing), -proposal.score, len(proposal.members),
            proposal.scheme.slug, sorted(m.id for m in proposal.members))
