"""Routing: postcode to municipality to hub, the national desk as fallback, with the reason kept."""

import pytest

from journeys.intake.routing import route_intake
from tests.factories.catalogue import HubFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_routes_by_province(geo):
    routing = route_intake(answers={"postcode": "3511 AB"})
    assert routing.hub == geo["hub"]
    snapshot = routing.snapshot()
    assert snapshot["level"] == "province"
    assert snapshot["reason"] == "Circulair Utrecht helpt bedrijven in de provincie Utrecht, waar Utrecht ligt."


def test_it_prefers_a_hub_that_names_the_municipality(geo):
    local = HubFactory(name="Stadsloket Utrecht", municipalities=[geo["city"]])
    routing = route_intake(answers={"postcode": "3511 AB"})
    assert routing.hub == local
    assert routing.snapshot()["level"] == "municipality"


def test_it_falls_back_to_the_national_desk_where_no_hub_works(geo):
    routing = route_intake(answers={"postcode": "4101 AA"})
    assert routing.hub == geo["national"]
    assert "Geen regionaal loket werkt in Culemborg" in routing.snapshot()["reason"]


def test_it_uses_the_chosen_municipality_of_a_split_postcode(geo):
    HubFactory(name="Rivierenland", municipalities=[geo["buren"]])
    assert route_intake(answers={"postcode": "4100 AA", "municipality_code": "GM0214"}).hub.name == "Rivierenland"
    assert route_intake(answers={"postcode": "4100 AA", "municipality_code": "GM0216"}).hub == geo["national"]


def test_it_does_not_guess_a_split_postcode_without_a_choice(geo):
    routing = route_intake(answers={"postcode": "4100 AA"})
    assert routing.hub == geo["national"]
    assert routing.municipality is None
    assert "Wij weten niet in welke gemeente u zit" in routing.snapshot()["reason"]


def test_it_uses_the_chosen_municipality_for_an_unknown_postcode(geo):
    assert route_intake(answers={"postcode": "9999 ZZ", "municipality_code": "GM0344"}).hub == geo["hub"]
    assert route_intake(answers={"postcode": "9999 ZZ"}).hub == geo["national"]


def test_it_skips_inactive_hubs_and_names_overlaps(geo):
    geo["hub"].is_active = False
    geo["hub"].save()
    HubFactory(name="B-loket", provinces=[geo["utrecht"]])
    HubFactory(name="A-loket", provinces=[geo["utrecht"]])
    routing = route_intake(answers={"postcode": "3511 AB"})
    assert routing.hub.name == "A-loket"
    assert "Ook B-loket werkt hier" in routing.snapshot()["reason"]


def test_it_records_no_hub_when_even_the_national_desk_is_missing(db):
    routing = route_intake(answers={"postcode": "3511 AB"})
    assert routing.hub is None
    assert routing.snapshot()["hub_id"] is None


@pytest.mark.parametrize(("answers", "advice"), [
    ({"themes": ["chain"], "chain_partners": 0}, ["scouting"]),
    ({"themes": ["chain"], "chain_partners": 2}, []),
    ({"themes": ["regulation"]}, ["regulation"]),
    ({"themes": ["knowledge"]}, []),
])
def test_it_adds_first_advice(geo, answers, advice):
    assert route_intake(answers={"postcode": "3511 AB", **answers}).advice == advice
