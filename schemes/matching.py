"""Which published schemes fit an intake, why, and what is still missing. Pure and deterministic.

Input: an ``IntakeFacts`` (plain data, no ORM), a ``Catalogue`` compiled once from the published
schemes (with rounds, provinces and municipalities prefetched) and today's date. Output: the
``SchemeMatch``es in four groups (``GROUPS``: use now, near misses, not open yet or closed, background
reading), best first within each group, each with the criteria met / not met / unknown, the fit reasons
and the availability. The rules and weights are documented in docs/intake-rules.md; change both together.

Speed: the catalogue is compiled once per catalogue version (see journeys.intake.selectors), with an index
(schemes.matching_index). Per intake we evaluate eligibility once per distinct part (most schemes share
a few), availability once per day, reuse base scores per stage and penalties, and add topical fit only
to the schemes that share a code with the intake, so 5,000 schemes take about a millisecond.
"""

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from schemes import availability
from schemes import vocabulary as v
from schemes.matching_index import SchemeIndex, build_index

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"


class Availability:
    OPEN = "open"
    ALMOST_FULL = "almost_full"
    EXHAUSTED = "exhausted"
    UPCOMING = "upcoming"
    CLOSED = "closed"
    CONTINUOUS = "continuous"  # no application rounds: the offer is simply there
    EXPIRED = "expired"  # only confirmed until a date in the past: shown, with a warning
    UNKNOWN = "unknown"  # no rounds and not marked as ongoing


# Result groups, in the order they are shown (docs/intake-rules.md, "Groups").
GROUP_NOW = "now"  # meets every known criterion, open or always available, concrete help
GROUP_NEAR = "near_miss"  # only one or two criteria not met, each one the entrepreneur can change
GROUP_LATER = "later"  # meets every known criterion, but not open now (upcoming, closed, out of budget, unknown, plan)
GROUP_READING = "reading"  # publications and knowledge tools
GROUPS = (GROUP_NOW, GROUP_NEAR, GROUP_LATER, GROUP_READING)
# How many each group shows at most; the "now" group takes ``match_schemes(limit=...)``. Every group has
# its own limit, so a near miss is never pushed out by schemes of another group.
GROUP_LIMITS = {GROUP_NEAR: 5, GROUP_LATER: 5, GROUP_READING: 3}
NEAR_MISS_MAX_MISSING = 2
# Criteria an entrepreneur can do something about: find partners, roles, a chain director, sign, plan.
FIXABLE_CODES = frozenset({"consortium", "min_smes", "chain_roles"})
FIXABLE_REQUIREMENTS = frozenset({
    v.Requirement.CHAIN_DIRECTOR, v.Requirement.COMMITMENT_LETTER, v.Requirement.AMBITION_DOCUMENT,
    v.Requirement.JOINT_PLAN, v.Requirement.EXISTING_COOPERATION,
})
NOW_STATES = frozenset({Availability.OPEN, Availability.CONTINUOUS, Availability.ALMOST_FULL})
READING_KINDS = frozenset({v.SchemeKind.KNOWLEDGE_TOOL})
# Catalogue ``offer`` values (issue 14): a plan is never "apply now"; help you simply use needs no round.
OFFER_PLAN, OFFER_NO_APPLICATION = "plan", "no_application"

