import pytest

from .conftest import make_intake
from .test_dashboard_view import csv_of, table_of

pytestmark = pytest.mark.django_db
URL = "/medewerkers/inzicht/barrieres/2025/"


@pytest.fixture
def intakes(hub_a, hub_b, gelderland, utrecht):
    for _ in range(6):
        make_intake(hub=hub_a, province=gelderland, sectors=["construction"],
                    barriers=["conflicting_interests", "no_capacity", "financing"], drivers=["cost_saving"])
    for _ in range(2):
        make_intake(hub=hub_a, province=gelderland, sectors=["textiles"], barriers=["no_chain_data"])
    for _ in range(5):
        make_intake(hub=hub_b, province=utrecht, sectors=["construction"], barriers=["regulation"],
                    drivers=["cost_saving", "environment"])


def test_it_groups_barriers_by_rode_draad_for_the_year(client, admin_user, intakes):
    client.force_login(admin_user)
    html = client.get(URL).content.decode()

    draden = {row[0]: row[1] for row in table_of(html, "rode_draden")[1:]}
    # Two RD3 barriers from the same 6 companies count once per company.
    assert draden["RD3 De keten in beweging krijgen"] == "6"
    assert draden["RD4 Zicht op de keten"] == "< 5"
    assert draden["Wet- en regelgeving"] == "5"
    assert draden["Economisch"] == "6"
    assert "Uit 13 ingestuurde intakes in 2025." in html


def test_it_breaks_the_rode_draden_down_by_sector_and_province(client, admin_user, intakes):
    client.force_login(admin_user)
    html = client.get(URL).content.decode()

    by_sector = {row[0]: row[1:] for row in table_of(html, "rode_draden_by_sector")[1:]}
    header = table_of(html, "rode_draden_by_sector")[0]
    assert by_sector["Bouw, grond-, weg- en waterbouw"][header.index("RD3 De keten in beweging krijgen") - 1] == "6"
    assert by_sector["Bouw, grond-, weg- en waterbouw"][header.index("Wet- en regelgeving") - 1] == "5"
    assert by_sector["Textiel"][header.index("RD4 Zicht op de keten") - 1] == "< 5"
    by_province = {row[0]: row[1:] for row in table_of(html, "drivers_by_province")[1:]}
    drivers_header = table_of(html, "drivers_by_province")[0]
    assert by_province["Utrecht"][drivers_header.index("Kosten besparen") - 1] == "5"


def test_it_limits_hub_staff_to_their_own_hub(client, staff_a, intakes):
    client.force_login(staff_a)
    html = client.get(URL).content.decode()

    draden = {row[0]: row[1] for row in table_of(html, "rode_draden")[1:]}
    assert draden["Wet- en regelgeving"] == "0"
    assert "Uit 8 ingestuurde intakes in 2025." in html


def test_it_exports_report_tables_as_csv(client, admin_user, intakes):
    client.force_login(admin_user)
    html = client.get(URL).content.decode()
    exported = csv_of(client.get(URL, {"format": "csv", "figure": "barriers"}))
    assert [row[1:] for row in exported] == [[c.replace("< 5", "<5").removesuffix("%") for c in row]
                                             for row in table_of(html, "barriers")]


def test_it_has_no_report_for_far_away_years(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/medewerkers/inzicht/barrieres/1999/").status_code == 404
    assert client.get("/medewerkers/inzicht/barrieres/2025/", {"format": "csv", "figure": "x"}).status_code == 404
