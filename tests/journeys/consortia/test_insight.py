"""Insight counts of the consortium builder: per province and sector, small groups suppressed, scoped by hub."""

import pytest
from django.urls import reverse

from journeys.consortia import insight, services
from schemes import vocabulary as v
from tests.factories.catalogue import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(geo):
    wood = [v.Material.WOOD]
    profiles = [geo.profile(roles_offered=[role], roles_sought=["producer"], materials=wood)
                for role in ("recycler", "supplier", "user", "trader", "designer")]
    me = geo.profile(roles_offered=["producer"], roles_sought=["recycler", "supplier"], materials=wood)
    geo.profile(province=geo.noord_holland, roles_offered=["supplier"], roles_sought=["producer"], materials=wood)
    consortium = services.consortium_create(profile=me, member_ids=[profiles[0].pk, profiles[1].pk],
                                            scheme_slug="ckp", actor=geo.staff_utrecht)
    services.consortium_introduce(consortium=consortium, actor=geo.staff_utrecht)
    services.consortium_set_status(consortium=consortium, status="formed", actor=geo.staff_utrecht)
    return consortium


def _cells(row) -> list[str]:
    return [str(cell) for cell in row.cells]


def test_it_counts_per_province_with_small_groups_suppressed(geo, counted):
    figures = insight.consortium_insight(hub_ids=None)
    rows = {row.label: _cells(row) for row in figures["province_rows"]}
    # profiles, groups, introduced, formed, applied
    assert rows["Noord-Holland"][0] == "< 5"
    assert rows["Utrecht"][0] == "verborgen"  # else 7 - 6 would give Noord-Holland's 1 away
    assert rows["Utrecht"][1:] == ["< 5", "< 5", "< 5", "0"]
    assert _cells(figures["totals"]) == ["7", "< 5", "< 5", "< 5", "0"]
    sectors = {row.label: _cells(row) for row in figures["sector_rows"]}
    assert sectors["Bouw, grond-, weg- en waterbouw"][0] == "7"


def test_hub_staff_count_their_own_hub_and_others_get_nothing(client, geo, counted):
    client.force_login(geo.staff_nh)
    html = client.get(reverse("journeys:partner-insight")).content.decode()
    assert "Noord-Holland" in html and "Utrecht" not in html.split("<h2", 1)[1].split("Per sector")[0]
    client.force_login(geo.admin)
    assert client.get(reverse("journeys:partner-insight")).status_code == 200
    client.force_login(UserFactory(username="niemand"))
    assert client.get(reverse("journeys:partner-insight")).status_code == 403
    client.logout()
    assert client.get(reverse("journeys:partner-insight")).status_code == 302


def test_the_dashboard_links_to_it(client, geo, counted):
    client.force_login(geo.admin)
    html = client.get(reverse("journeys:insights")).content.decode()
    assert reverse("journeys:partner-insight") in html
