"""The privacy pages in a real browser: accessible, and the erase flow works without JavaScript."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from portal.roles import ensure_catalogue_admin_group
from tests.factories.catalogue import UserFactory
from tests.factories.journeys import SupportRequestFactory
from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_finds_and_erases_an_entrepreneurs_data(page, live_server):
    admin = UserFactory(username="rvo-admin")
    admin.groups.add(ensure_catalogue_admin_group())
    request = SupportRequestFactory(intake__email="anna@houtwerk.example")
    client = Client()
    client.force_login(admin)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])

    page.goto(live_server.url + "/medewerkers/privacy/")
    page.fill("#id_email", "anna@houtwerk.example")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text(request.reference)).to_be_visible()
    assert_accessible(page)
    screenshots.save(page, "privacy-lookup")

    page.get_by_role("button", name="Gegevens wissen").click()
    page.get_by_role("button", name="Ja, gegevens wissen").click()
    expect(page.get_by_text("Vink aan dat u weet").first).to_be_visible()
    assert_accessible(page)
    screenshots.save(page, "privacy-confirm")
    page.get_by_label("Ik weet dat dit niet ongedaan kan worden").check()
    page.get_by_role("button", name="Ja, gegevens wissen").click()

    expect(page.get_by_text("De gegevens zijn gewist")).to_be_visible()
    assert_accessible(page)
    screenshots.save(page, "privacy-done")
