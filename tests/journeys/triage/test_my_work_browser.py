"""'Mijn werk' in a browser: by keyboard to a request, at 320 px, axe with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.journeys import SupportRequestFactory
from tests.portal.test_swap_focus_browser import tab_to
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Mijn werk")).to_be_visible()


@pytest.fixture
def work(cast):
    late = SupportRequestFactory(hub=cast.hub_a, overdue=True, assigned_to=cast.staff_a,
                                 intake__company_name="Late Lampen B.V.")
    SupportRequestFactory(hub=cast.hub_a, almost_overdue=True, intake__company_name="Bijna Bouw B.V.")
    return late


def test_it_leads_by_keyboard_from_my_work_to_the_request(page, live_server, cast, work):
    page.set_viewport_size({"width": 320, "height": 640})
    _log_in(page, live_server)
    mine = page.get_by_role("heading", level=2, name=re.compile("Aan mij toegewezen: 1 open hulpvraag"))
    expect(mine).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("Te laat of binnen twee werkdagen: 2"))).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)
    screenshots.save(page, "my-work-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshots.save(page, "my-work-1280")

    tab_to(page, "Late Lampen B.V.", role="link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/medewerkers/hulpvragen/{work.reference}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Late Lampen B.V.")


def test_it_is_accessible_without_javascript(browser, browser_context_args, live_server, cast, work):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        _log_in(page, live_server)
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        assert_accessible_without_javascript(page)
    finally:
        context.close()
