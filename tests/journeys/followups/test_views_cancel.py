import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from journeys.followups import services
from journeys.followups.selectors import followups_for_request
from journeys.models import FollowUpState, RequestEvent
from tests.factories.catalogue import HubFactory, UserFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled():
    staff = UserFactory()
    support_request = SupportRequestFactory(hub=HubFactory(staff=[staff]))
    return staff, services.followup_schedule_survey(support_request=support_request)


def test_staff_of_the_hub_cancel_a_scheduled_follow_up(client, scheduled):
    staff, followup = scheduled
    client.force_login(staff)

    response = client.post(reverse("journeys:followups-cancel", args=[followup.pk]), {"next": "/medewerkers/"})

    assert response.status_code == 302 and response["Location"] == "/medewerkers/"
    followup.refresh_from_db()
    assert followup.state == FollowUpState.CANCELLED and followup.cancelled_by == staff
    event = followup.support_request.events.get(kind=RequestEvent.Kind.EMAIL_CANCELLED)
    assert event.actor == staff


def test_htmx_gets_the_refreshed_list_back(client, scheduled):
    staff, followup = scheduled
    client.force_login(staff)

    response = client.post(reverse("journeys:followups-cancel", args=[followup.pk]), HTTP_HX_REQUEST="true")

    assert "Geannuleerd" in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "other_hub"])
def test_nobody_else_can_cancel(client, scheduled, who):
    _, followup = scheduled
    if who == "other_hub":
        client.force_login(_other_hub_staff())

    response = client.post(reverse("journeys:followups-cancel", args=[followup.pk]))

    assert response.status_code in (302, 404)
    if who == "anonymous":
        assert "/login/" in response["Location"]
    followup.refresh_from_db()
    assert followup.state == FollowUpState.SCHEDULED


def _other_hub_staff():
    user = UserFactory()
    HubFactory(staff=[user])
    return user


def test_the_request_partial_lists_follow_ups_with_a_cancel_button(rf, scheduled):
    _, followup = scheduled
    html = render_to_string(
        "journeys/followups/_request_followups.html",
        {"support_request": followup.support_request,
         "followups": followups_for_request(support_request=followup.support_request)},
        request=rf.get("/"),
    )

    assert "Vraag: heeft dit u geholpen?" in html
    assert reverse("journeys:followups-cancel", args=[followup.pk]) in html
