import io
import re

import pytest
from playwright.sync_api import expect

from bench.generate_data import generate
from portal import roles
from tests.factories.catalogue import UserFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Serve CSS through the finders: with DEBUG off the manifest storage has no manifest in tests."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def _screenshot(page, name: str) -> None:
    folder = screenshots.folder()
    if folder:
        width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        for part, top in enumerate(range(0, min(height, 12000), 1400)):
            clip = {"x": 0, "y": top, "width": width, "height": min(1400, height - top)}
            page.screenshot(path=f"{folder}/insights-{name}-{part}.png", full_page=True, clip=clip)


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/inzicht/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


@pytest.fixture
def admin():
    generate(requests=400, schemes=12, months=14, seed=3, out=io.StringIO())
    user = UserFactory(username="rvo-inzicht")
    user.groups.add(roles.ensure_catalogue_admin_group())
    return user


def test_it_filters_the_dashboard_and_stays_accessible(page, live_server, admin):
    _log_in(page, live_server, admin.username)

    expect(page.get_by_role("heading", level=1)).to_have_text("Inzicht")
    expect(page.get_by_role("heading", name="Van intake tot afgesloten hulpvraag")).to_be_visible()
    assert_accessible(page)
    _screenshot(page, "dashboard")

    page.get_by_label("Provincie", exact=True).select_option(label="Gelderland")
    page.get_by_label("Sector", exact=True).select_option(label="Bouw, grond-, weg- en waterbouw")
    page.get_by_role("button", name="Toon cijfers").click()

    expect(page).to_have_url(re.compile(r"sector=construction"))
    page.get_by_text("Tabel: Belemmeringen").click()
    expect(page.locator("#figure-barriers table")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    _screenshot(page, "dashboard-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_it_shows_a_printable_barrier_report(page, live_server, admin):
    _log_in(page, live_server, admin.username)
    page.get_by_role("link", name="Jaarrapport belemmeringen").click()
    css = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert css == "rgb(11, 93, 59)", "portal.css did not load"

    expect(page.get_by_role("heading", level=1)).to_contain_text("Belemmeringen en redenen in")
    expect(page.get_by_role("heading", name="Rode draden per sector")).to_be_visible()
    assert_accessible(page)
    _screenshot(page, "barrier-report")
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    _screenshot(page, "barrier-report-print")