# Ranking weights (docs/intake-rules.md, "Ranking").
W_STAGE_LISTED, W_STAGE_OPEN, W_STAGE_STEP, W_STAGE_OTHER = 3, 1, 2, -3
W_THEME, W_AREA, W_SECTOR, W_SECTOR_OTHER, W_BARRIER, W_REGIONAL = 3, 2, 2, -4, 1, 2
W_NOT_MET, W_UNKNOWN, W_MET = -4, -1, 1  # per eligibility criterion: a scheme whose conditions are all met wins
W_AVAILABILITY = {
    Availability.OPEN: 1, Availability.CONTINUOUS: 1, Availability.ALMOST_FULL: 0,
    Availability.UPCOMING: -1, Availability.UNKNOWN: -1, Availability.EXHAUSTED: -3, Availability.EXPIRED: -3,
    Availability.CLOSED: -4,
}
W_HELP = 3  # per kind of help asked for that the scheme gives (by journey step or by kind of scheme)
# The kind of help asked for (intake question "Wat voor hulp zoekt u?") and the support steps and scheme
# kinds that give it (domain §1.2: inform/inspire = 1-2, voucher = step 3, feasibility = step 4,
# implementation = step 5; §1.1: front-runners need specialist knowledge, from advisers, partners, chain
# directors and financiers, §2.1/§2.8).
HELP_STEPS = {
    "information": frozenset({1, 2}), "voucher": frozenset({3}), "feasibility": frozenset({4}),
    "implementation": frozenset({5}), "specialist": frozenset(),
}
HELP_KINDS = {
    "information": frozenset({v.SchemeKind.KNOWLEDGE_TOOL, v.SchemeKind.WORKSHOP}),
    "voucher": frozenset({v.SchemeKind.VOUCHER}),
    "feasibility": frozenset(),
    "implementation": frozenset(),
    "specialist": frozenset({v.SchemeKind.ADVICE, v.SchemeKind.NETWORK, v.SchemeKind.PROCESS_SUPPORT,
                             v.SchemeKind.FINANCING}),
}
# Support steps that fit each stage (domain §1.2, an inference there too).
STAGE_STEPS = {
    v.Stage.STARTER: frozenset({1, 2, 3}),
    v.Stage.PELOTON: frozenset({3, 4, 5}),
    v.Stage.FRONTRUNNER: frozenset({5, 6}),
}


@dataclass(frozen=True)
class IntakeFacts:
    """What the matching needs to know about an intake. ``None`` means "not known"."""

    stage: str
    company_size: str = ""
    province_code: str = ""
    municipality_code: str = ""
    sectors: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    business_areas: frozenset[str] = frozenset()
    barriers: frozenset[str] = frozenset()
    help_wanted: frozenset[str] = frozenset()  # HELP_STEPS keys; "unknown" and other codes are ignored
    chain_asked: bool = False
    chain_partners: int | None = None
    chain_smes: int | None = None
    chain_large: int | None = None
    chain_roles: frozenset[str] = frozenset()
    chain_started: bool | None = None
    chain_director: bool | None = None
    commitment_signed: bool | None = None
    joint_plan: bool | None = None
    processing_in_province: bool | None = None


@dataclass(frozen=True)
class Criterion:
    code: str
    status: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "status": self.status, "params": self.params}


@dataclass(frozen=True)
class AvailabilityInfo:
    status: str
    opens_on: date | None = None
    closes_on: date | None = None
    next_opens_on: date | None = None

    def as_dict(self) -> dict:
        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None

        return {"status": self.status, "opens_on": iso(self.opens_on), "closes_on": iso(self.closes_on),
                "next_opens_on": iso(self.next_opens_on)}


def scheme_availability(scheme, today: date) -> AvailabilityInfo:
    """Open now, opening on a date, out of budget or closed: the catalogue's rules (schemes.availability).

    ``scheme`` is a Scheme with ``rounds`` prefetched. Kept as one function so the matching depends on
    the catalogue's rules in one place only.
    """
    found = availability.scheme_availability(scheme=scheme, today=today)
    state, current = found.state, found.current_round
    if state == availability.State.OPEN:
        status = Availability.ALMOST_FULL if found.almost_full else Availability.OPEN
        return AvailabilityInfo(status, opens_on=current.opens_on, closes_on=current.closes_on)
    if state == availability.State.EXHAUSTED:
        return AvailabilityInfo(Availability.EXHAUSTED, opens_on=current.opens_on, closes_on=current.closes_on,
                                next_opens_on=found.next_round.opens_on if found.next_round else None)
    if state == availability.State.UPCOMING:
        return AvailabilityInfo(Availability.UPCOMING, opens_on=found.opens_on)
    if state == availability.State.CLOSED:
        last = found.last_round
        return AvailabilityInfo(Availability.CLOSED, closes_on=last.closes_on if last else None)
    if state == availability.State.EXPIRED:
        return AvailabilityInfo(Availability.EXPIRED, closes_on=found.valid_until)
    if state == availability.State.ONGOING:
        return AvailabilityInfo(Availability.CONTINUOUS, closes_on=found.valid_until)
    return AvailabilityInfo(Availability.UNKNOWN)


