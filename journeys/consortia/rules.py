"""Does a group of companies meet a consortium scheme's rules? Each criterion met / missing / unknown.

Pure functions on plain data. The rules come from the catalogue's consortium fields of each scheme
(``Scheme.consortium_min_smes``, ``consortium_max_smes``, ``large_companies_max``, ``min_chain_roles``,
``lead_applicant_must_be_sme``, ``sme_only``, its provinces), never from constants here: CKP's
"3-6 SMEs, 3 roles, at most 1 large company, SME lead" is whatever the catalogue says (docs/consortia.md).

Criteria are stored as codes with parameters (like schemes.matching) and put into words only when shown
(``criterion_text``), so a stored eligibility check reads in Dutch or English.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
# A consortium scheme that names no minimum still needs a group: two companies at least (our choice).
MIN_MEMBERS_WITHOUT_RULE = 2


@dataclass(frozen=True)
class Member:
    """One company in a group, as far as the rules care. ``roles``: the chain roles it can take."""

    is_large: bool | None
    roles: frozenset[str]
    province: str | None = None


@dataclass(frozen=True)
class SchemeRules:
    slug: str
    name: str
    name_en: str = ""
    min_smes: int | None = None
    max_smes: int | None = None
    large_max: int | None = None
    min_roles: int | None = None
    lead_must_be_sme: bool | None = None
    provinces: frozenset[str] = frozenset()  # empty: the whole country
    province_names: tuple[str, ...] = ()

    @classmethod
    def from_scheme(cls, scheme) -> "SchemeRules":
        provinces = list(scheme.provinces.all()) if scheme.scope == "regional" else []
        large_max = scheme.large_companies_max
        if large_max is None and scheme.sme_only:
            large_max = 0  # only SMEs may take part
        return cls(
            slug=scheme.slug, name=scheme.name, name_en=scheme.name_en,
            min_smes=scheme.consortium_min_smes, max_smes=scheme.consortium_max_smes, large_max=large_max,
            min_roles=scheme.min_chain_roles, lead_must_be_sme=scheme.lead_applicant_must_be_sme,
            provinces=frozenset(p.code for p in provinces),
            province_names=tuple(sorted(p.display_name for p in provinces)),
        )

    @property
    def most_members(self) -> int | None:
        if self.max_smes is None:
            return None
        return self.max_smes + (self.large_max or 0)

    @property
    def fewest_members(self) -> int:
        return max(self.min_smes or 0, self.min_roles or 0, MIN_MEMBERS_WITHOUT_RULE)


def _assign(index: int, roles_of: Sequence[frozenset[str]], role_of: dict[str, int], seen: set[str]) -> bool:
    """Find company ``index`` a role, moving others along if need be (one augmenting path)."""
    for role in sorted(roles_of[index]):
        if role in seen:
            continue
        seen.add(role)
        if role not in role_of or _assign(role_of[role], roles_of, role_of, seen):
            role_of[role] = index
            return True
    return False


def role_matching(members: Sequence[Member]) -> dict[str, int]:
    """Which company takes which role, each company one role: a largest matching (groups are small)."""
    roles_of = [m.roles for m in members]
    role_of: dict[str, int] = {}
    for index in range(len(members)):
        _assign(index, roles_of, role_of, set())
    return role_of


def adds_a_role(members: Sequence[Member], matching: dict[str, int], roles: frozenset[str]) -> bool:
    """Whether one more company with ``roles`` raises the number of distinct roles of ``members``."""
    if roles - matching.keys():
        return True  # a role nobody takes yet
    roles_of = [*(m.roles for m in members), roles]
    return _assign(len(members), roles_of, dict(matching), set())


def distinct_roles(members: Sequence[Member]) -> int:
    """How many different chain roles the group covers, each company counted for one role only.

    A company that can be producer and recycler does not make a chain of three on its own: this is the
    largest matching between companies and roles (augmenting paths).
    """
    return len(role_matching(members))


def _bounded(*, known: int, unknown: int, minimum: int | None = None, maximum: int | None = None) -> str:
    """Met, not met or unknown for a count of which ``unknown`` members may or may not be counted."""
    if minimum is not None:
        if known >= minimum:
            return MET
        return UNKNOWN if known + unknown >= minimum else NOT_MET
    assert maximum is not None
    if known > maximum:
        return NOT_MET
    return UNKNOWN if known + unknown > maximum else MET


def consortium_check(*, members: Sequence[Member], rules: SchemeRules) -> list[dict]:
    """The scheme's criteria for this group, in a fixed order; the first member is the lead applicant."""
    smes = sum(1 for m in members if m.is_large is False)
    large = sum(1 for m in members if m.is_large is True)
    unknown = sum(1 for m in members if m.is_large is None)
    criteria: list[dict] = []

    def add(code: str, status: str, **params) -> None:
        criteria.append({"code": code, "status": status, "params": params})

    if rules.min_smes is None:
        add("members", MET if len(members) >= MIN_MEMBERS_WITHOUT_RULE else NOT_MET,
            min=MIN_MEMBERS_WITHOUT_RULE, count=len(members))
    else:
        add("min_smes", _bounded(known=smes, unknown=unknown, minimum=rules.min_smes),
            min=rules.min_smes, count=smes, unknown=unknown)
    if rules.max_smes is not None:
        add("max_smes", _bounded(known=smes, unknown=unknown, maximum=rules.max_smes),
            max=rules.max_smes, count=smes, unknown=unknown)
    if rules.large_max is not None:
        add("large_max", _bounded(known=large, unknown=unknown, maximum=rules.large_max),
            max=rules.large_max, count=large, unknown=unknown)
    if rules.min_roles:
        roles = distinct_roles(members)
        add("chain_roles", MET if roles >= rules.min_roles else NOT_MET, min=rules.min_roles, count=roles)
    if rules.lead_must_be_sme and members:
        lead = members[0].is_large
        add("lead_sme", UNKNOWN if lead is None else NOT_MET if lead else MET)
    if rules.provinces and members:
        lead_province = members[0].province
        status = UNKNOWN if not lead_province else MET if lead_province in rules.provinces else NOT_MET
        add("region", status, areas=list(rules.province_names))
    return criteria


