"""An advisor's intake for a client in a browser: log in, Mijn klanten, the intake, the route, the client's
agreement, the request in Mijn klanten and its status view; axe on each page, at 1280 and 320 px."""

import pytest
from playwright.sync_api import expect

from journeys.models import FollowUp, FollowUpKind, Referrer, SupportRequest
from tests.factories.catalogue import HubFactory, UserFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.journeys.intake.test_intake_browser import STARTER_WALK, expect_page, walk_by_mouse
from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def _check(page, name):
    assert_accessible(page)
    if screenshots.folder() is not None:
        screenshots.save(page, f"referrer-{name}-1280")
        page.set_viewport_size({"width": 320, "height": 900})
        screenshots.save(page, f"referrer-{name}-320")
        page.set_viewport_size({"width": 1280, "height": 900})
    page.set_viewport_size({"width": 320, "height": 900})
    assert_accessible(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL), name
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_advisor_fills_the_intake_in_with_a_client(page, live_server, geo):
    user = UserFactory(username="eva@accountants.example", first_name="Eva")
    Referrer.objects.create(user=user, organisation_name="Jansen Accountants", kind="accountant")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/medewerkers/login/?next=/doorverwijzer/klanten/")
    page.get_by_label("Gebruikersnaam").fill("eva@accountants.example")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn klanten", level=1)).to_be_visible()
    expect(page.get_by_text("U heeft nog geen hulpvragen ingestuurd.")).to_be_visible()
    _check(page, "mijn-klanten-leeg")

    page.get_by_role("button", name="Nieuwe intake voor een klant").click()
    expect_page(page, "Over welk bedrijf gaat het?", "Stap 1 van 10")
    page.get_by_label("Naam van uw bedrijf").fill("Houtwerk B.V.")
    page.get_by_label("Postcode van uw bedrijf").fill("3511 AB")
    page.get_by_label("Klein (10 tot 50 medewerkers)").check()
    page.get_by_role("button", name="Verder", exact=True).click()
    walk_by_mouse(page, STARTER_WALK)
    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    page.get_by_role("button", name="Bekijk uw route").click()
    expect(page.get_by_role("heading", name="Uw route")).to_be_visible()  # the advisor sees it with the client
    page.get_by_role("link", name="Vraag Circulair Utrecht om contact").click()

    expect(page.get_by_role("heading", name="Vraag Circulair Utrecht om contact", level=1)).to_be_visible()
    expect(page.get_by_label("Mijn klant weet hiervan en heeft ingestemd")).to_be_visible()
    page.get_by_label("Naam van uw klant").fill("Klaas Klant")
    page.get_by_label("E-mailadres van uw klant").fill("klaas@houtwerk.example")
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_label("Mijn klant vindt het goed").check()
    page.get_by_role("button", name="Verstuur uw vraag om contact").click()
    expect(page.get_by_text("Vink aan dat uw klant hiervan weet en heeft ingestemd")).to_be_visible()
    _check(page, "contact-zonder-instemming")
    page.get_by_label("Mijn klant weet hiervan en heeft ingestemd").check()
    page.get_by_role("button", name="Verstuur uw vraag om contact").click()
    expect(page.get_by_role("heading", name="Uw hulpvraag is verstuurd")).to_be_visible()

    support_request = SupportRequest.objects.select_related("intake").get()
    assert support_request.intake.referred_by.referrer.organisation_name == "Jansen Accountants"
    assert FollowUp.objects.get(kind=FollowUpKind.REQUEST_CONFIRMATION).recipient == "klaas@houtwerk.example"
    page.goto(f"{live_server.url}/doorverwijzer/klanten/")
    row = page.get_by_role("row").filter(has_text=support_request.reference)
    expect(row).to_contain_text("Houtwerk B.V.")
    expect(row).to_contain_text("Circulair Utrecht")
    _check(page, "mijn-klanten")
    row.get_by_role("link", name=support_request.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stand van hulpvraag {support_request.reference}")
    _check(page, "status")


def test_hub_staff_invite_an_advisor(page, live_server, geo):
    HubFactory(slug="zeist", name="Loket Zeist", staff=[UserFactory(username="anna", first_name="Anna")])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/doorverwijzers/uitnodigen/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Doorverwijzer uitnodigen", level=1)).to_be_visible()
    page.get_by_label("Naam van de adviseur").fill("Eva Jansen")
    page.get_by_label("E-mailadres").fill("eva@accountants.example")
    page.get_by_label("Organisatie").fill("Jansen Accountants")
    page.get_by_label("Soort doorverwijzer").select_option(label="Accountant")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator(".messages")).to_contain_text("De uitnodiging is verstuurd.")
    expect(page.get_by_role("row").filter(has_text="Jansen Accountants")).to_contain_text("nog niet")
    _check(page, "uitnodigen")
    assert FollowUp.objects.filter(kind=FollowUpKind.REFERRER_INVITATION, recipient="eva@accountants.example").exists()