def _bits(codes: Iterable[str], index: dict[str, int]) -> int:
    mask = 0
    for code in codes:
        if code in index:
            mask |= 1 << index[code]
    return mask


def _index(choices) -> dict[str, int]:
    return {code: i for i, code in enumerate(choices.values)}


STAGE_BITS, THEME_BITS, AREA_BITS = _index(v.Stage), _index(v.Theme), _index(v.BusinessArea)
SECTOR_BITS, BARRIER_BITS = _index(v.Sector), _index(v.Barrier)


@dataclass(frozen=True, slots=True)
class CompiledScheme:
    position: int
    source: object  # the Scheme instance, for availability and display
    stages: int
    themes: int
    areas: int
    sectors: int
    barriers: int
    steps: frozenset[int]
    kind: str
    provides: frozenset[str]  # what the offer gives; hidden from a company that has it already
    reading: bool  # a publication or knowledge tool
    offer: str
    national: bool
    province_codes: frozenset[str]
    municipality_codes: frozenset[str]
    area_names: tuple[str, ...]  # the provinces and municipalities of a regional scheme, for its criterion
    signature: int  # index into Catalogue.signatures
    who: int  # index into Catalogue.who_parts (who may apply, without the documents)
    documents: int  # index into Catalogue.document_parts (the requirements list)


# (sme_only, large_max, requires_consortium, min_smes, max_smes, min_roles, requirements)
Signature = tuple


@dataclass
class Catalogue:
    version: object
    schemes: list[CompiledScheme]
    signatures: list[Signature]
    who_parts: list[Signature] = field(default_factory=list)
    document_parts: list[Signature] = field(default_factory=list)
    index: SchemeIndex | None = None
    _availability: dict = field(default_factory=dict)

    def availability_on(self, today: date, rule: Callable = scheme_availability) -> list[AvailabilityInfo]:
        if today not in self._availability:
            self._availability.clear()  # only today's matters; keep memory flat
            self._availability[today] = [rule(s.source, today) for s in self.schemes]
        return self._availability[today]


