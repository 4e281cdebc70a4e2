"""The matching engine: every eligibility field, the CKP conditions, availability and ranking."""

from datetime import date

import pytest

from schemes import published_catalogue as selectors
from schemes import vocabulary as v
from schemes.matching import (
    GROUP_LATER,
    GROUP_NEAR,
    GROUP_NOW,
    GROUP_READING,
    MET,
    NOT_MET,
    UNKNOWN,
    IntakeFacts,
    MatchResult,
    compile_catalogue,
    match_schemes,
    rank_all,
)
from schemes.matching_texts import availability_text, criterion_text, fit_text
from schemes.models import Scheme
from tests.factories.catalogue import (
    ApplicationRoundFactory,
    MunicipalityFactory,
    ProvinceFactory,
    SchemeFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2025, 5, 1)


def facts(**changes) -> IntakeFacts:
    base = {
        "stage": "frontrunner", "company_size": "small", "province_code": "PV26", "municipality_code": "GM0344",
        "themes": frozenset({"chain"}), "chain_asked": True, "chain_partners": 3, "chain_smes": 4, "chain_large": 0,
        "chain_roles": frozenset({"supplier", "producer", "recycler"}), "chain_director": True,
        "commitment_signed": True, "joint_plan": True, "chain_started": True,
    }
    return IntakeFacts(**{**base, **changes})


def run(the_facts, today=TODAY, limit=50):
    """Every candidate ranked by score (the rules below), whether or not the route page would show it."""
    schemes = Scheme.objects.filter(status="published").prefetch_related("rounds", "provinces", "municipalities")
    catalogue = compile_catalogue(schemes)
    ranked = rank_all(facts=the_facts, catalogue=catalogue, today=today)[:limit]
    return MatchResult(matches=ranked, considered=len(ranked),
                       excluded_elsewhere=len(catalogue.schemes) - len(rank_all(
                           facts=the_facts, catalogue=catalogue, today=today)))


def only(result, slug):
    return next(m for m in result.matches if m.scheme.slug == slug)


def criterion(match, code, **params):
    return next(c for c in match.criteria
                if c.code == code and all(c.params.get(k) == val for k, val in params.items()))


@pytest.fixture
def ckp(db):
    return SchemeFactory(slug="ckp", name="Circulaire Ketenprojecten", chain_subsidy=True)


@pytest.mark.parametrize(("smes", "status", "text"), [
    (2, NOT_MET, "U heeft minstens 3 mkb'ers nodig in het consortium. U noemt er 2."),
    (3, MET, "U heeft minstens 3 mkb'ers nodig in het consortium. U noemt er 3."),
    (6, MET, None),
    (7, MET, None),
    (None, UNKNOWN, "U heeft minstens 3 mkb'ers nodig in het consortium. Dit weten wij nog niet van u."),
])
def test_it_checks_the_ckp_minimum_of_three_smes(ckp, smes, status, text):
    match = only(run(facts(chain_smes=smes)), "ckp")
    found = criterion(match, "min_smes")
    assert found.status == status
    if text:
        assert criterion_text(found.as_dict()) == text


@pytest.mark.parametrize(("smes", "status"), [(2, MET), (3, MET), (6, MET), (7, NOT_MET)])
def test_it_checks_the_ckp_maximum_of_six_smes(ckp, smes, status):
    assert criterion(only(run(facts(chain_smes=smes)), "ckp"), "max_smes").status == status


@pytest.mark.parametrize(("smes", "eligible"), [(2, False), (3, True), (6, True), (7, False)])
def test_it_finds_ckp_eligible_only_for_three_to_six_smes(ckp, smes, eligible):
    assert only(run(facts(chain_smes=smes)), "ckp").eligible is eligible


def test_it_lists_a_missing_chain_director_as_missing_not_as_a_reason_to_hide(ckp):
    match = only(run(facts(chain_director=False)), "ckp")
    missing = [criterion_text(c.as_dict()) for c in match.missing]
    assert missing == ["U heeft een ketenregisseur of procesbegeleider nodig."]
    assert not match.eligible


