"""The queue on a phone (320 px) and on a laptop: overdue first, filters behind a disclosure, rows as cards."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories.catalogue import MunicipalityFactory, ProvinceFactory
from tests.factories.journeys import SupportRequestFactory
from tests.portal.test_swap_focus_browser import tab_to
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def queue_rows(cast):
    utrecht = ProvinceFactory(code="PV26", name="Utrecht", display_name="Utrecht")
    ProvinceFactory(code="PV20", name="Groningen", display_name="Groningen")
    cast.hub_a.provinces.add(utrecht)
    city = MunicipalityFactory(code="GM0344", name="Utrecht", province=utrecht)
    now = timezone.now()
    answered = SupportRequestFactory(hub=cast.hub_a, due_at=now - timedelta(days=20), first_response_at=now,
                                     intake__company_name="Beantwoord B.V.")
    late = SupportRequestFactory(hub=cast.hub_a, due_at=now - timedelta(hours=3),
                                 intake__company_name="Late Lampen met een heel lange bedrijfsnaam B.V.",
                                 intake__municipality=city, intake__province=utrecht)
    SupportRequestFactory(hub=cast.hub_a, due_at=now + timedelta(days=4), intake__company_name="Nieuw Nu B.V.")
    return late, answered


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/hulpvragen/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Hulpvragen")).to_be_visible()


def test_it_fits_a_phone_with_overdue_first_and_filters_folded_away(page, live_server, cast, queue_rows):
    late, answered = queue_rows
    page.set_viewport_size({"width": 320, "height": 640})
    _log_in(page, live_server)

    rows = page.locator(".queue-table tbody tr")
    expect(rows.first).to_contain_text(late.reference)  # overdue first, not the newest
    expect(rows.last).to_contain_text(answered.reference)  # an answered old deadline goes last
    assert page.evaluate(NO_SIDEWAYS_SCROLL), page.evaluate("document.documentElement.scrollWidth")
    search = page.get_by_label("Zoeken")
    expect(search).to_be_hidden()  # behind the disclosure
    first_row = rows.first.bounding_box()
    assert first_row["y"] < 640, "the first request is on the first screen"
    assert_accessible(page)
    screenshots.save(page, "queue-320")

    # Keyboard only: open the disclosure, pick the province (only the hub's own one is offered).
    tab_to(page, "Filters", target=page.locator(".filters-disclosure > summary"))
    page.keyboard.press("Enter")
    expect(search).to_be_visible()
    province = page.get_by_label("Provincie")
    expect(province.locator("option")).to_have_text(["Alle provincies", "Utrecht"])
    tab_to(page, "Provincie", role="combobox")
    page.keyboard.press("ArrowDown")
    expect(page).to_have_url(re.compile(r"province=\d+"))
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"sort=due"))  # the order stays in the URL
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)
    screenshots.save(page, "queue-320-filters-open")


def test_it_shows_the_filters_beside_the_list_on_a_laptop(page, live_server, cast, queue_rows):
    _log_in(page, live_server)
    expect(page.get_by_label("Zoeken")).to_be_visible()
    expect(page.locator(".queue-table thead")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)
    screenshots.save(page, "queue-1280")


def test_it_works_on_a_phone_without_javascript(browser, browser_context_args, live_server, cast, queue_rows):
    late, _ = queue_rows
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        _log_in(page, live_server)
        expect(page.locator(".queue-table tbody tr").first).to_contain_text(late.reference)
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        assert_accessible_without_javascript(page)
        page.locator(".filters-disclosure > summary").click()
        page.get_by_label("Zoeken").fill("Late Lampen")
        page.get_by_role("button", name="Filters toepassen").click()
        expect(page).to_have_url(re.compile(r"q=Late"))
        expect(page.locator(".queue-table tbody tr")).to_have_count(1)
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        assert_accessible_without_javascript(page)
        screenshots.save(page, "queue-320-nojs")
    finally:
        context.close()