def compile_catalogue(schemes: Iterable, *, version: object = None) -> Catalogue:
    """Precompute everything per scheme that does not depend on the intake."""
    ordered = sorted(schemes, key=lambda s: (s.name.casefold(), s.slug))
    signature_ids: dict[Signature, int] = {}
    who_ids: dict[Signature, int] = {}
    document_ids: dict[Signature, int] = {}
    compiled = []
    for position, s in enumerate(ordered):
        signature = (
            s.sme_only, s.large_companies_max, s.requires_consortium, s.consortium_min_smes,
            s.consortium_max_smes, s.min_chain_roles, tuple(sorted(set(s.requirements or []))),
        )
        sig_id = signature_ids.setdefault(signature, len(signature_ids))
        # Penalties add up per criterion, so they are memoised per part: few distinct parts even when
        # thousands of schemes combine them differently.
        who = (*signature[:6], ())
        documents = (False, None, False, None, None, None, signature[6])
        who_id = who_ids.setdefault(who, len(who_ids))
        document_id = document_ids.setdefault(documents, len(document_ids))
        compiled.append(CompiledScheme(
            position=position, source=s,
            stages=_bits(s.stages or [], STAGE_BITS), themes=_bits(s.themes or [], THEME_BITS),
            areas=_bits(s.business_areas or [], AREA_BITS), sectors=_bits(s.sectors or [], SECTOR_BITS),
            barriers=_bits(s.barriers or [], BARRIER_BITS),
            steps=frozenset(int(x) for x in s.journey_steps or [] if str(x).isdigit()),
            kind=s.kind, provides=frozenset(getattr(s, "provides", None) or ()),
            reading=s.kind in READING_KINDS, offer=getattr(s, "offer", ""),
            national=s.scope == v.GeographicScope.NATIONAL,
            province_codes=frozenset(p.code for p in s.provinces.all()),
            municipality_codes=frozenset(m.code for m in s.municipalities.all()),
            area_names=tuple(sorted([p.display_name for p in s.provinces.all()]
                                    + [m.name for m in s.municipalities.all()])),
            signature=sig_id, who=who_id, documents=document_id,
        ))
    signatures = list(signature_ids)
    index = build_index(
        compiled,
        help_positions={code: tuple(s.position for s in compiled if s.steps & HELP_STEPS[code]
                                    or s.kind in HELP_KINDS[code]) for code in HELP_STEPS},
        help_step_positions={code: tuple(s.position for s in compiled if s.steps & HELP_STEPS[code])
                             for code in HELP_STEPS},
        widths={"themes": len(THEME_BITS), "areas": len(AREA_BITS), "barriers": len(BARRIER_BITS),
                "sectors": len(SECTOR_BITS)},
        sme_strict=lambda s: signatures[s.signature][0] and not signatures[s.signature][1],
    )
    return Catalogue(version=version, schemes=compiled, signatures=signatures, who_parts=list(who_ids),
                     document_parts=list(document_ids), index=index)


def is_fixable(criterion: "Criterion") -> bool:
    """Whether the entrepreneur can meet this criterion by doing something (find a partner, sign, plan)."""
    if criterion.code == "requirement":
        return criterion.params.get("requirement") in FIXABLE_REQUIREMENTS
    return criterion.code in FIXABLE_CODES


@dataclass(frozen=True)
class SchemeMatch:
    scheme: object
    score: int
    fit: list[Criterion]  # why it fits (all "met")
    criteria: list[Criterion]  # eligibility: met / not met / unknown
    availability: AvailabilityInfo
    group: str = GROUP_NOW

    @property
    def missing(self) -> list[Criterion]:
        return [c for c in self.criteria if c.status == NOT_MET]

    @property
    def unknown(self) -> list[Criterion]:
        return [c for c in self.criteria if c.status == UNKNOWN]

    @property
    def eligible(self) -> bool:
        return not self.missing

    def as_dict(self) -> dict:
        s = self.scheme
        return {
            "scheme_id": s.pk, "slug": s.slug, "name": s.name, "name_en": s.name_en, "kind": s.kind,
            "summary": s.summary, "summary_en": s.summary_en, "url": s.url, "group": self.group,
            "score": self.score, "eligible": self.eligible,
            "fit": [c.as_dict() for c in self.fit], "criteria": [c.as_dict() for c in self.criteria],
            "availability": self.availability.as_dict(),
        }


@dataclass(frozen=True)
class MatchResult:
    matches: list[SchemeMatch]  # grouped: every GROUP_NOW match first, then GROUP_NEAR, GROUP_LATER, GROUP_READING
    considered: int
    excluded_elsewhere: int  # hard fails: only valid in another region, or for SMEs while the company is large
    not_shown: int = 0  # considered, but for another stage or sector, too much missing, or over a group's limit

    def as_list(self) -> list[dict]:
        return [m.as_dict() for m in self.matches]

    def group(self, name: str) -> list[SchemeMatch]:
        return [m for m in self.matches if m.group == name]


def _tri(value: bool | None) -> str:
    return UNKNOWN if value is None else (MET if value else NOT_MET)