def test_it_marks_an_unknown_chain_director_as_unknown(ckp):
    match = only(run(facts(chain_director=None)), "ckp")
    assert criterion(match, "requirement", requirement="chain_director").status == UNKNOWN
    assert criterion(match, "requirement", requirement="de_minimis").status == UNKNOWN


@pytest.mark.parametrize(("roles", "status"), [
    (frozenset({"supplier", "producer"}), NOT_MET), (frozenset({"supplier", "producer", "user"}), MET),
    (frozenset(), UNKNOWN),
])
def test_it_checks_the_chain_roles(ckp, roles, status):
    assert criterion(only(run(facts(chain_roles=roles)), "ckp"), "chain_roles").status == status


@pytest.mark.parametrize(("large", "size", "status"), [(0, "small", MET), (1, "small", MET), (2, "small", NOT_MET),
                                                       (None, "large", MET), (None, "small", UNKNOWN)])
def test_it_allows_one_large_company_in_ckp(ckp, large, size, status):
    assert criterion(only(run(facts(chain_large=large, company_size=size)), "ckp"), "large_max").status == status


def test_it_requires_a_consortium(ckp):
    assert criterion(only(run(facts(chain_partners=0, chain_smes=1)), "ckp"), "consortium").status == NOT_MET
    not_asked = facts(chain_asked=False, chain_partners=None, chain_smes=None)
    assert criterion(only(run(not_asked), "ckp"), "consortium").status == UNKNOWN


def test_it_excludes_sme_only_schemes_for_a_large_company_unless_it_may_join(db):
    SchemeFactory(slug="mkb", sme_only=True)
    SchemeFactory(slug="ckp", chain_subsidy=True)
    result = run(facts(company_size="large"))
    assert [m.scheme.slug for m in result.matches] == ["ckp"]
    assert result.excluded_elsewhere == 1
    assert "Een groot bedrijf mag wel meedoen" in criterion_text(criterion(result.matches[0], "sme_only").as_dict())


def test_it_excludes_schemes_of_another_region_and_prefers_the_own_region(db):
    utrecht, holland = ProvinceFactory(code="PV26"), ProvinceFactory(code="PV27")
    culemborg = MunicipalityFactory(code="GM0216")
    own = SchemeFactory(slug="own", name="B regionaal", scope="regional")
    own.provinces.set([utrecht])
    other = SchemeFactory(slug="other", scope="regional")
    other.provinces.set([holland])
    town = SchemeFactory(slug="town", scope="regional")
    town.municipalities.set([culemborg])
    SchemeFactory(slug="national", name="A landelijk")
    result = run(facts())
    assert [m.scheme.slug for m in result.matches] == ["own", "national"]
    assert result.excluded_elsewhere == 2
    assert criterion(result.matches[0], "region").status == MET
    unknown_place = run(facts(province_code="", municipality_code=""))
    assert criterion(only(unknown_place, "other"), "region").status == UNKNOWN


def test_it_matches_on_municipality(db):
    MunicipalityFactory(code="GM0344")
    town = SchemeFactory(slug="town", scope="regional")
    town.municipalities.set([MunicipalityFactory(code="GM0344")])
    assert [m.scheme.slug for m in run(facts()).matches] == ["town"]


def test_it_ranks_by_stage_theme_area_sector_and_barrier_fit(db):
    SchemeFactory(slug="general", name="A algemeen")
    SchemeFactory(slug="theme", name="B thema", themes=["financing"])
    SchemeFactory(slug="stage", name="C fase", stages=["starter"], themes=["financing"])
    SchemeFactory(slug="sector", name="D sector", themes=["financing"], sectors=["construction"],
                  business_areas=["reuse"], barriers=["financing"])
    SchemeFactory(slug="wrong-sector", name="E andere sector", themes=["financing"], sectors=["healthcare"])
    result = run(facts(stage="starter", themes=frozenset({"financing"}), sectors=frozenset({"construction"}),
                       business_areas=frozenset({"reuse"}), barriers=frozenset({"financing"})))
    assert [m.scheme.slug for m in result.matches] == ["sector", "stage", "theme", "general", "wrong-sector"]
    assert criterion(only(result, "wrong-sector"), "sectors").status == NOT_MET
    assert {c.code for c in only(result, "sector").fit} == {"themes", "sectors", "business_areas", "barriers"}


