"""The e-mails on the request page in a real browser: close, see the survey, cancel it, see it on the timeline."""

import pytest
from playwright.sync_api import expect

from journeys.models import FollowUp, FollowUpState
from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_closing_schedules_the_survey_and_cancelling_updates_list_and_timeline(page, live_server, cast):
    page.goto(f"{live_server.url}/medewerkers/login/?next=/medewerkers/hulpvragen/{cast.request_a.reference}/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("correct horse battery staple")
    page.get_by_role("button", name="Inloggen").click()
    emails = page.locator("section.followups")
    expect(emails).to_contain_text("Er zijn geen e-mails gepland of verstuurd.")
    page.evaluate("window.noReload = true")

    page.get_by_label("Nieuwe status").select_option("closed")
    page.get_by_label("Uitkomst").select_option("helped")
    page.get_by_role("button", name="Status opslaan").click()
    expect(emails).to_contain_text("Vraag: heeft dit u geholpen?")
    expect(emails).to_contain_text("Gepland")

    emails.get_by_role("button", name="Annuleren").click()
    expect(emails).to_contain_text("De e-mail is geannuleerd.")
    expect(emails.get_by_role("cell", name="Geannuleerd")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("E-mail geannuleerd")
    assert page.evaluate("window.noReload === true")  # htmx did it, no full page load
    assert FollowUp.objects.get().state == FollowUpState.CANCELLED
    screenshots.save(page, "triage-request-followups")
    assert_accessible(page)
