"""A "continue later" link is used up once the intake is submitted (issue 15, item 8)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from journeys.followups import dispatch
from tests.journeys.intake.helpers import STEP_POSTS, complete_intake

pytestmark = pytest.mark.django_db
EMAIL = "anna@houtwerk.example"


def saved_link(client) -> str:
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"])
    client.post(reverse("journeys:intake-save"), {"email": EMAIL})
    dispatch.dispatch_due()
    return re.search(r"https?://[^/\s]+(/intake/verder/\S+/)", mail.outbox[-1].body).group(1)


def test_the_link_restores_a_draft_before_submission(client, geo):
    path = saved_link(client)

    response = Client().get(path)

    assert response.status_code == 302


def test_the_link_no_longer_opens_a_submitted_intake(client, geo):
    path = saved_link(client)
    complete_intake(client)
    assert client.post(reverse("journeys:intake-check")).status_code == 302  # submitted

    stranger = Client()
    response = stranger.get(path, follow=True)

    assert response.status_code == 400
    body = response.content.decode()
    assert EMAIL not in body and "Houtwerk" not in body
    assert EMAIL not in stranger.get(reverse("journeys:intake-check"), follow=True).content.decode()
