"""The privacy page names every cookie the site sets, with its lifetime from the settings."""

import pytest
from django.test import Client
from django.urls import reverse

from journeys.models import Intake
from tests.factories.catalogue import UserFactory
from tests.journeys.intake.helpers import CONTACT_POST, complete_intake, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_every_cookie_the_site_sets_is_on_the_privacy_page(client, geo):
    complete_intake(client)  # the entrepreneur: intake ...
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()
    client.post(reverse("journeys:intake-request-contact", args=[intake.public_id]), CONTACT_POST)  # ... and contact
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    UserFactory(username="jan")
    client.post("/medewerkers/login/", {"username": "jan", "password": "correct horse battery staple"})
    set_by_the_site = set(client.cookies)

    page = Client().get(reverse("privacy")).content.decode()  # a fresh visitor: Dutch

    assert {"intake_draft", "sessionid", "csrftoken", "django_language"} <= set_by_the_site
    assert page.count('id="cookies"') == 1  # the table is in the page once, and not in its <title>
    assert "<code>" not in page.split("</title>")[0]
    for name in set_by_the_site:
        assert f"<code>{name}</code>" in page, f"cookie {name} is not explained on the privacy page"


def test_it_gives_cookie_lifetimes_from_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * 86400

    page = client.get(reverse("privacy")).content.decode()

    assert "3 dagen na uw laatste antwoord" in page
