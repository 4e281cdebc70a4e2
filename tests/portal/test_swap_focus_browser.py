"""static/js/portal.js by keyboard only: after every htmx swap focus and title are what a page load gives.

Focus lands on the new heading (or the error summary), the title follows the swap and says "Fout:" when
there are errors, and a status change on the request page is read out by the live region.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.catalogue import UserFactory
from tests.factories.journeys import SupportRequestFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def tab_to(page, name, *, role="textbox", target=None):
    """Press Tab until the named control (or the given locator) has focus: no mouse involved."""
    target = target or page.get_by_role(role, name=name, exact=True).first
    for _ in range(120):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Could not reach {name!r} with Tab")


def test_it_focuses_the_error_summary_then_the_next_heading_in_the_intake(page, live_server, geo):
    page.goto(live_server.url + "/intake/")
    expect(page).to_have_title("Over welk bedrijf gaat het? · Circulair Loket")
    page.evaluate("window.noReload = true")

    tab_to(page, "Verder", role="button")
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Fout: Over welk bedrijf gaat het? · Circulair Loket")
    assert_accessible(page)

    tab_to(page, "Naam van uw bedrijf")
    page.keyboard.type("Toetsenbord B.V.")
    tab_to(page, "Micro (minder dan 10 medewerkers)", role="radio")
    page.keyboard.press("Space")
    # Enter in a text field: htmx would put the focus back on the new field with the same id.
    tab_to(page, "Postcode van uw bedrijf")
    page.keyboard.type("3511AB")
    page.keyboard.press("Enter")

    heading = page.get_by_role("heading", level=1, name="In welke sector werkt u?")
    expect(heading).to_be_focused()
    expect(page).to_have_title("In welke sector werkt u? · Circulair Loket")
    expect(page).to_have_url(re.compile(r"/intake/sector/"))
    assert page.evaluate("window.noReload === true")  # it was a swap, not a page load
    assert_accessible(page)
    screenshots.save(page, "swap-intake-step-2")


def test_it_gives_the_same_title_without_javascript(no_js_page, live_server, geo):
    page = no_js_page
    page.goto(live_server.url + "/intake/")
    page.get_by_role("button", name="Verder", exact=True).click()
    expect(page).to_have_title("Fout: Over welk bedrijf gaat het? · Circulair Loket")
    assert_accessible_without_javascript(page)


def test_it_focuses_the_lookup_error_and_then_the_result(page, live_server, geo):
    page.goto(live_server.url + "/loketten/")
    tab_to(page, "Postcode van uw bedrijf")
    page.keyboard.type("12")
    tab_to(page, "Zoek mijn loket", role="button")
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page).to_have_title("Fout: Regionale loketten · Circulair Loket")

    tab_to(page, "Postcode van uw bedrijf")
    page.keyboard.press("Control+A")
    page.keyboard.type("3511 AB")
    tab_to(page, "Zoek mijn loket", role="button")
    page.keyboard.press("Enter")
    result = page.locator("section[aria-labelledby=lookup-result]")
    expect(result).to_be_focused()
    expect(result).to_contain_text("Uw loket: Circulair Utrecht")
    expect(page).to_have_title("Regionale loketten · Circulair Loket")
    assert_accessible(page)


@pytest.fixture
def advisor_request(geo):
    advisor = UserFactory(username="anna", first_name="Anna")
    geo["hub"].staff.add(advisor)
    return SupportRequestFactory(hub=geo["hub"], intake__company_name="Kringloop Utrecht B.V.")


def _log_in(page, live_server, next_url):
    page.goto(f"{live_server.url}/medewerkers/login/?next={next_url}")
    tab_to(page, "Gebruikersnaam")
    page.keyboard.type("anna")
    tab_to(page, "Wachtwoord")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")


def test_it_announces_a_status_change_and_focuses_the_confirmation(page, live_server, advisor_request):
    reference = advisor_request.reference
    _log_in(page, live_server, f"/medewerkers/hulpvragen/{reference}/")
    expect(page).to_have_title(f"Hulpvraag {reference} · Circulair Loket")
    announcer = page.locator("#announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_be_empty()

    tab_to(page, "Nieuwe status", role="combobox")
    expect(page.get_by_label("Nieuwe status")).to_have_value("triage")  # the first target is preselected
    tab_to(page, "Status opslaan", role="button")
    page.keyboard.press("Enter")

    confirmation = page.locator("#workspace [data-focus-after-swap]").first
    expect(confirmation).to_be_focused()
    expect(confirmation).to_contain_text("De status is gewijzigd.")
    expect(announcer).to_have_text(re.compile(r"^Status: In behandeling genomen\. Toegewezen aan: Niemand\.$"))
    expect(page.locator("#request-state")).to_contain_text("In behandeling genomen")
    expect(page).to_have_title(f"Hulpvraag {reference} · Circulair Loket")
    assert_accessible(page)

    # A refused action: the error summary takes focus and the title says so.
    tab_to(page, "Interne notitie toevoegen", target=page.locator("summary", has_text="Interne notitie toevoegen"))
    page.keyboard.press("Enter")  # opens the <details>
    tab_to(page, "Notitie opslaan", role="button")
    page.keyboard.press("Enter")
    expect(page.locator("#workspace .error-summary")).to_be_focused()
    expect(page).to_have_title(f"Fout: Hulpvraag {reference} · Circulair Loket")
    assert_accessible(page)
