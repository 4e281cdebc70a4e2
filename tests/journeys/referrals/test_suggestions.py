"""Suggested partners: ranked by the request's barriers, themes, sector and province; other regions left out."""

import pytest

from journeys.referrals.selectors import partner_suggestions
from tests.factories.catalogue import PartnerOrganisationFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def test_it_ranks_partners_by_barriers_themes_sector_and_province(cast, with_answers):
    support_request = with_answers(consent=False)  # regulation + chain themes, regulation barrier, construction
    utrecht = ProvinceFactory(code="PV26", name="Utrecht", display_name="Utrecht")
    friesland = ProvinceFactory(code="PV21", name="Friesland", display_name="Friesland")
    intake = support_request.intake
    intake.province = utrecht
    intake.save()
    PartnerOrganisationFactory(name="Algemeen")  # national, no tags
    PartnerOrganisationFactory(name="Omgevingsdienst", themes=["regulation"], barriers=["regulation"])
    PartnerOrganisationFactory(name="Bouwplatform", sectors=["construction"])
    PartnerOrganisationFactory(name="Utrechtse ketenpartner", themes=["chain"], is_national=False,
                               provinces=[utrecht])
    PartnerOrganisationFactory(name="Friese partner", themes=["regulation"], barriers=["regulation"],
                               is_national=False, provinces=[friesland])
    PartnerOrganisationFactory(name="Gestopt", themes=["regulation"], is_active=False)

    suggestions = partner_suggestions(support_request=support_request)

    assert [s.partner.name for s in suggestions] == [
        "Omgevingsdienst", "Utrechtse ketenpartner", "Bouwplatform", "Algemeen"]
    assert [s.score for s in suggestions] == [5, 3, 2, 0]
    assert suggestions[0].reasons == ["helpt bij: Regels of de afvalstatus", "thema: Wet- en regelgeving"]
    assert "werkt in Utrecht" in suggestions[1].reasons


def test_a_partner_whose_area_is_unknown_is_shown_but_not_ranked_up_for_the_region(cast, with_answers):
    support_request = with_answers(consent=False)
    PartnerOrganisationFactory(name="Onbekend gebied", is_national=False)

    [suggestion] = partner_suggestions(support_request=support_request)

    assert suggestion.partner.name == "Onbekend gebied" and suggestion.score == 0