def test_it_ranks_a_scheme_for_another_stage_lower(db):
    SchemeFactory(slug="for-me", name="Z voor mij", stages=["peloton"])
    SchemeFactory(slug="not-for-me", name="A niet voor mij", stages=["frontrunner"])
    result = run(facts(stage="peloton"))
    assert [m.scheme.slug for m in result.matches] == ["for-me", "not-for-me"]
    assert criterion(only(result, "not-for-me"), "stage").status == NOT_MET


def test_it_uses_journey_steps_when_no_stage_is_listed(db):
    SchemeFactory(slug="steps", name="Z stappen", journey_steps=[1, 2])
    SchemeFactory(slug="plain", name="A geen stappen")
    assert [m.scheme.slug for m in run(facts(stage="starter")).matches] == ["steps", "plain"]


def test_it_reports_availability(db):
    open_now = SchemeFactory(slug="open", name="A open")
    ApplicationRoundFactory(scheme=open_now, opens_on=date(2025, 4, 1), closes_on=date(2025, 9, 4))
    exhausted = SchemeFactory(slug="exhausted", name="B op")
    ApplicationRoundFactory(scheme=exhausted, opens_on=date(2025, 4, 1), closes_on=date(2025, 9, 4),
                            budget_status=v.BudgetStatus.EXHAUSTED)
    upcoming = SchemeFactory(slug="upcoming", name="C straks")
    ApplicationRoundFactory(scheme=upcoming, opens_on=date(2024, 4, 4), closes_on=date(2024, 9, 4))
    ApplicationRoundFactory(scheme=upcoming, opens_on=date(2025, 6, 2), closes_on=None,
                            budget_status=v.BudgetStatus.UPCOMING)
    closed = SchemeFactory(slug="closed", name="D dicht")
    ApplicationRoundFactory(scheme=closed, opens_on=date(2024, 4, 4), closes_on=date(2024, 9, 4))
    SchemeFactory(slug="always", name="E altijd", is_ongoing=True)
    SchemeFactory(slug="ended", name="G gestopt", is_ongoing=True, valid_until=date(2025, 1, 1))
    SchemeFactory(slug="later", name="F later", valid_from=date(2025, 7, 1))
    SchemeFactory(slug="unknown", name="H onbekend", is_ongoing=None)
    result = run(facts())
    states = {m.scheme.slug: m.availability.status for m in result.matches}
    assert states == {"open": "open", "exhausted": "exhausted", "upcoming": "upcoming", "closed": "closed",
                      "always": "continuous", "later": "upcoming", "ended": "expired", "unknown": "unknown"}
    assert availability_text(only(result, "ended").availability.as_dict()).startswith(
        "Alleen bevestigd tot en met 1 januari 2025.")
    assert availability_text(only(result, "upcoming").availability.as_dict()) == "Gaat open op 2 juni 2025."
    assert availability_text(only(result, "exhausted").availability.as_dict()) == "Het budget van deze ronde is op."
    assert availability_text(only(result, "open").availability.as_dict()) == "Open tot en met 4 september 2025."
    order = [m.scheme.slug for m in result.matches]
    assert order.index("open") < order.index("upcoming") < order.index("exhausted") < order.index("closed")


def test_it_is_deterministic_and_breaks_ties_by_name(db):
    for name in ["Charlie", "alpha", "Bravo"]:
        SchemeFactory(name=name, slug=name.lower())
    first = [m.scheme.slug for m in run(facts()).matches]
    assert first == ["alpha", "bravo", "charlie"]
    assert first == [m.scheme.slug for m in run(facts()).matches]


def grouped(the_facts, limit=10):
    schemes = Scheme.objects.filter(status="published").prefetch_related("rounds", "provinces", "municipalities")
    return match_schemes(facts=the_facts, catalogue=compile_catalogue(schemes), today=TODAY, limit=limit)


def test_it_ignores_drafts_and_limits_the_list(db):
    SchemeFactory(slug="draft", draft=True, themes=["chain"], is_ongoing=True)
    SchemeFactory.create_batch(12, themes=["chain"], is_ongoing=True)
    result = grouped(facts(), limit=10)
    assert len(result.matches) == 10
    assert {m.group for m in result.matches} == {GROUP_NOW}
    assert (result.considered, result.not_shown) == (12, 2)


