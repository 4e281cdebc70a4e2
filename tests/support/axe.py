"""axe-core accessibility checks (WCAG 2.1 A and AA) on a Playwright page."""

from axe_playwright_python.sync_playwright import Axe

from tests.support.page_state import SCRIPTS_DID_NOT_RUN, wait_until_settled

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page) -> None:
    # Wait for the page's scripts to have loaded and htmx to be idle: on a busy machine the check used to run
    # while htmx was still loading and took a page with JavaScript for one without (issue 15, item 11).
    if not wait_until_settled(page):
        raise AssertionError("This page runs without JavaScript: use assert_accessible_without_javascript.")
    _assert_no_violations(page)


def _assert_no_violations(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, results.generate_report()


def assert_accessible_without_javascript(page) -> None:
    """axe on a page shown with JavaScript off.

    axe waits on timers, which never fire in such a page, so it would hang there. Instead the page's DOM as
    served is opened again at its own address, with its own stylesheets, in a context where JavaScript is on
    but every script request is blocked: htmx never runs, so axe sees exactly what a no-JavaScript user sees.
    """
    wait_until_settled(page, javascript=False)
    html, title = page.content(), page.title()
    url = page.url.split("#")[0]  # a request's URL never carries the fragment
    # The copy runs with scripts enabled, where <noscript> would differ: the portal has none; keep it so.
    assert "<noscript" not in html, "a <noscript> page cannot be checked this way"
    locale = page.evaluate("navigator.language")
    context = page.context.browser.new_context(locale=locale, viewport=page.viewport_size)
    served = []
    try:
        checker = context.new_page()

        def serve(route):
            request = route.request
            if request.url == url and request.resource_type == "document":
                served.append(url)
                route.fulfill(body=html, content_type="text/html; charset=utf-8")
            elif request.resource_type == "script":
                route.abort()
            else:
                route.continue_()

        checker.route("**/*", serve)
        checker.goto(url, wait_until="load")
        # Never check some other page by mistake (a fetch without the session would land on the log-in page).
        assert served == [url] and checker.title() == title, (served, checker.title(), title)
        assert checker.evaluate(SCRIPTS_DID_NOT_RUN)
        # Contrast and visibility checks need the real styles: every stylesheet must have loaded.
        assert checker.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet && l.sheet.cssRules.length)"
        ), "a stylesheet did not load"
        _assert_no_violations(checker)
    finally:
        context.close()
