"""Error pages look like the rest of the portal, and the favicon never 404s."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_shows_the_portals_own_404_page(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body
    assert 'class="site-header"' in body and 'class="site-footer"' in body
    assert 'rel="icon" href="/static/favicon.svg"' in body


def test_it_shows_the_portals_own_500_page(settings):
    settings.ROOT_URLCONF = "tests.portal.urls_raising"
    response = Client(raise_request_exception=False).get("/kapot/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body
    assert 'class="site-header"' in body and 'class="site-footer"' in body
    assert 'rel="icon" href="/static/favicon.svg"' in body
    assert "RuntimeError" not in body


def test_the_favicon_address_points_at_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
