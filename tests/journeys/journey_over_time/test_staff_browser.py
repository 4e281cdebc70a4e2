"""Staff in a real browser, with axe: record what came of a closed request, see the company journey, cohorts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journeys.models import RequestOutcome, RequestStatus
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory
from tests.factories.journeys import SupportRequestFactory
from tests.journeys.triage.conftest import _plain_static_files_for_the_live_server, cast  # noqa: F401
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _closed_request_with_history(cast):  # noqa: F811
    scheme = SchemeFactory(name="Circulaire Ketenprojecten")
    ApplicationRoundFactory(scheme=scheme, opens_on=timezone.localdate() + timedelta(days=20))
    matches = [{"scheme_id": scheme.pk, "slug": scheme.slug, "name": scheme.name, "criteria": []}]
    SupportRequestFactory(hub=cast.hub_a, intake__kvk_number="12345678", stage="starter")
    return SupportRequestFactory(hub=cast.hub_a, status=RequestStatus.CLOSED, outcome="scheme_referral",
                                 stage="peloton", intake__kvk_number="12345678", intake__matches=matches), scheme


def _log_in(page, live_server, path):
    page.goto(f"{live_server.url}/medewerkers/login/?next={path}")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()


def test_staff_record_an_outcome_and_see_the_company_journey(page, live_server, cast):  # noqa: F811
    support_request, scheme = _closed_request_with_history(cast)
    _log_in(page, live_server, f"/medewerkers/hulpvragen/{support_request.reference}/")
    journey = page.locator("section[aria-labelledby=journey-title]")
    expect(journey).to_contain_text("Fase toen: Starter. Fase nu: Peloton.")
    expect(page.locator("section[aria-labelledby=rounds-soon-title]")).to_contain_text("Circulaire Ketenprojecten")
    outcomes = page.locator("section[aria-labelledby=outcomes-title]")
    outcomes.get_by_role("radio", name="Toegekend").check()
    outcomes.get_by_label("Welke regeling?").select_option(label="Circulaire Ketenprojecten")
    outcomes.get_by_label("Toegekend bedrag in euro (als u het weet)").fill("20000")
    outcomes.get_by_label("Materiaal bespaard, in ton per jaar (zelf opgegeven)").fill("4,5")
    outcomes.get_by_role("button", name="Resultaat opslaan").click()
    expect(page.locator("section[aria-labelledby=outcomes-title] ul").first).to_contain_text("zelf opgegeven")
    assert RequestOutcome.objects.get().scheme == scheme
    screenshots.save(page, "staff-request-journey-1280")
    assert_accessible(page)


def test_cohorts_and_the_outcome_page_without_javascript_on_a_phone(no_js_page, live_server, cast):  # noqa: F811
    support_request, _scheme = _closed_request_with_history(cast)
    no_js_page.set_viewport_size({"width": 320, "height": 800})
    _log_in(no_js_page, live_server, "/medewerkers/inzicht/cohorten/")
    expect(no_js_page.get_by_role("heading", name="Cohorten: wat werd er van de bedrijven?")).to_be_visible()
    screenshots.save(no_js_page, "insight-cohorts-320")
    assert_accessible_without_javascript(no_js_page)
    # A period that ends before it starts: the message links to the field, and the choices stay.
    quarter = f"{timezone.localdate().year}-Q{(timezone.localdate().month - 1) // 3 + 1}"
    no_js_page.get_by_label("Gestart vanaf").select_option(quarter)
    no_js_page.get_by_label("Gestart tot en met").select_option(index=2)
    no_js_page.get_by_role("button", name="Toon cijfers").click()
    expect(no_js_page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    expect(no_js_page.get_by_label("Gestart vanaf")).to_have_value(quarter)
    no_js_page.get_by_role("link", name="Kies een kwartaal op of na het eerste kwartaal").click()
    expect(no_js_page.get_by_label("Gestart tot en met")).to_have_attribute("aria-invalid", "true")
    screenshots.save(no_js_page, "insight-cohorts-period-error-320")
    assert_accessible_without_javascript(no_js_page)
    no_js_page.get_by_label("Gestart tot en met").select_option(quarter)
    no_js_page.get_by_role("button", name="Toon cijfers").click()
    expect(no_js_page.get_by_text("Tabel: Bedrijven die een fase verder kwamen")).to_be_visible()
    expect(no_js_page.get_by_label("Gestart tot en met")).to_have_value(quarter)

    no_js_page.goto(f"{live_server.url}/medewerkers/uitkomsten/{support_request.reference}/")
    no_js_page.get_by_role("button", name="Resultaat opslaan").click()
    expect(no_js_page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    screenshots.save(no_js_page, "staff-outcome-320")
    assert_accessible_without_javascript(no_js_page)
    no_js_page.get_by_role("radio", name="Geen vervolg").check()
    no_js_page.get_by_role("button", name="Resultaat opslaan").click()
    expect(no_js_page.locator("section[aria-labelledby=outcomes-title]")).to_contain_text("Geen vervolg")
