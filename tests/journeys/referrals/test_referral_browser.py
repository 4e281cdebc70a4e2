"""The referral form in a browser: pick a suggested partner, write a note, refer; axe at 1280 and 320 px."""

import pytest
from playwright.sync_api import expect

from journeys.models import FollowUp, FollowUpKind
from tests.factories.catalogue import PartnerOrganisationFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
PANEL_FITS = ("[...document.querySelectorAll('#partner-referrals, #partner-referrals *')]"
              ".every(e => e.getBoundingClientRect().right <= window.innerWidth)")


@pytest.fixture
def referable(cast, with_answers):
    support_request = with_answers(consent=True)
    PartnerOrganisationFactory(name="Omgevingsdienst Midden", kind="environment_service", referrals=True,
                               themes=["regulation"], barriers=["regulation"])
    PartnerOrganisationFactory(name="Algemene partner", website="https://partner.example")
    return support_request


def _log_in(page, live_server, reference):
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/hulpvragen/{reference}/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kringloop Utrecht B.V.")


def test_staff_refer_a_request_to_the_best_fitting_partner(page, live_server, referable):
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, live_server, referable.reference)
    panel = page.locator("#partner-referrals")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Doorverwijzen naar een partner")
    panel.locator("summary", has_text="Doorverwijzen naar een partner").click()
    radios = panel.get_by_role("radio")
    expect(radios.first).to_be_visible()
    # The best fit first: the request is about rules and the waste status.
    expect(panel.locator(".choices li").first).to_contain_text("Omgevingsdienst Midden")
    assert_accessible(page)
    screenshots.save(page, "referral-form-1280")

    panel.get_by_label("Omgevingsdienst Midden").check()
    panel.get_by_label("Wat moet de partner weten?").fill("Vraag over de afvalstatus van gebruikt hout.")
    panel.get_by_role("button", name="Doorverwijzen", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("De vraag is doorgestuurd naar Omgevingsdienst Midden.")
    expect(page.locator("#partner-referrals .referral-list")).to_contain_text("Vraag doorgestuurd naar de partner")
    expect(page.locator(".timeline")).to_contain_text("Doorverwezen naar een partner")
    assert FollowUp.objects.filter(kind=FollowUpKind.REFERRAL_TO_PARTNER).count() == 1

    page.set_viewport_size({"width": 320, "height": 640})
    page.locator("#partner-referrals").get_by_label("Geholpen", exact=True).check()
    page.locator("#partner-referrals").get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De uitkomst van de doorverwijzing is opgeslagen.")
    expect(page.locator("#partner-referrals")).to_contain_text("Uitkomst: Geholpen.")
    # The whole page, with the e-mail table above it (its visually hidden "Actie" header once stuck out).
    assert page.evaluate(PANEL_FITS)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)
    screenshots.save(page, "referral-done-320")


def test_without_javascript_a_form_error_is_explained_and_accessible(browser, browser_context_args, live_server,
                                                                      referable):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        _log_in(page, live_server, referable.reference)
        page.locator("#partner-referrals summary").click()
        page.locator("#partner-referrals").get_by_role("button", name="Doorverwijzen", exact=True).click()
        expect(page.get_by_role("heading", level=2, name="Er is een probleem")).to_be_visible()
        expect(page.locator(".error-summary")).to_contain_text("Kies de partner die kan helpen.")
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        assert_accessible_without_javascript(page)
        screenshots.save(page, "referral-error-320")
    finally:
        context.close()


def test_the_public_partner_page_is_accessible(page, live_server, referable):
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/partners/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Partners die ook helpen")
        expect(page.get_by_role("heading", level=2, name="Algemene partner")).to_be_visible()
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        assert_accessible(page)
        screenshots.save(page, f"partners-{width}")