REQUIREMENT_FACT = {
    v.Requirement.CHAIN_DIRECTOR: "chain_director",
    v.Requirement.COMMITMENT_LETTER: "commitment_signed",
    v.Requirement.AMBITION_DOCUMENT: "commitment_signed",
    v.Requirement.JOINT_PLAN: "joint_plan",
    v.Requirement.EXISTING_COOPERATION: "chain_started",
    v.Requirement.PROCESSING_IN_REGION: "processing_in_province",
}


def eligibility(signature: Signature, facts: IntakeFacts) -> list[Criterion]:
    """The who-may-apply criteria of one signature, for these facts."""
    sme_only, large_max, needs_consortium, min_smes, max_smes, min_roles, requirements = signature
    criteria = []
    large = facts.company_size == v.CompanySize.LARGE
    if sme_only:
        criteria.append(Criterion("sme_only", NOT_MET if large and not large_max else MET,
                                  {"large": large, "large_max": large_max}))
    in_chain = bool(facts.chain_partners) or (facts.chain_smes or 0) > 1
    if needs_consortium or min_smes or max_smes or min_roles:
        status = MET if in_chain else NOT_MET if facts.chain_asked and facts.chain_partners == 0 else UNKNOWN
        criteria.append(Criterion("consortium", status))
    smes = facts.chain_smes
    if min_smes:
        criteria.append(Criterion("min_smes", _tri(None if smes is None else smes >= min_smes),
                                  {"min": min_smes, "count": smes}))
    if max_smes:
        criteria.append(Criterion("max_smes", _tri(None if smes is None else smes <= max_smes),
                                  {"max": max_smes, "count": smes}))
    if large_max is not None and (needs_consortium or min_smes):
        count = facts.chain_large if facts.chain_large is not None else (1 if large else None)
        criteria.append(Criterion("large_max", _tri(None if count is None else count <= large_max),
                                  {"max": large_max, "count": count}))
    if min_roles:
        roles = len(facts.chain_roles) if facts.chain_asked and facts.chain_roles else None
        criteria.append(Criterion("chain_roles", _tri(None if roles is None else roles >= min_roles),
                                  {"min": min_roles, "count": roles}))
    for requirement in requirements:
        fact = REQUIREMENT_FACT.get(requirement)
        status = _tri(getattr(facts, fact)) if fact else UNKNOWN
        criteria.append(Criterion("requirement", status, {"requirement": requirement}))
    return criteria


def _penalty(criteria: list[Criterion]) -> int:
    return sum(W_NOT_MET if c.status == NOT_MET else W_UNKNOWN if c.status == UNKNOWN else W_MET for c in criteria)


def _not_met(criteria: list[Criterion]) -> tuple[int, int]:
    """(fixable, not fixable) criteria not met."""
    missing = [c for c in criteria if c.status == NOT_MET]
    fixable = sum(1 for c in missing if is_fixable(c))
    return fixable, len(missing) - fixable


def _base_group(s: CompiledScheme, fixable: int, hard: int, state: str) -> str | None:
    """The group of a scheme whose sector fits (a sector mismatch is one more criterion not met: hidden)."""
    if hard:
        return None
    if fixable:
        return GROUP_NEAR if fixable <= NEAR_MISS_MAX_MISSING and not s.reading else None
    if s.reading:
        return GROUP_READING
    if s.offer == OFFER_PLAN:
        return GROUP_LATER
    if state in NOW_STATES or (s.offer == OFFER_NO_APPLICATION and state == Availability.UNKNOWN):
        return GROUP_NOW
    return GROUP_LATER


def _geography(s: CompiledScheme, facts: IntakeFacts) -> str:
    if s.national:
        return MET
    if not (facts.province_code or facts.municipality_code):
        return UNKNOWN
    if facts.province_code in s.province_codes or facts.municipality_code in s.municipality_codes:
        return MET
    return NOT_MET


def _stage_score(s: CompiledScheme, stage_bit: int, stage_steps: frozenset[int]) -> int:
    if s.stages:
        return W_STAGE_LISTED if s.stages & stage_bit else W_STAGE_OTHER
    return W_STAGE_STEP if s.steps & stage_steps else W_STAGE_OPEN


