"""The browser helpers wait for the state they assert (issue 15, item 11).

The CI failure: ``assert_accessible`` ran while the page's deferred htmx script was still loading and took the
page for one without JavaScript. Here htmx is served a second late, deterministically, and the helpers are
called as soon as the page's HTML is in: they must wait, not fail.
"""

import time

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from playwright.sync_api import expect

from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_htmx(monkeypatch):
    original = StaticFilesHandler.serve

    def serve(self, request):
        if "/vendor/htmx" in request.path:
            time.sleep(1.5)  # a busy machine, made certain
        return original(self, request)

    monkeypatch.setattr(StaticFilesHandler, "serve", serve)


def open_before_scripts(page, url):
    page.goto(url, wait_until="commit")
    expect(page.locator("footer")).to_be_attached()  # the HTML is parsed; the deferred scripts are not run
    assert page.evaluate("typeof window.htmx") == "undefined"


def test_assert_accessible_waits_for_the_scripts_of_the_page(page, live_server, slow_htmx):
    open_before_scripts(page, live_server.url)

    assert_accessible(page)

    assert page.evaluate("typeof window.htmx") == "object"


def test_a_screenshot_waits_for_the_scripts_of_the_page(page, live_server, slow_htmx, tmp_path, monkeypatch):
    monkeypatch.setenv("TEST_SCREENSHOTS", str(tmp_path))
    open_before_scripts(page, live_server.url)

    screenshots.save(page, "home")

    assert page.evaluate("typeof window.htmx") == "object"
    assert (tmp_path / "home.png").stat().st_size > 0


def test_assert_accessible_still_refuses_a_page_without_javascript(no_js_page, live_server):
    no_js_page.goto(live_server.url)

    with pytest.raises(AssertionError, match="without JavaScript"):
        assert_accessible(no_js_page)
