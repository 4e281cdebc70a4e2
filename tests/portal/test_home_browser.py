import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_home_page_in_dutch_and_switches_to_english(page, live_server):
    page.goto(live_server.url)

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp bij uw volgende circulaire stap")
    # The stylesheet really loaded, so axe judges contrast on the styled page.
    expect(page.locator(".site-header")).to_have_css("background-color", "rgb(11, 93, 59)")
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


def test_it_stays_dutch_for_an_english_browser_until_english_is_chosen(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in page

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()
