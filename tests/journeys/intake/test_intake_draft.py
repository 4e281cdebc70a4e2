"""Which draft a browser fills in: a signed cookie of its own, no database session for the entrepreneur."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from journeys.intake import selectors
from journeys.models import Intake
from tests.journeys.intake.helpers import CONTACT_POST, STEP_POSTS, complete_intake, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
FIRST_STEP = reverse("journeys:intake-step", args=["bedrijf"])
CHECK = reverse("journeys:intake-check")


def test_it_keeps_the_draft_in_a_signed_cookie_and_stores_no_session(client, geo):
    response = client.post(FIRST_STEP, STEP_POSTS["bedrijf"])

    cookie = response.cookies[selectors.DRAFT_COOKIE]
    intake = Intake.objects.get()
    assert cookie.value.startswith(f"{intake.public_id}:")  # the id plus its timestamp and signature
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not Session.objects.exists()
    body = client.get(reverse("journeys:intake-step", args=["bedrijf"])).content.decode()
    assert 'value="Houtwerk B.V."' in body


def test_it_submits_and_shows_the_route_without_a_session(client, geo):
    complete_intake(client)
    response = client.post(CHECK)

    intake = Intake.objects.get()
    assert response["Location"] == reverse("journeys:intake-result", args=[intake.public_id])
    assert intake.submitted_at is not None
    assert not Session.objects.exists()
    assert "Vraag Circulair Utrecht om contact" in client.get(response["Location"]).content.decode()


def test_it_ignores_a_cookie_it_did_not_sign(client, geo):
    complete_intake(client)
    intake = Intake.objects.get()
    other = Client()
    other.cookies[selectors.DRAFT_COOKIE] = f"{intake.public_id}:1tAbCd:forged-signature"

    assert other.post(CHECK)["Location"] == reverse("journeys:intake-start")
    assert 'value="Houtwerk B.V."' not in other.get(FIRST_STEP).content.decode()
    assert Intake.objects.get().submitted_at is None


def test_it_ignores_a_cookie_older_than_a_session_lives(client, geo, settings):
    complete_intake(client)
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later):
        response = client.post(CHECK)
    assert response["Location"] == reverse("journeys:intake-start")
    assert Intake.objects.get().submitted_at is None


def test_it_still_finds_a_draft_that_was_started_in_the_session(client, geo):
    complete_intake(client)
    intake = Intake.objects.get()
    legacy = Client()
    session = legacy.session
    session[selectors.SESSION_KEY] = str(intake.public_id)
    session.save()
    legacy.cookies["sessionid"] = session.session_key

    assert legacy.get(reverse("journeys:intake-start"))["Location"] == CHECK
    assert legacy.post(CHECK)["Location"] == reverse("journeys:intake-result", args=[intake.public_id])


def test_it_forgets_the_draft_once_it_became_a_request(client, geo):
    complete_intake(client)
    result = client.post(CHECK)["Location"]
    response = client.post(result + "contact/", CONTACT_POST)

    assert response.cookies[selectors.DRAFT_COOKIE].value == ""  # deleted
    assert client.get(reverse("journeys:intake-start"))["Location"] == FIRST_STEP
