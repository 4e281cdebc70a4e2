"""The whole intake in a real browser: with the mouse, by keyboard only and without JavaScript; axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from journeys.models import SupportRequest
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(geo):
    ckp = SchemeFactory(slug="ckp", name="Circulaire Ketenprojecten", chain_subsidy=True,
                        summary="Subsidie voor 3 tot 6 mkb'ers die samen een circulaire keten opzetten.",
                        url="https://www.rvo.nl/subsidies-financiering/ckp")
    ApplicationRoundFactory(scheme=ckp, opens_on="2025-04-04", closes_on="2099-09-04", budget_status="exhausted")
    SchemeFactory(slug="circo", name="CIRCO Tracks & Classes", themes=["knowledge", "chain"],
                  business_areas=["product_design"], is_ongoing=True)
    SchemeFactory(slug="fin", name="Financieringstool Versnellingshuis", themes=["financing"], is_ongoing=True)


def shot(page, name):
    screenshots.save(page, f"intake-{name}")


def check(page, name):
    assert_accessible(page)
    shot(page, name)


def test_it_completes_the_intake_with_the_mouse(page, live_server, catalogue):
    page.goto(live_server.url + "/intake/")
    expect(page.get_by_text("Stap 1 van 7")).to_be_visible()
    check(page, "01-bedrijf")
    page.get_by_role("button", name="Verder", exact=True).click()
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    check(page, "01b-bedrijf-fouten")
    page.get_by_label("Naam van uw bedrijf").fill("Houtwerk B.V.")
    page.get_by_label("KvK-nummer (niet verplicht)").fill("12345678")
    page.get_by_label("Postcode van uw bedrijf").fill("4100 AB")
    page.get_by_label("Klein (10 tot 50 medewerkers)").check()
    page.get_by_role("button", name="Verder", exact=True).click()
    expect(page.get_by_text("Deze postcode ligt in twee gemeenten").first).to_be_visible()
    check(page, "01c-bedrijf-twee-gemeenten")
    page.get_by_label("Buren (Gelderland)").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_text("Stap 2 van 7")).to_be_visible()
    check(page, "02-sector")
    page.get_by_label("Bouw, grond-, weg- en waterbouw").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waar staat u nu?")).to_be_visible()
    check(page, "03-waar-staat-u")
    page.get_by_label("Wij werken al circulair").check()
    page.get_by_label("Wij verkopen al circulaire producten of diensten").check()
    page.get_by_label("Specialistische kennis, bijvoorbeeld").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waar gaat uw vraag over?")).to_be_visible()
    check(page, "04-onderwerp")
    page.get_by_label("Ketensamenwerking").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waar in uw bedrijf?")).to_be_visible()
    check(page, "05-bedrijfsonderdeel")
    page.get_by_label("Hergebruik van producten en onderdelen").check()
    page.get_by_label("Hout", exact=True).check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waarom nu, en wat houdt u tegen?")).to_be_visible()
    check(page, "06-drijfveren")
    page.get_by_label("Wij hebben een procesbegeleider nodig").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Samenwerken in de keten")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Stap 7 van 8"))).to_be_visible()
    check(page, "07-keten")
    page.get_by_label("Met hoeveel andere bedrijven").fill("4")
    page.get_by_label("Hoeveel daarvan zijn mkb-bedrijven").fill("2")
    page.get_by_role("group", name="Heeft u een ketenregisseur of procesbegeleider gevonden?").get_by_label(
        "Ja", exact=True).check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Uw contactgegevens")).to_be_visible()
    page.get_by_role("link", name="Terug").click()  # back keeps the answers
    expect(page.get_by_label("Met hoeveel andere bedrijven")).to_have_value("4")
    page.get_by_role("button", name="Verder", exact=True).click()
    check(page, "08-contact")
    page.get_by_label("Uw naam").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@houtwerk.example")
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    check(page, "09-controleren")
    page.get_by_role("button", name="Bekijk uw route").click()

    expect(page.get_by_role("heading", name="Uw route")).to_be_visible()
    expect(page.get_by_text("Uw fase: Koploper")).to_be_visible()
    expect(page.get_by_text("U heeft 4 ketenpartners en een ketenregisseur.")).to_be_visible()
    expect(page.get_by_text("U heeft minstens 3 mkb'ers nodig in het consortium. U noemt er 2.")).to_be_visible()
    check(page, "10-uw-route")
    page.emulate_media(media="print")
    shot(page, "10b-uw-route-print")
    page.emulate_media(media="screen")
    page.get_by_role("button", name=re.compile("Vraag .* om contact")).click()

    expect(page.get_by_role("heading", name="Uw hulpvraag is verstuurd")).to_be_visible()
    reference = SupportRequest.objects.get().reference
    expect(page.get_by_text(reference)).to_be_visible()
    check(page, "11-bevestiging")


def test_it_completes_the_intake_by_keyboard_only(page, live_server, catalogue):
    page.goto(live_server.url + "/intake/")

    def tab_to(name, *, role="textbox"):
        """Press Tab until the named control has focus: no mouse involved."""
        target = page.get_by_role(role, name=name, exact=True).first
        for _ in range(80):
            page.keyboard.press("Tab")
            if target.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"Could not reach {name!r} with Tab")

    def submit():
        tab_to("Verder", role="button")
        page.keyboard.press("Enter")

    tab_to("Naam van uw bedrijf")
    page.keyboard.type("Toetsenbord B.V.")
    tab_to("Postcode van uw bedrijf")
    page.keyboard.type("3511AB")
    tab_to("Micro (minder dan 10 medewerkers)", role="radio")
    page.keyboard.press("Space")
    submit()
    expect(page.get_by_text("Stap 2 van")).to_be_visible()
    assert_accessible(page)
    tab_to("Anders", role="checkbox")
    page.keyboard.press("Space")
    submit()
    expect(page.get_by_role("heading", name="Waar staat u nu?")).to_be_visible()
    assert_accessible(page)
    tab_to("Ik oriënteer me: ik wil informatie en voorbeelden", role="radio")
    page.keyboard.press("Space")
    tab_to("Wij hebben nog geen circulaire maatregelen genomen", role="radio")
    page.keyboard.press("Space")
    tab_to("Informatie en voorbeelden: wat betekent circulair voor mij?", role="checkbox")
    page.keyboard.press("Space")
    submit()
    expect(page.get_by_role("heading", name="Waar gaat uw vraag over?")).to_be_visible()
    assert_accessible(page)
    tab_to("Kennis", role="checkbox")
    page.keyboard.press("Space")
    submit()
    expect(page.get_by_role("heading", name="Waar in uw bedrijf?")).to_be_visible()
    assert_accessible(page)
    submit()  # nothing chosen: the error summary takes focus
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    assert_accessible(page)
    tab_to("Ik weet het niet", role="checkbox")
    page.keyboard.press("Space")
    submit()
    expect(page.get_by_role("heading", name="Waarom nu, en wat houdt u tegen?")).to_be_visible()
    assert_accessible(page)
    submit()
    expect(page.get_by_role("heading", name="Uw contactgegevens")).to_be_visible()
    assert_accessible(page)
    tab_to("Uw naam")
    page.keyboard.type("Kees")
    tab_to("E-mailadres")
    page.keyboard.type("kees@example.nl")
    tab_to("E-mail", role="radio")
    page.keyboard.press("Space")
    tab_to("Ik vind het goed dat het regionale loket mijn antwoorden ziet als ik om contact vraag", role="checkbox")
    page.keyboard.press("Space")
    submit()
    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    assert_accessible(page)
    tab_to("Bekijk uw route", role="button")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Uw fase: Starter")).to_be_visible()
    assert_accessible(page)
    tab_to("Vraag Circulair Utrecht om contact", role="button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Uw hulpvraag is verstuurd")).to_be_visible()
    assert_accessible(page)
    assert SupportRequest.objects.get().hub.name == "Circulair Utrecht"


def test_it_completes_the_intake_without_javascript(no_js_page, live_server, catalogue):
    page = no_js_page
    page.goto(live_server.url + "/intake/")
    expect(page.get_by_text("Stap 1 van")).to_be_visible()
    assert_accessible_without_javascript(page)
    page.get_by_label("Naam van uw bedrijf").fill("Zonder Script B.V.")
    page.get_by_label("Postcode van uw bedrijf").fill("35")
    page.get_by_label("Micro (minder dan 10 medewerkers)").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    # A full page load with the error summary; what was typed is still there.
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    expect(page.get_by_label("Naam van uw bedrijf")).to_have_value("Zonder Script B.V.")
    assert_accessible_without_javascript(page)
    shot(page, "nojs-01-fouten")
    page.get_by_label("Postcode van uw bedrijf").fill("3511AB")
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_text("Stap 2 van")).to_be_visible()
    assert_accessible_without_javascript(page)
    page.get_by_label("Anders", exact=True).check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waar staat u nu?")).to_be_visible()
    assert_accessible_without_javascript(page)
    page.get_by_label("Ik oriënteer me: ik wil informatie en voorbeelden").check()
    page.get_by_label("Wij hebben nog geen circulaire maatregelen genomen").check()
    page.get_by_label("Informatie en voorbeelden: wat betekent circulair voor mij?").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waar gaat uw vraag over?")).to_be_visible()
    page.get_by_label("Kennis", exact=True).check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waar in uw bedrijf?")).to_be_visible()
    page.get_by_role("checkbox", name="Ik weet het niet").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Waarom nu, en wat houdt u tegen?")).to_be_visible()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Uw contactgegevens")).to_be_visible()
    assert_accessible_without_javascript(page)
    page.get_by_label("Uw naam").fill("Zeno")
    page.get_by_label("E-mailadres").fill("zeno@example.nl")
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Verder", exact=True).click()

    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    assert_accessible_without_javascript(page)
    page.get_by_role("button", name="Bekijk uw route").click()

    expect(page.get_by_text("Uw fase: Starter")).to_be_visible()
    assert_accessible_without_javascript(page)
    shot(page, "nojs-10-uw-route")
    page.get_by_role("button", name="Vraag Circulair Utrecht om contact").click()

    expect(page.get_by_role("heading", name="Uw hulpvraag is verstuurd")).to_be_visible()
    assert_accessible_without_javascript(page)
    request = SupportRequest.objects.get()
    assert request.hub.name == "Circulair Utrecht" and request.intake.company_name == "Zonder Script B.V."
