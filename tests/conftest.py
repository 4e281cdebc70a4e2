"""Shared fixtures: real PostgreSQL/Redis come from scripts/test.sh; here the worker and the browser."""

import os

# Sync Playwright keeps an event loop running for the whole session; the ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from playwright.sync_api import expect

from tests.support.worker import CeleryWorker

# expect() waits up to this long for the state it asserts (Playwright's default is 5 s). CI shares 2 busy cores:
# a full page load there has taken longer than 5 s, so the wait is longer, never a sleep (BROWSER_EXPECT_MS).
expect.set_options(timeout=int(os.environ.get("BROWSER_EXPECT_MS", "20000")))

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def no_js_page(browser, browser_context_args):
    """A page with JavaScript switched off: htmx never loads, every form is a plain GET or POST.

    Check it with tests.support.axe.assert_accessible_without_javascript: axe itself would hang here.
    """
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Each test starts in the default language: a request in English leaves English active in the thread
    (Django's locale middleware does not switch back), which made later tests' direct calls English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the shared Redis cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real Celery worker subprocess consuming the real Redis broker and writing to the test database."""
    worker = CeleryWorker()
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
