"""Catalogue search on /regelingen/: plain words through tag names, relevance order, an honest empty message."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from schemes import selectors
from tests.factories.catalogue import SchemeFactory

pytestmark = pytest.mark.django_db
OPEN, CLOSE = "\u2018", "\u2019"  # the page quotes the searched words with typographic quotes


def titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/regelingen/[^"]+/">([^<]+)</a></h3>', html)


@pytest.fixture
def starter_catalogue():
    call_command("load_geography", verbosity=0)
    call_command("load_starter_catalogue", verbosity=0)


@pytest.mark.parametrize("word", ["hout", "meubel", "textiel", "bouw"])
def test_it_finds_something_for_plain_words_of_the_starter_catalogue(client, starter_catalogue, word):
    html = client.get(reverse("schemes:catalogue"), {"q": word}).content.decode()

    assert titles(html), word
    assert f"U zocht op {OPEN}{word}{CLOSE}." in html


def test_it_finds_a_scheme_through_the_sector_it_is_tagged_with_before_those_open_to_all(client):
    SchemeFactory(name="Algemene hulp", summary="Voor iedereen.", sectors=[])
    SchemeFactory(name="Modeketen", summary="Samen kleding terugnemen.", sectors=["textiles"])
    SchemeFactory(name="Bouwhulp", summary="Alleen voor de bouw.", sectors=["construction"])

    html = client.get(reverse("schemes:catalogue"), {"q": "textiel"}).content.decode()

    # Tagged for textiles first; a scheme for every sector is also for textiles, and says so; construction not.
    assert titles(html) == ["Modeketen", "Algemene hulp"]
    assert "Voor alle sectoren" in html
    assert "Wij zochten ook bij regelingen voor: Textiel." in html


def test_wood_finds_the_furniture_and_construction_sectors(client):
    SchemeFactory(name="Meubelroute", summary="Voor meubelmakers.", sectors=["furniture"])
    SchemeFactory(name="Zorghulp", summary="Voor de zorg.", sectors=["healthcare"])

    assert titles(client.get(reverse("schemes:catalogue"), {"q": "hout"}).content.decode()) == ["Meubelroute"]


def test_bouw_is_not_landbouw(client):
    SchemeFactory(name="Boerenhulp", summary="Voor boeren.", sectors=["agriculture"])
    SchemeFactory(name="Bouwhulp", summary="Voor aannemers.", sectors=["construction"])

    assert titles(client.get(reverse("schemes:catalogue"), {"q": "bouw"}).content.decode()) == ["Bouwhulp"]


def test_it_ranks_a_name_match_above_a_tag_match(client):
    SchemeFactory(name="Financieringstool", summary="Zoek geld.", themes=[])
    SchemeFactory(name="Adviespunt", summary="Vragen stellen.", themes=["financing"])

    assert titles(client.get(reverse("schemes:catalogue"), {"q": "financiering"}).content.decode()) == [
        "Financieringstool", "Adviespunt"]


def test_it_finds_a_misspelt_word_in_the_name_through_trigrams(client):
    SchemeFactory(name="Circulaire Ketenprojecten", summary="Geld voor een groep bedrijven.")
    SchemeFactory(name="Inkopersgroep", summary="Samen inkopen.")

    assert titles(client.get(reverse("schemes:catalogue"), {"q": "ketenprojekt"}).content.decode()) == [
        "Circulaire Ketenprojecten"]


def test_the_empty_message_says_what_was_searched_and_offers_to_clear_it(client):
    SchemeFactory(name="Iets", summary="Iets anders.", kind="subsidy")

    html = client.get(reverse("schemes:catalogue"), {"q": "zzzqqq", "kind": "subsidy"}).content.decode()

    assert f"Wij vonden geen regeling voor {OPEN}zzzqqq{CLOSE} met de filters die u koos." in html
    assert '<a href="/regelingen/?kind=subsidy">Zoekwoord wissen</a>' in html
    assert "Alle filters wissen" in html
    without_filters = client.get(reverse("schemes:catalogue"), {"q": "zzzqqq"}).content.decode()
    assert f"Wij vonden geen regeling voor {OPEN}zzzqqq{CLOSE}." in without_filters
    assert "filters die u koos" not in without_filters
    assert '<a href="/regelingen/">Zoekwoord wissen</a>' in without_filters


def test_the_empty_message_without_a_search_blames_only_the_filters(client):
    SchemeFactory(name="Iets", kind="subsidy")

    html = client.get(reverse("schemes:catalogue"), {"kind": "voucher"}).content.decode()

    assert "Er is geen regeling die bij al deze filters past." in html
    assert "U zocht op" not in html and "Zoekwoord wissen" not in html


def test_search_terms_read_english_names_too():
    terms = selectors.search_terms(text="furniture")
    assert terms.tags == {"sectors": frozenset({"furniture"})}
