"""Views that swap answer an htmx request with their fragment, and a history restore with the whole page."""

import pytest
from django.urls import reverse

from tests.factories.catalogue import HubFactory, SchemeFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
RESTORE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


@pytest.fixture
def catalogue(db):
    SchemeFactory(name="Ketenregie voor koplopers", stages=["frontrunner"])
    HubFactory(national=True)


@pytest.mark.parametrize("url_name", ["schemes:catalogue", "schemes:hubs"])
def test_it_serves_a_fragment_to_an_htmx_swap(client, catalogue, url_name):
    body = client.get(reverse(url_name), **HTMX).content.decode()

    assert "<html" not in body


@pytest.mark.parametrize("url_name", ["schemes:catalogue", "schemes:hubs"])
def test_it_serves_the_whole_page_to_a_history_restore(client, catalogue, url_name):
    response = client.get(reverse(url_name), **RESTORE)

    body = response.content.decode()
    assert body.lstrip().lower().startswith("<!doctype html>")
    assert "<main" in body
    assert "HX-History-Restore-Request" in response["Vary"]