def match_schemes(*, facts: IntakeFacts, catalogue: Catalogue, today: date, limit: int = 10,
                  availability: Callable = scheme_availability) -> MatchResult:
    """The most useful schemes for these facts, in ``GROUPS`` order, most useful first in each group.

    The "now" group holds at most ``limit``, the others ``GROUP_LIMITS``; near misses come with the least
    missing first. Ties go by name.
    """
    return _match(facts=facts, catalogue=catalogue, today=today, limit=limit, availability=availability)


def rank_all(*, facts: IntakeFacts, catalogue: Catalogue, today: date,
             availability: Callable = scheme_availability) -> list[SchemeMatch]:
    """Every candidate (hard fails left out) with its criteria and score, best first; ``group`` is "" when
    the result page would not show it. For staff explanations and tests of the rules, not for the route."""
    return _match(facts=facts, catalogue=catalogue, today=today, limit=0, availability=availability, everything=True)


def _match(*, facts: IntakeFacts, catalogue: Catalogue, today: date, limit: int, availability: Callable,
           everything: bool = False):
    index = catalogue.index
    states = catalogue.availability_on(today, availability)
    who_parts = [eligibility(part, facts) for part in catalogue.who_parts]
    document_parts = [eligibility(part, facts) for part in catalogue.document_parts]
    who_penalty = tuple(_penalty(c) for c in who_parts)
    document_penalty = tuple(_penalty(c) for c in document_parts)
    who_missing = tuple(_not_met(c) for c in who_parts)
    document_missing = tuple(_not_met(c) for c in document_parts)
    help_wanted = frozenset(code for code in facts.help_wanted if code in HELP_STEPS)
    already_has = frozenset(r for r, fact in REQUIREMENT_FACT.items() if getattr(facts, fact) is True)

    def build_base() -> tuple[list[int], dict[str, frozenset[int]], list[int]]:
        # What does not depend on the intake's own codes: stage, sector mismatch (undone
        # below for schemes that share a sector), eligibility penalties, availability; and the group.
        stage_bit = 1 << STAGE_BITS[facts.stage] if facts.stage in STAGE_BITS else 0
        stage_steps = STAGE_STEPS.get(facts.stage, frozenset())
        scores, fixable = [], []
        groups: dict[str, set[int]] = {name: set() for name in GROUPS}
        for s in catalogue.schemes:
            state = states[s.position].status
            scores.append(
                _stage_score(s, stage_bit, stage_steps) + (W_SECTOR_OTHER if s.sectors else 0)
                + who_penalty[s.who] + document_penalty[s.documents] + W_AVAILABILITY[state]
            )
            fix = who_missing[s.who][0] + document_missing[s.documents][0]
            hard = who_missing[s.who][1] + document_missing[s.documents][1]
            hard += 1 if s.stages and not s.stages & stage_bit else 0
            hard += 1 if s.provides & already_has else 0
            group = _base_group(s, fix, hard, state)
            if group is not None:
                groups[group].add(s.position)
            fixable.append(fix)
        return scores, {name: frozenset(positions) for name, positions in groups.items()}, fixable

    key = (facts.stage, who_penalty, document_penalty, who_missing, document_missing, already_has, today,
           availability)
    base_scores, group_sets, fixable = index.base(key, build_base)
    scores = base_scores.copy()
    relevant: set[int] = set()  # shares a theme, business area, barrier, sector or support step asked for
    for codes, bits, postings, weight in (
        (facts.themes, THEME_BITS, index.themes, W_THEME),
        (facts.business_areas, AREA_BITS, index.areas, W_AREA),
        (facts.barriers, BARRIER_BITS, index.barriers, W_BARRIER),
    ):
        for code in codes:
            if code in bits:
                relevant.update(postings[bits[code]])
                for position in postings[bits[code]]:
                    scores[position] += weight
    for code in help_wanted:
        # Only a support step makes a scheme relevant on its own; a kind of scheme ("advice" for specialist
        # help) is too broad for that and only adds to the score.
        relevant.update(index.help_steps[code])
        for position in index.help[code]:
            scores[position] += W_HELP
    sharing_a_sector = set()
    for code in facts.sectors:
        if code in SECTOR_BITS:
            positions = index.sectors[SECTOR_BITS[code]]
            sharing_a_sector.update(positions)
            for position in positions:
                scores[position] += W_SECTOR
    for position in sharing_a_sector:
        scores[position] -= W_SECTOR_OTHER
    relevant.update(sharing_a_sector)
    candidates, named, candidate_set = index.place(
        province_code=facts.province_code, municipality_code=facts.municipality_code,
        large=facts.company_size == v.CompanySize.LARGE,
    )
    for position in named:
        scores[position] += W_REGIONAL
    # Shown: a candidate relevant to what was asked, and not only for sectors the intake does not name.
    # Set operations run in C, so an intake costs little more than the schemes that share its codes.
    visible = relevant.intersection(candidate_set).difference(
        index.sector_restricted.difference(sharing_a_sector))
    if everything:
        group_of = {p: name for name, members in group_sets.items() for p in members & visible}
        return [
            _explain(catalogue.schemes[p], scores[p], facts, who_parts, document_parts, states[p], group_of.get(p, ""))
            for p in heapq.nlargest(len(candidates), candidates, key=scores.__getitem__)
        ]
    limits = {GROUP_NOW: limit, **GROUP_LIMITS}
    matches = []
    for name in GROUPS:
        # In position (= name) order, and nlargest is stable, so ties go to the first by name.
        members = sorted(visible.intersection(group_sets[name]))
        if name == GROUP_NEAR:
            top = heapq.nlargest(limits[name], members, key=lambda p: (-fixable[p], scores[p]))
        else:
            top = heapq.nlargest(limits[name], members, key=scores.__getitem__)
        matches.extend(
            _explain(catalogue.schemes[p], scores[p], facts, who_parts, document_parts, states[p], name)
            for p in top
        )
    return MatchResult(matches=matches, considered=len(candidates),
                       excluded_elsewhere=len(catalogue.schemes) - len(candidates),
                       not_shown=len(candidates) - len(matches))


