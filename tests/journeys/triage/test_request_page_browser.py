"""The request page: summary and actions at the top, the long parts below with in-page links; 320 px, keyboard, axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.journeys import IntakeFactory, SupportRequestFactory
from tests.portal.test_swap_focus_browser import tab_to
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def long_request(cast):
    answers = {"company_name": "Lange Lijst B.V.", "themes": ["chain", "financing"],
               "sectors": ["manufacturing", "construction"], "drivers": ["cost_saving"]}
    return SupportRequestFactory(hub=cast.hub_a, intake=IntakeFactory(
        company_name="Lange Lijst B.V.", answers=answers, phone="030 123 45 67",
        stage_reasons=[{"code": "self_circular", "params": {}}, {"code": "sells_circular", "params": {}}],
    ))


def _log_in(page, live_server, reference):
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/hulpvragen/{reference}/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lange Lijst B.V.")


def test_actions_come_before_the_long_parts_and_contact_is_logged_by_keyboard(page, live_server, cast,
                                                                              long_request):
    page.set_viewport_size({"width": 320, "height": 640})
    _log_in(page, live_server, long_request.reference)
    actions = page.get_by_role("heading", level=2, name="Acties")
    asked = page.get_by_role("heading", level=2, name="Wat de ondernemer vraagt")
    reasoning = page.get_by_role("heading", level=2, name="Wat het portaal berekende bij de intake")
    assert actions.bounding_box()["y"] < asked.bounding_box()["y"] < reasoning.bounding_box()["y"]
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)
    screenshots.save(page, "request-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert actions.bounding_box()["y"] < 900, "the actions start on the first laptop screen"
    screenshots.save(page, "request-1280")

    # In-page links from the summary, by keyboard.
    tab_to(page, "Wat de ondernemer vraagt", role="link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#asked-title$"))
    expect(asked).to_be_in_viewport()

    # Log a phone call: the first response, announced and focused like every action.
    tab_to(page, "Contact gelegd (telefoon of e-mail)", target=page.locator("summary", has_text="Contact gelegd"))
    page.keyboard.press("Enter")
    tab_to(page, "Telefoon", role="radio")
    page.keyboard.press("Space")
    tab_to(page, "Contact vastleggen", role="button")
    page.keyboard.press("Enter")
    expect(page.locator("#workspace .messages-wrap")).to_be_focused()
    expect(page.locator("#workspace .messages")).to_contain_text("Het contact is vastgelegd.")
    expect(page.locator("#request-state")).to_contain_text("beantwoord op")
    expect(page.locator(".timeline")).to_contain_text("Contact gelegd")
    assert_accessible(page)


def test_it_is_accessible_on_a_phone_without_javascript(browser, browser_context_args, live_server, cast,
                                                        long_request):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        _log_in(page, live_server, long_request.reference)
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        assert_accessible_without_javascript(page)
    finally:
        context.close()
