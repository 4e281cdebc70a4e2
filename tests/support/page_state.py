"""Waiting for a page to be in the state a helper asserts on, never for a fixed time.

CI runs on a busy 2-core machine, where the page's deferred scripts (htmx, portal.js) can still be loading
when the test's last ``expect()`` has passed. Every helper in tests/support that inspects a page first calls
``wait_until_settled``:

1. the document has fired ``load``: every deferred script has run, and htmx, which initialises on
   DOMContentLoaded (before ``load``), has processed the page;
2. with JavaScript on: no htmx request, swap or settle is in flight (``expect``, which polls from Playwright's
   own script context: the page's Content-Security-Policy forbids the ``eval`` that ``wait_for_function`` needs).

A page with JavaScript off is only waited for in step 1: its timers never fire, so nothing can poll in it.
"""

from playwright.sync_api import expect

# Every page loads htmx; if it is in the page but never ran (after ``load``), the page's scripts are off.
SCRIPTS_DID_NOT_RUN = "!!document.querySelector('script[src*=htmx]') && typeof window.htmx === 'undefined'"
HTMX_BUSY = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"


def wait_until_settled(page, *, javascript: bool | None = None) -> bool:
    """Wait until the page has loaded (and, with JavaScript, htmx is idle). Returns whether scripts run."""
    page.wait_for_load_state("load")
    if javascript is None:
        javascript = not page.evaluate(SCRIPTS_DID_NOT_RUN)
    if javascript:
        expect(page.locator(HTMX_BUSY)).to_have_count(0)
    return javascript
