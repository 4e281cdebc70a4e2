""""Waar staat u nu?" in a real browser, with axe: errors first, then an answer, with and without JavaScript."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from journeys.journey_over_time.reassessment import reassessment_token
from journeys.models import Reassessment, RequestOutcome, RequestStatus
from tests.factories.catalogue import SchemeFactory
from tests.factories.journeys import SupportRequestFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(live_server, **intake) -> str:
    support_request = SupportRequestFactory(status=RequestStatus.CLOSED, intake__followup_opt_in=True,
                                            **{f"intake__{name}": value for name, value in intake.items()})
    token = reassessment_token(support_request_id=support_request.pk, number=1)
    return f"{live_server.url}{reverse('journeys:reassessment', args=[token])}"


def test_the_entrepreneur_answers_where_they_stand_now(page, live_server):
    ckp = SchemeFactory(name="Circulaire Ketenprojecten")
    page.goto(_url(live_server, matches=[{"scheme_id": ckp.pk, "slug": ckp.slug, "name": ckp.name}]))
    expect(page.get_by_role("heading", name="Waar staat u nu?")).to_be_visible()
    screenshots.save(page, "reassessment-1280")
    assert_accessible(page)

    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    expect(page).to_have_title(re.compile("^Fout:"))
    assert_accessible(page)

    page.get_by_label("Ik zie kansen en wil maatregelen onderzoeken of invoeren").check()
    page.get_by_label("Wat heeft u gedaan sinds uw hulpvraag?").fill("Een haalbaarheidsstudie laten doen")
    page.get_by_label("Aangevraagd").check()
    page.get_by_label("Bij welke regeling?").select_option(label="Circulaire Ketenprojecten")
    page.get_by_label("Materiaal bespaard, in ton per jaar (zelf opgegeven)").fill("2,5")
    page.get_by_label("Ja, vraag het mij over een jaar weer").check()
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(page.get_by_role("heading", name="Dank u wel")).to_be_visible()
    assert Reassessment.objects.get().stage == "peloton"
    outcome = RequestOutcome.objects.get()
    assert (str(outcome.tonnes_saved), outcome.scheme) == ("2.5", ckp)


def test_the_form_works_without_javascript_on_a_phone(no_js_page, live_server):
    no_js_page.set_viewport_size({"width": 320, "height": 800})
    no_js_page.goto(_url(live_server))
    expect(no_js_page.get_by_role("heading", name="Waar staat u nu?")).to_be_visible()
    screenshots.save(no_js_page, "reassessment-320")
    assert_accessible_without_javascript(no_js_page)
    no_js_page.get_by_label(re.compile("^Wij werken al circulair")).check()
    no_js_page.get_by_label("Nee, vraag het mij niet meer").check()
    no_js_page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(no_js_page.get_by_role("heading", name="Dank u wel")).to_be_visible()
    assert Reassessment.objects.get().keep_asking is False
