import pytest

from tests.factories.catalogue import SchemeFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_english_catalogue_text_on_english_pages(client):
    SchemeFactory(slug="ckp", name="Subsidie Circulaire Ketenprojecten", name_en="Circular Chain Projects subsidy",
                  summary="Geld voor een procesbegeleider.", summary_en="Money for a process supervisor.")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    detail = client.get("/regelingen/ckp/").content.decode()
    listing = client.get("/regelingen/").content.decode()

    assert "Circular Chain Projects subsidy" in detail
    assert "Money for a process supervisor." in detail
    assert "Circular Chain Projects subsidy" in listing


def test_it_falls_back_to_dutch_when_there_is_no_english_text(client):
    SchemeFactory(slug="lokaal", name="Lokale regeling", name_en="", summary="Alleen in het Nederlands.")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    detail = client.get("/regelingen/lokaal/").content.decode()

    assert "Lokale regeling" in detail
    assert "Alleen in het Nederlands." in detail


def test_it_shows_the_dutch_text_on_dutch_pages(client):
    SchemeFactory(slug="ckp", name="Subsidie Circulaire Ketenprojecten", name_en="Circular Chain Projects subsidy")

    assert "Subsidie Circulaire Ketenprojecten" in client.get("/regelingen/ckp/").content.decode()