def test_a_near_miss_is_never_cut_by_the_limit_of_the_other_groups(db):
    SchemeFactory.create_batch(30, themes=["chain"], stages=["frontrunner"], is_ongoing=True)
    SchemeFactory(slug="ckp", name="Zz Circulaire Ketenprojecten", chain_subsidy=True, themes=["chain"])
    result = grouped(facts(chain_smes=2), limit=10)
    assert [m.scheme.slug for m in result.group(GROUP_NEAR)] == ["ckp"]
    assert len(result.group(GROUP_NOW)) == 10
    assert [criterion_text(c.as_dict()) for c in result.group(GROUP_NEAR)[0].missing] == [
        "U heeft minstens 3 mkb'ers nodig in het consortium. U noemt er 2."]


def test_an_open_scheme_that_meets_everything_comes_before_reading_unknown_and_plans(db):
    SchemeFactory(slug="open", name="Z open", themes=["chain"], kind="advice", is_ongoing=True)
    # Far better topical fit, but a publication, an unknown availability and a plan.
    rich = {"themes": ["chain", "financing"], "business_areas": ["chain_cooperation"], "stages": ["frontrunner"]}
    SchemeFactory(slug="publication", name="A publicatie", kind="knowledge_tool", is_ongoing=True, **rich)
    SchemeFactory(slug="unknown", name="B onbekend", kind="subsidy", is_ongoing=None, **rich)
    result = grouped(facts(themes=frozenset({"chain", "financing"}), business_areas=frozenset({"chain_cooperation"})))
    assert [(m.scheme.slug, m.group) for m in result.matches] == [
        ("open", GROUP_NOW), ("unknown", GROUP_LATER), ("publication", GROUP_READING)]


def test_it_hides_schemes_that_do_not_touch_the_question_or_fit_another_stage(db):
    SchemeFactory(slug="unrelated", themes=["imvo"], is_ongoing=True)
    SchemeFactory(slug="starters", themes=["chain"], stages=["starter"], is_ongoing=True)
    SchemeFactory(slug="fits", themes=["chain"], is_ongoing=True)
    result = grouped(facts())
    assert [m.scheme.slug for m in result.matches] == ["fits"]
    assert result.not_shown == 2


def test_help_wanted_counts_and_is_given_as_a_reason(db):
    SchemeFactory(slug="feasibility", name="B haalbaarheid", themes=["financing"], journey_steps=[4], is_ongoing=True)
    SchemeFactory(slug="other", name="A ander", themes=["financing"], is_ongoing=True)
    result = grouped(facts(stage="peloton", themes=frozenset({"financing"}), help_wanted=frozenset({"feasibility"})))
    assert [m.scheme.slug for m in result.matches] == ["feasibility", "other"]
    assert [fit_text(c.as_dict()) for c in result.matches[0].fit if c.code == "help"] == [
        "Geeft de hulp die u zoekt: een haalbaarheidsonderzoek."]


def test_it_recompiles_the_catalogue_only_when_it_changes(db):
    scheme = SchemeFactory(slug="one")
    first = selectors.published_catalogue()
    assert selectors.published_catalogue() is first
    ApplicationRoundFactory(scheme=scheme, opens_on=date(2025, 1, 1), budget_status=v.BudgetStatus.EXHAUSTED)
    second = selectors.published_catalogue()
    assert second is not first
    assert second.availability_on(TODAY)[0].status == "exhausted"
    scheme.name = "Nieuw"
    scheme.save()
    assert selectors.published_catalogue() is not second


@pytest.mark.parametrize(("has_director", "shown"), [(True, False), (False, True), (None, True)])
def test_an_offer_that_provides_what_the_company_has_already_is_not_offered(db, has_director, shown):
    SchemeFactory(slug="hire-a-director", themes=["chain"], provides=["chain_director"], is_ongoing=True)
    SchemeFactory(slug="other-chain-help", themes=["chain"], is_ongoing=True)

    result = grouped(facts(chain_director=has_director))

    assert ("hire-a-director" in [m.scheme.slug for m in result.matches]) is shown
    assert "other-chain-help" in [m.scheme.slug for m in result.matches]
