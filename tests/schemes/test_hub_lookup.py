import re

import pytest
from django.urls import reverse

from tests.factories.catalogue import HubFactory, MunicipalityFactory, PostcodeAreaFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def border():
    """PC4 7777 lies in two municipalities, in two provinces; only one province has a hub."""
    east, west = ProvinceFactory(code="PV23", name="Overijssel"), ProvinceFactory(code="PV25", name="Gelderland")
    here = MunicipalityFactory(name="Oostdorp", province=east)
    there = MunicipalityFactory(name="Westdorp", province=west)
    PostcodeAreaFactory(pc4="7777", municipality=here)
    PostcodeAreaFactory(pc4="7777", municipality=there)
    HubFactory(name="Loket Overijssel", provinces=[east])
    HubFactory(national=True)
    return here, there


def test_it_asks_which_municipality_when_a_pc4_lies_in_two(client, border):
    response = client.get(reverse("schemes:hubs"), {"postcode": "7777 AB"})

    text = response.content.decode()
    assert "Postcode 7777 ligt in twee gemeenten" in text
    assert "Oostdorp" in text and "Westdorp" in text
    assert "Uw loket:" not in text


def test_it_routes_each_side_of_the_border_to_its_own_hub(client, border):
    here, there = border

    east = client.get(reverse("schemes:hubs"), {"postcode": "7777AB", "municipality": here.code}).content.decode()
    west = client.get(reverse("schemes:hubs"), {"postcode": "7777AB", "municipality": there.code}).content.decode()

    assert "Uw loket: Loket Overijssel" in east
    assert "Uw loket: Landelijk loket" in west
    assert "Geen regionaal loket werkt in Westdorp" in west


def test_it_sends_an_unknown_postcode_to_the_national_desk(client, border):
    response = client.get(reverse("schemes:hubs"), {"postcode": "9998"})

    text = response.content.decode()
    assert "Wij kennen postcode 9998 niet" in text and "Uw loket: Landelijk loket" in text


def test_it_explains_how_to_fix_a_wrong_postcode(client, border):
    response = client.get(reverse("schemes:hubs"), {"postcode": "12AB"})

    text = response.content.decode()
    assert "Er is een probleem" in text and "Vul een postcode in zoals 1234 AB." in text
    assert 'value="12AB"' in text


def test_it_answers_htmx_with_only_the_lookup(client, border):
    response = client.get(reverse("schemes:hubs"), {"postcode": "9998"}, headers={"HX-Request": "true"})

    text = response.content.decode()
    # The swap brings its page title along (htmx updates <title>), then only the lookup.
    fragment = re.sub(r"^\s*<title>[^<]*</title>\s*", "", text)
    assert fragment.startswith('<div id="lookup">') and "Alle loketten" not in text
