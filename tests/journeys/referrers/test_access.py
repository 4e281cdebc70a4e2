"""Access-matrix rows for advisors: they see only the requests they brought in; never the queue, others' requests,
insight, the admin or the invitation page. Staff and catalogue admins never open an advisor's pages."""

import pytest
from django.urls import reverse

from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "staff_a", "admin", "superuser", "advisor", "other_advisor"]


def _login(client, cast, advisors, actor):
    if actor in advisors:
        client.force_login(advisors[actor])
    elif actor != "anonymous":
        client.force_login(getattr(cast, actor))


@pytest.mark.parametrize("actor", ACTORS)
def test_my_clients_lists_only_the_advisors_own_requests(client, cast, advisors, actor):
    _login(client, cast, advisors, actor)
    response = client.get(reverse("journeys:referrer-clients"))
    expected = {"anonymous": 302, "advisor": 200, "other_advisor": 200}.get(actor, 404)
    assert response.status_code == expected
    page = response.content.decode()
    assert (cast.request_a.reference in page) == (actor == "advisor")
    assert (advisors["other_request"].reference in page) == (actor == "other_advisor")
    if actor == "advisor":
        for shown in ("Kringloop Utrecht B.V.", "Loket Utrecht"):
            assert shown in page
        assert cast.request_a.intake.email not in page


@pytest.mark.parametrize("actor", ACTORS)
def test_the_status_view_opens_only_for_the_advisor_who_brought_the_request_in(client, cast, advisors, actor):
    _login(client, cast, advisors, actor)
    response = client.get(reverse("journeys:referrer-client-status", args=[cast.request_a.reference]))
    expected = {"anonymous": 302, "advisor": 200}.get(actor, 404)
    assert response.status_code == expected
    if expected == 200:
        assert "Kringloop Utrecht B.V." in response.content.decode()
        assert cast.request_a.status_token not in response.content.decode()
    else:
        assert "Kringloop Utrecht" not in response.content.decode()


@pytest.mark.parametrize("actor", ["advisor", "other_advisor"])
def test_advisors_never_see_the_triage_desk_insight_admin_or_invitations(client, cast, advisors, actor):
    _login(client, cast, advisors, actor)
    queue = client.get(reverse("journeys:queue"))
    assert queue.status_code == 404  # no queue at all, not an empty one
    assert cast.request_a.reference not in queue.content.decode()
    assert advisors["other_request"].reference not in queue.content.decode()
    menu = client.get(reverse("journeys:referrer-clients")).content.decode()
    assert "Mijn klanten" in menu and ">Hulpvragen<" not in menu and ">Inzicht<" not in menu
    detail = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference]))
    assert detail.status_code == 404
    insight = client.get(reverse("journeys:insights"))
    assert insight.status_code in (403, 404)
    admin = client.get("/beheer/")
    assert admin.status_code == 302 and "/beheer/login/" in admin["Location"]
    assert client.get(reverse("journeys:referrer-invite")).status_code == 403
    action = client.post(reverse("journeys:request-action", args=[cast.request_a.reference, "notitie"]),
                         {"note-text": "x"})
    assert action.status_code == 404


def test_the_request_page_shows_via_which_advisor_it_came_in(client, cast, advisors):
    client.force_login(cast.staff_a)
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()
    assert "Deze hulpvraag kwam binnen via Accountants Eva (doorverwijzer)." in page
    other = client.get(reverse("journeys:request-detail", args=[SupportRequestFactory(hub=cast.hub_a).reference]))
    assert "(doorverwijzer)" not in other.content.decode()
