"""The access matrix of the consortium builder: every staff page and action, as every kind of user.

A profile is seen by its own hub; a group by every hub with a member in it, changed only by the deciding hub;
catalogue admins and other hubs get a 404, anonymous users the log-in page.
"""

import pytest
from django.urls import reverse

from journeys.consortia import services
from journeys.models import ConsortiumEvent
from schemes import vocabulary as v

pytestmark = pytest.mark.django_db
ACTORS = ["anonymous", "staff_utrecht", "staff_nh", "staff_groningen", "admin", "superuser"]


@pytest.fixture
def group(geo):
    me = geo.profile(company_name="Houtwerk B.V.", roles_offered=["producer"], roles_sought=["recycler", "supplier"],
                     materials=[v.Material.WOOD])
    recycler = geo.profile(company_name="Kringloop Hout", roles_offered=["recycler"], roles_sought=["producer"],
                           materials=[v.Material.WOOD])
    supplier = geo.profile(province=geo.noord_holland, company_name="Bosbouw Noord", roles_offered=["supplier"],
                           roles_sought=["producer"], materials=[v.Material.WOOD])
    consortium = services.consortium_create(profile=me, member_ids=[recycler.pk, supplier.pk], scheme_slug="ckp",
                                            actor=geo.staff_utrecht)
    return me, supplier, consortium


def _login(client, geo, actor):
    if actor != "anonymous":
        client.force_login(getattr(geo, actor))


@pytest.mark.parametrize("actor", ACTORS)
def test_the_desk_lists_only_the_own_hubs_profiles(client, geo, group, actor):
    _login(client, geo, actor)
    response = client.get(reverse("journeys:partner-desk"))
    if actor == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Houtwerk B.V." in html) == (actor in {"staff_utrecht", "superuser"})
    assert ("Bosbouw Noord" in html) == (actor in {"staff_nh", "superuser"})
    assert (group[2].reference in html) == (actor in {"staff_utrecht", "staff_nh", "superuser"})


@pytest.mark.parametrize("actor", ACTORS)
def test_a_profile_page_is_for_its_own_hub(client, geo, group, actor):
    me, supplier, _consortium = group
    _login(client, geo, actor)
    expected = {"anonymous": 302, "staff_utrecht": 200, "staff_nh": 404, "staff_groningen": 404, "admin": 404,
                "superuser": 200}[actor]
    assert client.get(reverse("journeys:partner-profile", args=[me.public_id])).status_code == expected
    expected_nh = {**dict.fromkeys(ACTORS, 404), "anonymous": 302, "staff_nh": 200, "superuser": 200}[actor]
    assert client.get(reverse("journeys:partner-profile", args=[supplier.public_id])).status_code == expected_nh


@pytest.mark.parametrize("actor", ACTORS)
def test_a_group_is_seen_by_every_member_hub(client, geo, group, actor):
    _login(client, geo, actor)
    response = client.get(reverse("journeys:consortium-detail", args=[group[2].reference]))
    expected = {"anonymous": 302, "staff_utrecht": 200, "staff_nh": 200, "staff_groningen": 404, "admin": 404,
                "superuser": 200}[actor]
    assert response.status_code == expected
    if actor == "staff_nh":
        html = response.content.decode()
        assert "Loket Utrecht beslist over deze groep." in html
        assert "Stel de bedrijven aan elkaar voor" not in html


@pytest.mark.parametrize("action", ["voorstellen", "status"])
@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_deciding_hub_acts_on_a_group(client, geo, group, actor, action):
    consortium = group[2]
    _login(client, geo, actor)
    response = client.post(reverse("journeys:consortium-action", args=[consortium.reference, action]),
                           {"status": "declined"})
    events = ConsortiumEvent.objects.filter(consortium=consortium).exclude(kind="created")
    if actor in {"staff_utrecht", "superuser"}:
        assert response.status_code == 302
        assert events.count() == 1
    else:
        assert response.status_code == (302 if actor == "anonymous" else 404)
        assert not events.exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_profiles_hub_records_a_group_for_it(client, geo, group, actor):
    me, supplier, _consortium = group
    _login(client, geo, actor)
    response = client.post(reverse("journeys:consortium-create", args=[me.public_id]),
                           {"scheme": "ckp", "members": f"{me.pk},{supplier.pk}"})
    expected = {"anonymous": 302, "staff_utrecht": 302, "staff_nh": 404, "staff_groningen": 404, "admin": 404,
                "superuser": 302}[actor]
    assert response.status_code == expected


def test_actions_refuse_get_and_unknown_names(client, geo, group):
    client.force_login(geo.staff_utrecht)
    consortium = group[2]
    assert client.get(reverse("journeys:consortium-action", args=[consortium.reference, "status"])).status_code == 405
    assert client.post(reverse("journeys:consortium-action", args=[consortium.reference, "wissen"])).status_code == 404
    assert client.get(reverse("journeys:consortium-detail", args=["KP-NOPE"])).status_code == 404
