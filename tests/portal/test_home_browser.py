import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_home_page_in_dutch_and_switches_to_english(page, live_server):
    page.goto(live_server.url)

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp bij uw volgende circulaire stap")
    assert_accessible(page)

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help with your next circular step")
    assert_accessible(page)


def test_it_has_a_skip_link_that_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
