"""The health page and the admin in a real browser: axe-clean, and no Content-Security-Policy errors (14.2, 14.7)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal import roles
from tests.factories.catalogue import HubFactory, ProvinceFactory, SchemeFactory, UserFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Serve CSS through the finders: with DEBUG off the manifest storage has no manifest in tests."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def admin_user():
    user = UserFactory(username="rosa", is_staff=True)
    user.groups.add(roles.ensure_catalogue_admin_group())
    return user


def _log_in(page, live_server, username: str, next_url: str) -> None:
    page.goto(f"{live_server.url}/medewerkers/login/?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _shot(page, name: str) -> None:
    folder = screenshots.folder()
    if folder:
        page.screenshot(path=f"{folder}/catalogue-{name}.png", full_page=True)


def test_the_health_page_is_accessible_and_links_to_the_change_page(page, live_server, admin_user):
    scheme = SchemeFactory(name="Kale regeling", url="")
    _log_in(page, live_server, admin_user.username, reverse("schemes:catalogue-health"))

    expect(page.get_by_role("heading", level=1, name="Gezondheid van de catalogus")).to_be_visible()
    assert_accessible(page)
    _shot(page, "health")
    page.get_by_role("link", name="Kale regeling").first.click()
    expect(page).to_have_url(live_server.url + reverse("admin:schemes_scheme_change", args=[scheme.pk]))


def test_admin_pages_show_no_csp_errors_and_the_scheme_page_is_accessible(page, live_server, admin_user):
    scheme = SchemeFactory(name="Gecontroleerde regeling", url="https://www.rvo.nl/x")
    hub = HubFactory(provinces=[ProvinceFactory()])
    errors = []

    def keep_error(message) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text}")

    page.on("console", keep_error)
    _log_in(page, live_server, admin_user.username, reverse("admin:index"))
    expect(page.get_by_text("Circulair Loket — beheer").first).to_be_visible()

    for url in (reverse("admin:index"), reverse("admin:schemes_scheme_changelist"),
                reverse("admin:schemes_scheme_change", args=[scheme.pk]), reverse("admin:schemes_scheme_add"),
                reverse("admin:schemes_hub_change", args=[hub.pk]), reverse("admin:schemes_catalogue_import"),
                reverse("admin:schemes_scheme_history", args=[scheme.pk])):
        page.goto(live_server.url + url)
        expect(page.locator("#content")).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e or "Content-Security-Policy" in e], errors

    page.goto(live_server.url + reverse("admin:schemes_scheme_change", args=[scheme.pk]))
    page.get_by_role("button", name="Gecontroleerd").click()
    expect(page.get_by_text("is gemarkeerd als gecontroleerd")).to_be_visible()
    _shot(page, "admin-change")
    page.goto(live_server.url + reverse("admin:schemes_scheme_changelist"))
    expect(page.get_by_role("columnheader", name="Laatst gecontroleerd")).to_be_visible()
    assert_accessible(page)


def test_the_scheme_page_has_one_primary_button_to_rvo_at_every_width(page, live_server):
    from django.core.management import call_command

    call_command("load_geography", verbosity=0)
    call_command("load_starter_catalogue", verbosity=0)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + reverse("schemes:scheme-detail", args=["subsidie-circulaire-ketenprojecten"]))
        button = page.get_by_role("link", name="Naar de regeling bij RVO")
        expect(button).to_have_attribute("href", "https://www.rvo.nl/subsidies-financiering/circulaire-ketenprojecten")
        expect(page.locator("a.button:not(.button--secondary)")).to_have_count(1)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing pushes the page sideways
        _shot(page, f"ckp-{width}")
    page.goto(live_server.url + reverse("schemes:scheme-detail", args=["landelijke-voucherregeling"]))
    expect(page.get_by_text("Plan: nog niet aan te vragen")).to_be_visible()
    _shot(page, "plan-320")
