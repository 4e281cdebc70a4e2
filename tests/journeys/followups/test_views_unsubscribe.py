import pytest
from django.urls import reverse

from journeys.followups import services, tokens
from journeys.models import EmailOptOut, FollowUpState
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _url(email: str) -> str:
    """The link of a follow-up e-mail to this address (an opaque token naming the outbox row)."""
    followup = services.followup_schedule_survey(support_request=SupportRequestFactory(intake__email=email))
    return reverse("journeys:followups-unsubscribe", args=[tokens.unsubscribe_token(followup_id=followup.pk)])


def test_it_asks_before_unsubscribing_on_a_plain_visit(client):
    response = client.get(_url("ik@example.nl"))

    assert response.status_code == 200
    assert "Ja, meld mij af" in response.content.decode()
    assert not EmailOptOut.objects.exists()


def test_it_unsubscribes_at_once_and_cancels_scheduled_mail(client):
    followup = services.followup_schedule_survey(support_request=SupportRequestFactory(intake__email="ik@example.nl"))

    response = client.post(_url("ik@example.nl"))

    assert response.status_code == 200
    assert "U bent afgemeld" in response.content.decode()
    assert EmailOptOut.objects.filter(email="ik@example.nl").exists()
    followup.refresh_from_db()
    assert followup.state == FollowUpState.CANCELLED


def test_it_accepts_the_rfc8058_one_click_post_from_a_mail_client_without_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        _url("ik@example.nl"), data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert EmailOptOut.objects.filter(email="ik@example.nl").exists()


def test_it_says_so_when_already_unsubscribed(client):
    url = _url("ik@example.nl")  # a link from an e-mail sent before
    services.email_unsubscribe(email="ik@example.nl")

    assert "U bent al afgemeld" in client.get(url).content.decode()


def test_a_forged_link_does_nothing(client):
    response = client.post(reverse("journeys:followups-unsubscribe", args=["ik@example.nl:forged"]))

    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert not EmailOptOut.objects.exists()
