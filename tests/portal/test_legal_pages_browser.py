"""The privacy and accessibility statements in a browser: by keyboard, at 320 px, axe with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.portal.test_swap_focus_browser import tab_to
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize(("path", "link", "anchor"), [
    ("/privacy/", "Hoe lang wij gegevens bewaren", "bewaren"),
    ("/toegankelijkheid/", "Wat nog niet goed werkt", "problemen"),
])
def test_it_reads_on_a_phone_and_jumps_by_keyboard(page, live_server, path, link, anchor):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + path)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    tab_to(page, link, role="link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    assert_accessible(page)
    screenshots.save(page, f"legal-{anchor}-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshots.save(page, f"legal-{anchor}-1280")


@pytest.mark.parametrize("path", ["/privacy/", "/toegankelijkheid/"])
def test_it_is_accessible_without_javascript(no_js_page, live_server, path):
    no_js_page.set_viewport_size({"width": 320, "height": 640})
    no_js_page.goto(live_server.url + path)
    expect(no_js_page.get_by_role("heading", level=1)).to_contain_text("verklaring")
    assert no_js_page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible_without_javascript(no_js_page)


def test_error_pages_look_like_the_portal_and_load_no_missing_file(page, live_server):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/bestaat-niet/")
    expect(page.get_by_role("heading", level=1, name="Pagina niet gevonden")).to_be_visible()
    expect(page.locator(".site-header .brand")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)
    screenshots.save(page, "error-404-320")
    assert failed == [live_server.url + "/bestaat-niet/"]  # the page itself, nothing it loads (favicon, CSS)
    assert page.evaluate("fetch('/favicon.ico').then(r => r.ok && r.redirected)")
