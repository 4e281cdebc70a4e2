""""Houd mij op de hoogte" in a real browser: from the scheme page to the confirmed sign-up, with axe."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from journeys.followups import dispatch
from journeys.models import RoundSubscription
from schemes import vocabulary as v
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _scheme():
    scheme = SchemeFactory(name="Circulaire Ketenprojecten (test)", kind=v.SchemeKind.SUBSIDY,
                           requirements=[v.Requirement.DE_MINIMIS, v.Requirement.CHAIN_DIRECTOR])
    ApplicationRoundFactory(scheme=scheme, opens_on=timezone.localdate() + timedelta(days=40),
                            budget_status=v.BudgetStatus.UPCOMING)
    return scheme


def test_an_entrepreneur_signs_up_on_the_scheme_page_and_confirms_from_the_e_mail(page, live_server):
    scheme = _scheme()
    page.goto(f"{live_server.url}{scheme.get_absolute_url()}")
    readiness = page.locator("section[aria-labelledby=readiness-title]")
    expect(readiness).to_contain_text("Een de-minimisverklaring")
    screenshots.save(page, "round-scheme-page-1280")
    assert_accessible(page)

    readiness.get_by_role("button", name="Houd mij op de hoogte").click()  # empty: the error summary
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    expect(page).to_have_title(re.compile("^Fout:"))
    assert_accessible(page)
    page.get_by_label("Uw e-mailadres").fill("ondernemer@example.nl")
    page.get_by_role("button", name="Houd mij op de hoogte").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    assert "example" not in page.url
    assert_accessible(page)

    dispatch.dispatch_due()
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/op-de-hoogte/bevestigen/\S+/", message.body).group(0)
    page.goto(f"{live_server.url}{urlsplit(link).path}")
    expect(page.get_by_role("heading", name="Bevestig uw aanmelding")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, houd mij op de hoogte").click()
    expect(page.get_by_role("heading", name="U bent aangemeld")).to_be_visible()
    assert RoundSubscription.objects.get().confirmed_at is not None


def test_the_sign_up_works_without_javascript_on_a_phone(no_js_page, live_server):
    scheme = _scheme()
    no_js_page.set_viewport_size({"width": 320, "height": 800})
    no_js_page.goto(f"{live_server.url}{scheme.get_absolute_url()}")
    expect(no_js_page.get_by_role("heading", name="Klaar voor de volgende ronde")).to_be_visible()
    screenshots.save(no_js_page, "round-scheme-page-320")
    assert_accessible_without_javascript(no_js_page)

    no_js_page.get_by_label("Uw e-mailadres").fill("ondernemer@example.nl")
    no_js_page.get_by_role("button", name="Houd mij op de hoogte").click()
    expect(no_js_page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    assert RoundSubscription.objects.filter(email="ondernemer@example.nl", confirmed_at__isnull=True).exists()
    no_js_page.goto(f"{live_server.url}/regelingen/{scheme.slug}/op-de-hoogte/")
    expect(no_js_page.get_by_role("heading", name="Houd mij op de hoogte")).to_be_visible()
    screenshots.save(no_js_page, "round-subscribe-page-320")
    assert_accessible_without_javascript(no_js_page)
