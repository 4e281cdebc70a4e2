import pytest
from django.urls import reverse

from journeys.models.requests import RequestEvent
from tests.factories.journeys import RequestEventFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def test_it_shows_status_hub_first_name_and_public_updates_only(client, cast):
    cast.staff_a.last_name = "Jansen"
    cast.staff_a.save()
    request = SupportRequestFactory(hub=cast.hub_a, assigned_to=cast.staff_a, in_progress=True)
    RequestEventFactory(request=request, kind=RequestEvent.Kind.NOTE, text="Intern: lijkt op spam")
    RequestEventFactory(request=request, public=True, text="We bellen u donderdag.")
    response = client.get(reverse("journeys:request-status", args=[request.status_token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Het loket helpt u met uw hulpvraag." in body
    assert "Loket Utrecht" in body
    assert "Anna helpt u." in body
    assert "Jansen" not in body
    assert "We bellen u donderdag." in body
    assert "Intern: lijkt op spam" not in body
    assert response["Referrer-Policy"] == "no-referrer"


def test_it_shows_a_public_update_posted_by_staff(client, cast):
    client.force_login(cast.staff_a)
    client.post(reverse("journeys:request-action", args=[cast.request_a.reference, "bericht"]),
                {"public-text": "Wij nemen deze week contact op."})
    client.logout()
    body = client.get(reverse("journeys:request-status", args=[cast.request_a.status_token])).content.decode()
    assert "Wij nemen deze week contact op." in body


def test_it_gives_404_for_an_unknown_token(client, cast):
    assert client.get(reverse("journeys:request-status", args=["nope"])).status_code == 404
