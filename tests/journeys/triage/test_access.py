"""The access matrix: every staff URL and action, as every kind of user."""

import pytest
from django.urls import reverse

from journeys.models.requests import RequestEvent
from tests.factories.catalogue import SchemeFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "staff_a", "staff_b", "admin", "superuser"]
MAY_CHANGE = {"staff_a", "superuser"}


def _login(client, cast, actor):
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))


def _action_data(cast, action, request):
    v = request.version
    if action == "toewijzen":
        return {"assign-version": v, "assign-assignee": cast.staff_a.pk}
    if action == "status":
        return {"status-version": v, "status-status": "triage"}
    if action == "notitie":
        return {"note-text": "Gebeld."}
    if action == "bericht":
        return {"public-text": "We bellen u morgen."}
    if action == "fase":
        return {"stage-version": v, "stage-stage": "starter", "stage-reason": "Nog oriënterend."}
    if action == "regeling":
        return {"recommend-scheme": SchemeFactory().pk}
    if action == "dubbel":
        return {"duplicate-version": v, "duplicate-original": SupportRequestFactory(hub=cast.hub_a).reference}
    if action == "herberekenen":
        return {}
    if action == "doorverwijzen":
        return {"refer-version": v, "refer-hub": cast.hub_b.pk, "refer-reason": "Verkeerde regio."}
    raise AssertionError(action)


@pytest.mark.parametrize("actor", ACTORS)
def test_it_shows_the_queue_only_with_own_hub_requests(client, cast, actor):
    _login(client, cast, actor)
    response = client.get(reverse("journeys:queue"))
    if actor == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        return
    assert response.status_code == 200
    shown = cast.request_a.reference in response.content.decode()
    assert shown == (actor in MAY_CHANGE)


@pytest.mark.parametrize("actor", ACTORS)
def test_it_shows_the_request_page_only_to_its_hub(client, cast, actor):
    _login(client, cast, actor)
    response = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference]))
    expected = {"anonymous": 302, "staff_a": 200, "staff_b": 404, "admin": 404, "superuser": 200}[actor]
    assert response.status_code == expected
    if expected != 200:
        assert "Kringloop Utrecht" not in response.content.decode()


@pytest.mark.parametrize("action", ["toewijzen", "status", "notitie", "bericht", "fase", "regeling", "dubbel",
                                    "doorverwijzen", "herberekenen"])
@pytest.mark.parametrize("actor", ACTORS)
def test_it_lets_only_the_hub_change_a_request(client, cast, actor, action):
    request = cast.request_a
    data = _action_data(cast, action, request)
    _login(client, cast, actor)
    response = client.post(reverse("journeys:request-action", args=[request.reference, action]), data)
    # Referral also schedules the survey mail (an internal "email_scheduled" event by the system).
    events = RequestEvent.objects.filter(request=request).exclude(kind=RequestEvent.Kind.EMAIL_SCHEDULED)
    if actor in MAY_CHANGE:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert events.count() == 1
        assert events.get().actor == getattr(cast, actor)
    else:
        assert response.status_code == (302 if actor == "anonymous" else 404)
        assert not events.exists()


def test_it_gives_404_for_an_unknown_action_or_reference(client, cast):
    client.force_login(cast.staff_a)
    assert client.post(reverse("journeys:request-action", args=[cast.request_a.reference, "wissen"])).status_code == 404
    assert client.get(reverse("journeys:request-detail", args=["CL-NOPE"])).status_code == 404


def test_it_refuses_get_on_actions(client, cast):
    client.force_login(cast.staff_a)
    response = client.get(reverse("journeys:request-action", args=[cast.request_a.reference, "status"]))
    assert response.status_code == 405
