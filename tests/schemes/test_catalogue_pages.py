import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.catalogue import ApplicationRoundFactory, ProvinceFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def test_it_filters_by_stage_theme_kind_and_province_through_the_url(client):
    province = ProvinceFactory(code="PV27", name="Noord-Holland")
    regional = SchemeFactory(name="Ketenhulp Noord-Holland", stages=["frontrunner"], themes=["chain"], kind="subsidy",
                             scope="regional")
    regional.provinces.add(province)
    SchemeFactory(name="Starterscursus", stages=["starter"], themes=["knowledge"], kind="workshop")
    SchemeFactory(name="Verborgen concept", stages=["frontrunner"], themes=["chain"], kind="subsidy", draft=True)

    text = client.get(reverse("schemes:catalogue"), {
        "stage": "frontrunner", "theme": "chain", "kind": "subsidy", "province": "PV27"}).content.decode()

    assert "Ketenhulp Noord-Holland" in text
    assert "Starterscursus" not in text and "Verborgen concept" not in text
    assert "1 regeling gevonden" in text


def test_it_searches_in_dutch_with_stemming(client):
    SchemeFactory(name="Hulp A", summary="Geld voor uw ketenproject.")
    SchemeFactory(name="Inkopersgroep", summary="Samen inkopen.")

    text = client.get(reverse("schemes:catalogue"), {"q": "ketenprojecten"}).content.decode()

    # "ketenprojecten" is not in the text; only the Dutch stemmer (both become "ketenproject") finds it.
    assert "Hulp A" in text and "Inkopersgroep" not in text


def test_it_shows_only_what_is_open_now(client):
    today = timezone.localdate()
    open_scheme = SchemeFactory(name="Nu open")
    ApplicationRoundFactory(scheme=open_scheme, opens_on=today - timedelta(days=3),
                            closes_on=today + timedelta(days=30))
    exhausted = SchemeFactory(name="Geld op")
    ApplicationRoundFactory(scheme=exhausted, opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=30),
                            budget_status="exhausted")

    text = client.get(reverse("schemes:catalogue"), {"open_now": "on"}).content.decode()

    assert "Nu open" in text and "Geld op" not in text


def test_it_ignores_unknown_filter_values_instead_of_failing(client):
    SchemeFactory(name="Iets")

    response = client.get(reverse("schemes:catalogue"), {"stage": "bestaat-niet", "province": "PV00", "page": "x"})

    assert response.status_code == 200 and "Iets" in response.content.decode()


def test_it_answers_htmx_with_only_the_results(client):
    SchemeFactory(name="Iets")

    response = client.get(reverse("schemes:catalogue"), headers={"HX-Request": "true"})

    text = response.content.decode()
    # The swap brings its page title along (htmx updates <title>), then only the results.
    fragment = re.sub(r"^\s*<title>[^<]*</title>\s*", "", text)
    assert fragment.startswith('<section id="results"') and "<aside" not in text
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_the_scheme_page_says_in_plain_words_when_you_can_apply(client):
    today = timezone.localdate()
    scheme = SchemeFactory(name="CKP", chain_subsidy=True)
    ApplicationRoundFactory(scheme=scheme, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=10),
                            budget_status="exhausted")
    ApplicationRoundFactory(scheme=scheme, opens_on=today + timedelta(days=200), budget_status="upcoming")

    text = client.get(reverse("schemes:scheme-detail", args=[scheme.slug])).content.decode()

    assert "Budget op" in text and "Volgende ronde opent op" in text
    assert "Met 3 tot 6 mkb-bedrijven." in text and "€ 20.000" in text