def is_eligible(criteria: Iterable[dict]) -> bool:
    return all(c["status"] == MET for c in criteria)


def missing(criteria: Iterable[dict]) -> list[dict]:
    return [c for c in criteria if c["status"] != MET]


def _unknown_size(params: dict) -> str:
    count = params.get("unknown") or 0
    if not count:
        return ""
    return " " + ngettext("Van %(count)s bedrijf weten wij niet hoe groot het is.",
                          "Van %(count)s bedrijven weten wij niet hoe groot ze zijn.", count) % {"count": count}


def criterion_text(item: dict) -> str:
    """One B1 sentence about the group: what the scheme asks and what this group has."""
    code, status, params = item.get("code"), item.get("status"), item.get("params") or {}
    count = params.get("count", 0)
    has = ngettext("Deze groep heeft er %(count)s.", "Deze groep heeft er %(count)s.", count) % {"count": count}
    if code == "members":
        need = _("Een samenwerking heeft minstens %(min)s bedrijven nodig.") % params
        return f"{need} {has}"
    if code == "min_smes":
        need = ngettext("Er is minstens %(min)s mkb'er nodig.", "Er zijn minstens %(min)s mkb'ers nodig.",
                        params["min"]) % params
        return f"{need} {has}{_unknown_size(params)}"
    if code == "max_smes":
        need = _("Er mogen maximaal %(max)s mkb'ers meedoen.") % params
        return f"{need} {has}{_unknown_size(params)}"
    if code == "large_max":
        if params["max"] == 0:
            need = _("Er mogen geen grote bedrijven meedoen.")
        else:
            need = ngettext("Er mag maximaal %(max)s groot bedrijf meedoen.",
                            "Er mogen maximaal %(max)s grote bedrijven meedoen.", params["max"]) % params
        return f"{need} {has}{_unknown_size(params)}"
    if code == "chain_roles":
        need = _("Er zijn minstens %(min)s verschillende rollen in de keten nodig.") % params
        return f"{need} {has}"
    if code == "lead_sme":
        return {
            MET: _("De penvoerder (het eerste bedrijf) is een mkb'er, zoals de regeling vraagt."),
            NOT_MET: _("De penvoerder (het eerste bedrijf) moet een mkb'er zijn. Nu is dat een groot bedrijf."),
        }.get(status, _("De penvoerder (het eerste bedrijf) moet een mkb'er zijn. Wij weten niet hoe groot "
                        "dit bedrijf is."))
    if code == "region":
        areas = ", ".join(params.get("areas", []))
        return {
            MET: _("De penvoerder zit in %(areas)s. Daar geldt deze regeling.") % {"areas": areas},
            NOT_MET: _("Deze regeling geldt alleen in %(areas)s. De penvoerder zit daar niet.") % {"areas": areas},
        }.get(status, _("Deze regeling geldt alleen in %(areas)s. Wij weten niet waar de penvoerder zit.")
              % {"areas": areas})
    return str(code)
