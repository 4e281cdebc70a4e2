"""The opt-in page and the hub's "Ketenpartners" view in a real browser: accessible at 1280 and 320 px."""

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from journeys.consortia import presenters
from journeys.models import PartnerProfile
from schemes import vocabulary as v
from tests.factories.journeys import IntakeFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUESTION = "Wilt u dat het loket ketenpartners voor u zoekt?"


def _both_widths(page, name: str) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        screenshots.save(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_entrepreneur_opts_in(page, live_server, geo):
    intake = IntakeFactory(province=geo.utrecht, hub=geo.hub_utrecht, email="", company_name="Houtwerk B.V.",
                           submitted_at=timezone.now(),
                           answers={"themes": [v.Theme.CHAIN], "sectors": [v.Sector.CONSTRUCTION]})
    page.goto(live_server.url + presenters.opt_in_path(intake=intake))
    expect(page.get_by_role("heading", level=1, name=QUESTION)).to_be_visible()
    _both_widths(page, "consortia-opt-in")

    page.get_by_role("button", name="Zoek ketenpartners voor mij").click()
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    assert_accessible(page)
    screenshots.save(page, "consortia-opt-in-errors")

    page.get_by_label("Producent").first.check()
    page.get_by_role("group", name="Welke partners zoekt u? (niet verplicht)").get_by_label(
        "Verwerker of recycler").check()
    page.get_by_label("Hout").check()
    page.get_by_label("In mijn provincie en de provincies ernaast").check()
    page.get_by_label("Klein (10 tot 50 medewerkers)").check()
    page.get_by_label("E-mailadres voor de kennismaking").fill("anna@houtwerk.example")
    page.get_by_label("Ik geef toestemming", exact=False).check()
    page.get_by_role("button", name="Zoek ketenpartners voor mij").click()
    expect(page.get_by_role("heading", level=1, name="Het loket zoekt ketenpartners voor u")).to_be_visible()
    _both_widths(page, "consortia-opt-in-done")
    profile = PartnerProfile.objects.get()
    assert profile.roles_offered == ["producer"] and profile.roles_sought == ["recycler"]


def test_hub_staff_find_a_group_and_introduce_it(page, live_server, geo):
    wood = [v.Material.WOOD]
    me = geo.profile(company_name="Houtwerk B.V.", roles_offered=["producer"], roles_sought=["recycler", "supplier"],
                     materials=wood)
    geo.profile(company_name="Kringloop Hout", roles_offered=["recycler"], roles_sought=["producer"], materials=wood)
    geo.profile(province=geo.noord_holland, company_name="Bosbouw Noord", roles_offered=["supplier"],
                roles_sought=["producer"], materials=wood)
    client = Client()
    client.force_login(geo.staff_utrecht)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])

    page.goto(live_server.url + "/medewerkers/ketenpartners/")
    expect(page.get_by_role("heading", level=1, name="Ketenpartners")).to_be_visible()
    _both_widths(page, "consortia-desk")
    page.get_by_role("link", name="Houtwerk B.V.").click()
    expect(page.get_by_role("heading", name="Voorstel 1: Subsidie Circulaire Ketenprojecten (CKP)")).to_be_visible()
    expect(page.get_by_text("Voldoet aan de regels").first).to_be_visible()
    _both_widths(page, "consortia-profile")

    page.get_by_role("button", name="Leg voorstel 1 vast als groep").click()
    expect(page.get_by_text("De groep is vastgelegd.")).to_be_visible()
    _both_widths(page, "consortia-group")
    page.get_by_role("button", name="Stel de bedrijven aan elkaar voor").click()
    expect(page.get_by_text("De bedrijven zijn aan elkaar voorgesteld (3 e-mails).")).to_be_visible()
    expect(page.get_by_text("Voorgesteld aan elkaar").first).to_be_visible()
    assert_accessible(page)
    assert me.memberships.get().consortium.status == "introduced"
