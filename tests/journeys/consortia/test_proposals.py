"""Proposals: complementary partners in an acceptable region, grouped to meet CKP's catalogue rules."""

import pytest

from journeys.consortia import selectors, services
from journeys.consortia.proposals import Candidate, pair_fit, proposals_for
from journeys.consortia.rules import SchemeRules
from journeys.models import RegionScope
from schemes import vocabulary as v

pytestmark = pytest.mark.django_db

WOOD = [v.Material.WOOD]


def _ids(proposal):
    return [m.id for m in proposal.members]


@pytest.fixture
def chain(geo):
    me = geo.profile(roles_offered=["producer"], roles_sought=["recycler", "supplier"], materials=WOOD)
    recycler = geo.profile(roles_offered=["recycler"], roles_sought=["producer"], materials=WOOD)
    supplier_nh = geo.profile(province=geo.noord_holland, roles_offered=["supplier"], roles_sought=["producer"],
                              materials=WOOD)
    far_away = geo.profile(province=geo.groningen, roles_offered=["recycler"], roles_sought=["producer"],
                           materials=WOOD, region_scope=RegionScope.NATIONAL)
    other_material = geo.profile(roles_offered=["recycler"], roles_sought=["producer"],
                                 materials=[v.Material.TEXTILES], sectors=[v.Sector.TEXTILES])
    gone = geo.profile(roles_offered=["supplier"], roles_sought=["producer"], materials=WOOD, withdrawn=True)
    return me, recycler, supplier_nh, far_away, other_material, gone


def test_it_proposes_a_group_that_meets_ckp_and_explains_it(geo, chain):
    me, recycler, supplier_nh, *_rest = chain
    found = selectors.proposals_for_profile(profile=me)
    assert found, "no proposal"
    best = found[0]
    assert best.scheme.slug == "ckp"
    assert best.eligible
    assert set(_ids(best)) == {me.pk, recycler.pk, supplier_nh.pk}
    assert _ids(best)[0] == me.pk  # the SME it was proposed for leads
    assert {c["code"]: c["status"] for c in best.criteria} == {
        "min_smes": "met", "max_smes": "met", "large_max": "met", "chain_roles": "met", "lead_sme": "met"}
    assert best.fit[supplier_nh.pk].roles_sought == ("supplier",)
    assert best.fit[recycler.pk].materials == ("wood",)


def test_it_leaves_out_other_regions_other_materials_and_withdrawn_profiles(geo, chain):
    me, _recycler, _supplier, far_away, other_material, gone = chain
    members = {m.id for p in selectors.proposals_for_profile(profile=me) for m in p.members}
    assert far_away.pk not in members  # Groningen does not border Utrecht, and "me" wants neighbours only
    assert other_material.pk not in members
    assert gone.pk not in members


def test_withdrawal_takes_a_profile_out_of_every_proposal_at_once(geo, chain):
    me, recycler, *_rest = chain
    assert any(recycler.pk in _ids(p) for p in selectors.proposals_for_profile(profile=me))
    services.partner_profile_withdraw(profile=recycler)
    assert not any(recycler.pk in _ids(p) for p in selectors.proposals_for_profile(profile=me))
    assert selectors.proposals_for_profile(profile=recycler) == []
    recycler.refresh_from_db()
    assert recycler.company_name == "" and recycler.email == ""


def test_a_large_company_does_not_lead_when_the_lead_must_be_an_sme(geo, chain):
    me, recycler, supplier_nh, *_rest = chain
    me.is_large = True
    me.save()
    user = geo.profile(roles_offered=["user"], roles_sought=["producer"], materials=WOOD)
    best = selectors.proposals_for_profile(profile=me)[0]
    assert best.eligible
    assert set(_ids(best)) == {me.pk, recycler.pk, supplier_nh.pk, user.pk}
    assert _ids(best)[0] != me.pk


def test_both_sides_must_accept_the_region():
    utrecht_own = Candidate(1, False, frozenset({"producer"}), frozenset({"recycler"}), frozenset({"wood"}),
                            frozenset(), "PV26", RegionScope.OWN)
    nh_national = Candidate(2, False, frozenset({"recycler"}), frozenset({"producer"}), frozenset({"wood"}),
                            frozenset(), "PV27", RegionScope.NATIONAL)
    assert pair_fit(utrecht_own, nh_national) is None  # Utrecht wants its own province only
    utrecht_neighbours = Candidate(1, False, frozenset({"producer"}), frozenset({"recycler"}), frozenset({"wood"}),
                                   frozenset(), "PV26", RegionScope.NEIGHBOURING)
    assert pair_fit(utrecht_neighbours, nh_national).score > 0


def test_no_group_is_proposed_that_misses_more_than_two_rules():
    rules = SchemeRules(slug="ckp", name="CKP", min_smes=3, max_smes=6, large_max=1, min_roles=3,
                        lead_must_be_sme=True)
    me = Candidate(1, True, frozenset({"producer"}), frozenset({"recycler"}), frozenset({"wood"}), frozenset(),
                   "PV26", RegionScope.NATIONAL)
    large_partner = Candidate(2, True, frozenset({"recycler"}), frozenset({"producer"}), frozenset({"wood"}),
                              frozenset(), "PV26", RegionScope.NATIONAL)
    assert proposals_for(me, [large_partner], [rules]) == []
