import re

import pytest
from playwright.sync_api import expect

from journeys.models.intake import IntakeTag
from journeys.models.requests import RequestStatus
from tests.factories.catalogue import MunicipalityFactory, SchemeFactory
from tests.factories.journeys import IntakeFactory, RequestEventFactory, SupportRequestFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/hulpvragen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Hulpvragen")).to_be_visible()
    # Survives only if no full page load happens from here on.
    page.evaluate("window.noReload = true")


def _still_same_page(page) -> bool:
    return page.evaluate("window.noReload === true")


@pytest.fixture
def morning_queue(cast):
    utrecht = MunicipalityFactory(name="Utrecht")
    late = SupportRequestFactory(
        hub=cast.hub_a, overdue=True,
        intake=IntakeFactory(
            company_name="Late Lampen B.V.", municipality=utrecht, province=utrecht.province,
            answers={"company_name": "Late Lampen B.V.", "themes": ["chain"], "sectors": ["manufacturing"]},
            stage_reasons=[{"code": "self_circular", "params": {}}, {"code": "sells_circular", "params": {}}],
            matches=[{
                "name": "Circulaire Ketenprojecten", "kind": "subsidy", "url": "",
                "fit": [{"code": "themes", "status": "met", "params": {"codes": ["chain"]}}],
                "criteria": [{"code": "requirement", "status": "not_met",
                              "params": {"requirement": "chain_director"}}],
                "availability": {"status": "open", "closes_on": "2026-12-31"},
            }],
            routing={"reason": "Postcode 3511 hoort bij Loket Utrecht.", "advice": []},
        ),
    )
    IntakeTag.objects.create(intake=late.intake, dimension="theme", code="chain")
    RequestEventFactory(request=late, kind="created", text="", actor=None)
    SupportRequestFactory(hub=cast.hub_a, almost_overdue=True, intake__company_name="Bijna Bouw B.V.")
    SupportRequestFactory(hub=cast.hub_a, in_progress=True, intake__company_name="Bezig Bakkerij")
    SupportRequestFactory(hub=cast.hub_b, intake__company_name="Noordelijk Geheim B.V.")
    SchemeFactory(name="CIRCO-workshop")
    return late


def test_it_filters_the_queue_without_a_reload(page, live_server, cast, morning_queue):
    _log_in(page, live_server, "anna")
    table = page.locator("#queue-results")
    expect(table).to_contain_text("Late Lampen B.V.")
    expect(table).to_contain_text("Bijna Bouw B.V.")
    expect(table).not_to_contain_text("Noordelijk Geheim")
    assert_accessible(page)
    screenshots.save(page, "triage-queue")

    page.get_by_label("Te laat", exact=True).check()
    expect(page).to_have_url(re.compile(r"due=overdue"))
    expect(table).not_to_contain_text("Bijna Bouw B.V.")
    expect(table).to_contain_text("Late Lampen B.V.")
    expect(table.get_by_text("Te laat", exact=True)).to_be_visible()
    assert _still_same_page(page)

    page.get_by_role("link", name=re.compile(r"^Bezig")).click()
    expect(page).to_have_url(re.compile(r"status=in_progress"))
    expect(table).to_contain_text("Geen hulpvragen gevonden")  # the overdue filter still applies
    assert _still_same_page(page)
    assert_accessible(page)


def test_it_assigns_and_changes_status_without_a_reload(page, live_server, cast, morning_queue):
    _log_in(page, live_server, "anna")
    page.get_by_role("link", name=morning_queue.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Late Lampen B.V.")
    page.evaluate("window.noReload = true")
    assert_accessible(page)
    screenshots.save(page, "triage-request")

    page.get_by_role("button", name="Aan mij toewijzen").click()
    expect(page.locator("#workspace .messages")).to_contain_text("De toewijzing is opgeslagen.")
    expect(page.locator("#request-state dl.facts")).to_contain_text("Anna")  # updated out of band

    page.get_by_label("Nieuwe status").select_option(label="In behandeling genomen")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.locator("#workspace .messages")).to_contain_text("De status is gewijzigd.")
    expect(page.locator(".timeline")).to_contain_text("Van “Nieuw” naar “In behandeling genomen”")
    assert _still_same_page(page)

    # Closing without an outcome is refused in the error summary, which gets the focus.
    page.get_by_label("Nieuwe status").select_option(label="Afgesloten")
    page.get_by_role("button", name="Status opslaan").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Kies hoe de hulpvraag is afgelopen.")
    expect(summary).to_be_focused()
    assert_accessible(page)
    screenshots.save(page, "triage-request-error")
    morning_queue.refresh_from_db()
    assert morning_queue.status == RequestStatus.TRIAGE
    assert morning_queue.assigned_to == cast.staff_a


def test_it_triages_without_javascript(no_js_page, live_server, cast, morning_queue):
    page = no_js_page
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/hulpvragen/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Hulpvragen")).to_be_visible()
    assert_accessible_without_javascript(page)

    # Without htmx a checkbox does not submit by itself: the filter form's button does.
    page.get_by_label("Te laat", exact=True).check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(r"due=overdue"))
    table = page.locator("#queue-results")
    expect(table).to_contain_text("Late Lampen B.V.")
    expect(table).not_to_contain_text("Bijna Bouw B.V.")
    assert_accessible_without_javascript(page)

    page.get_by_role("link", name=morning_queue.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Late Lampen B.V.")
    page.get_by_role("button", name="Aan mij toewijzen").click()
    expect(page.get_by_role("status").filter(has_text="De toewijzing is opgeslagen.")).to_be_visible()
    page.get_by_label("Nieuwe status").select_option(label="In behandeling genomen")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.get_by_role("status").filter(has_text="De status is gewijzigd.")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Van “Nieuw” naar “In behandeling genomen”")
    assert_accessible_without_javascript(page)
    screenshots.save(page, "triage-request-nojs")
    morning_queue.refresh_from_db()
    assert morning_queue.status == RequestStatus.TRIAGE and morning_queue.assigned_to == cast.staff_a
