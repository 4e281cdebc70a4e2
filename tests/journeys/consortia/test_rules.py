"""The consortium rules: a table of groups against CKP's catalogue rules, criterion by criterion."""

import pytest
from django.utils import translation

from journeys.consortia.rules import (
    MET,
    NOT_MET,
    UNKNOWN,
    Member,
    SchemeRules,
    consortium_check,
    criterion_text,
    distinct_roles,
    is_eligible,
)
from tests.factories.catalogue import ProvinceFactory, SchemeFactory

CKP = SchemeRules(slug="ckp", name="CKP", min_smes=3, max_smes=6, large_max=1, min_roles=3, lead_must_be_sme=True)


def sme(*roles: str, province: str = "PV26") -> Member:
    return Member(is_large=False, roles=frozenset(roles), province=province)


def large(*roles: str) -> Member:
    return Member(is_large=True, roles=frozenset(roles), province="PV26")


def statuses(members) -> dict[str, str]:
    return {c["code"]: c["status"] for c in consortium_check(members=members, rules=CKP)}


GROUPS = [
    # (what, members, the criteria not met)
    ("2 SMEs", [sme("producer"), sme("recycler")], {"min_smes", "chain_roles"}),
    ("3 SMEs in 2 roles", [sme("producer"), sme("recycler"), sme("recycler")], {"chain_roles"}),
    ("3 SMEs in 3 roles", [sme("producer"), sme("recycler"), sme("user")], set()),
    ("6 SMEs", [sme("producer"), sme("recycler"), sme("user"), sme("supplier"), sme("trader"), sme("designer")],
     set()),
    ("7 SMEs", [sme("producer"), sme("recycler"), sme("user"), sme("supplier"), sme("trader"), sme("designer"),
                sme("service")], {"max_smes"}),
    ("3 SMEs and one large company", [sme("producer"), sme("recycler"), sme("user"), large("trader")], set()),
    ("3 SMEs and two large companies", [sme("producer"), sme("recycler"), sme("user"), large("trader"),
                                        large("supplier")], {"large_max"}),
    ("a large lead applicant", [large("trader"), sme("producer"), sme("recycler"), sme("user")], {"lead_sme"}),
    ("one SME with three roles and two others", [sme("producer", "recycler", "user"), sme("producer"),
                                                  sme("producer")], {"chain_roles"}),
]


@pytest.mark.parametrize(("what", "members", "not_met"), GROUPS, ids=[g[0] for g in GROUPS])
def test_it_checks_each_ckp_criterion(what, members, not_met):
    result = statuses(members)
    assert set(result) == {"min_smes", "max_smes", "large_max", "chain_roles", "lead_sme"}
    assert {code for code, status in result.items() if status != MET} == not_met
    assert is_eligible(consortium_check(members=members, rules=CKP)) == (not not_met)


def test_it_counts_a_company_of_unknown_size_as_unknown_not_as_met():
    members = [sme("producer"), sme("recycler"), Member(is_large=None, roles=frozenset({"user"}))]
    result = statuses(members)
    assert result["min_smes"] == UNKNOWN
    assert result["chain_roles"] == MET
    assert not is_eligible(consortium_check(members=members, rules=CKP))


def test_it_counts_each_company_for_one_role_only():
    assert distinct_roles([sme("producer", "recycler", "user")]) == 1
    assert distinct_roles([sme("producer", "recycler"), sme("producer"), sme("recycler", "user")]) == 3
    assert distinct_roles([sme("producer"), sme("producer")]) == 1


def test_it_explains_each_criterion_in_a_sentence():
    criteria = consortium_check(members=[large("trader"), sme("producer")], rules=CKP)
    with translation.override("nl"):
        texts = {c["code"]: criterion_text(c) for c in criteria}
    assert texts["min_smes"] == "Er zijn minstens 3 mkb'ers nodig. Deze groep heeft er 1."
    assert texts["large_max"] == "Er mag maximaal 1 groot bedrijf meedoen. Deze groep heeft er 1."
    assert texts["chain_roles"] == "Er zijn minstens 3 verschillende rollen in de keten nodig. Deze groep heeft er 2."
    assert texts["lead_sme"].startswith("De penvoerder (het eerste bedrijf) moet een mkb'er zijn.")
    with translation.override("en"):
        assert criterion_text(criteria[0]) == "At least 3 SMEs are needed. This group has 1."


def test_a_scheme_without_numbers_only_asks_for_a_group():
    rules = SchemeRules(slug="doorbraak", name="Doorbraak")
    assert [c["code"] for c in consortium_check(members=[sme("producer")], rules=rules)] == ["members"]
    assert consortium_check(members=[sme("producer")], rules=rules)[0]["status"] == NOT_MET
    assert is_eligible(consortium_check(members=[sme("producer"), large("user")], rules=rules))


@pytest.mark.django_db
def test_it_reads_the_rules_from_the_catalogue():
    utrecht = ProvinceFactory(code="PV26", name="Utrecht", display_name="Utrecht")
    scheme = SchemeFactory(chain_subsidy=True, consortium_min_smes=2, consortium_max_smes=4, min_chain_roles=2,
                           large_companies_max=0, lead_applicant_must_be_sme=True, scope="regional")
    scheme.provinces.set([utrecht])
    rules = SchemeRules.from_scheme(scheme)
    assert (rules.min_smes, rules.max_smes, rules.large_max, rules.min_roles, rules.lead_must_be_sme) == (
        2, 4, 0, 2, True)
    result = {c["code"]: c["status"] for c in consortium_check(
        members=[sme("producer"), sme("recycler", province="PV27")], rules=rules)}
    assert result == {"min_smes": MET, "max_smes": MET, "large_max": MET, "chain_roles": MET, "lead_sme": MET,
                      "region": MET}
    result = {c["code"]: c["status"] for c in consortium_check(
        members=[sme("producer", province="PV27"), large("recycler")], rules=rules)}
    assert result["large_max"] == NOT_MET and result["region"] == NOT_MET and result["min_smes"] == NOT_MET