def _explain(s: CompiledScheme, score: int, facts: IntakeFacts, who_parts: list, document_parts: list,
             state: AvailabilityInfo, group: str) -> SchemeMatch:
    scheme = s.source
    fit, criteria = [], []
    if scheme.stages:
        status = MET if facts.stage in scheme.stages else NOT_MET
        (fit if status == MET else criteria).append(Criterion("stage", status, {"stages": list(scheme.stages)}))
    helps = [code for code in HELP_STEPS if code in facts.help_wanted
             and (s.steps & HELP_STEPS[code] or s.kind in HELP_KINDS[code])]
    if helps:
        fit.append(Criterion("help", MET, {"codes": helps}))
    for code, mine, theirs in (
        ("themes", facts.themes, scheme.themes), ("business_areas", facts.business_areas, scheme.business_areas),
        ("barriers", facts.barriers, scheme.barriers),
    ):
        common = sorted(set(mine) & set(theirs or []))
        if common:
            fit.append(Criterion(code, MET, {"codes": common}))
    if scheme.sectors:
        common = sorted(facts.sectors & set(scheme.sectors))
        if common:
            fit.append(Criterion("sectors", MET, {"codes": common}))
        else:
            criteria.append(Criterion("sectors", NOT_MET, {"codes": sorted(scheme.sectors)}))
    geo = _geography(s, facts)
    if not s.national:
        criteria.append(Criterion("region", geo, {"areas": list(s.area_names)}))
    # The who-may-apply part and the requirements part, evaluated once per intake (see match_schemes).
    criteria.extend(who_parts[s.who])
    criteria.extend(document_parts[s.documents])
    return SchemeMatch(scheme=scheme, score=score, fit=fit, criteria=criteria, availability=state, group=group)
