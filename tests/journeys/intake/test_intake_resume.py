"""Save and resume: a signed, expiring link by e-mail restores the draft in another browser."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from journeys.followups import dispatch
from journeys.models import EmailOptOut, FollowUp, FollowUpKind, Intake
from tests.journeys.intake.helpers import STEP_POSTS, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
SAVE = reverse("journeys:intake-save")


def start_and_save(client, django_capture_on_commit_callbacks, email="anna@houtwerk.example"):
    """Save the draft and deliver the outbox the way the worker would; returns the link in the e-mail."""
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"])
    client.post(reverse("journeys:intake-step", args=["sector"]), {**STEP_POSTS["sector"], "action": "save"})
    response = client.post(SAVE, {"email": email})
    assert "Wij hebben u een link gestuurd" in response.content.decode()
    assert dispatch.dispatch_due() == 1  # the link is due now; the reminder waits two days
    return re.search(r"https?://\S+/intake/verder/\S+/", mail.outbox[-1].body).group(0)


def test_it_mails_a_link_that_restores_the_draft_in_another_browser(client, geo, django_capture_on_commit_callbacks):
    link = start_and_save(client, django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert message.to == ["anna@houtwerk.example"]
    assert message.subject == "Ga verder met uw vragen op het Circulair Loket"
    assert "De link werkt 30 dagen." in message.body and "/afmelden/" in message.body
    other = Client()
    response = other.get(link.split("://", 1)[1].split("/", 1)[1].join(["/", ""]), follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("journeys:intake-step", args=["waar-staat-u"])
    assert "Stap 3 van" in body
    back = other.get(reverse("journeys:intake-step", args=["bedrijf"])).content.decode()
    assert 'value="Houtwerk B.V."' in back


def test_it_puts_the_link_and_one_reminder_in_the_outbox(client, geo, settings):
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"])
    client.post(SAVE, {"email": "anna@houtwerk.example"})
    client.post(SAVE, {"email": "anna@houtwerk.example"})  # asked again later: a new link, still one reminder

    intake = Intake.objects.get()
    assert intake.email == "anna@houtwerk.example"
    links = FollowUp.objects.filter(kind=FollowUpKind.RESUME_LINK)
    [reminder] = FollowUp.objects.filter(kind=FollowUpKind.INTAKE_REMINDER)
    assert {f.recipient for f in links} == {"anna@houtwerk.example"} and {f.intake for f in links} == {intake}
    assert all(f.due_at <= timezone.now() for f in links)
    assert all(f.idempotency_key.startswith(f"resume-link:{intake.pk}:") for f in links)
    assert reminder.recipient == "anna@houtwerk.example" and reminder.idempotency_key == f"intake-reminder:{intake.pk}"
    assert timedelta(hours=47) < reminder.due_at - timezone.now() <= timedelta(hours=48)
    assert reminder.payload["resume_url"] in {f.payload["resume_url"] for f in links}
    assert reminder.payload["resume_url"].startswith(settings.SITE_URL + "/intake/verder/")


def test_an_explicit_request_overrides_an_opt_out_for_the_link_only(client, geo):
    EmailOptOut.objects.create(email="anna@houtwerk.example")
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"])
    client.post(SAVE, {"email": "Anna@Houtwerk.example"})

    assert list(FollowUp.objects.values_list("kind", flat=True)) == [FollowUpKind.RESUME_LINK]
    assert dispatch.dispatch_due() == 1
    assert mail.outbox[0].to == ["anna@houtwerk.example"]


def test_it_refuses_an_expired_link(client, geo, django_capture_on_commit_callbacks, settings):
    link = start_and_save(client, django_capture_on_commit_callbacks)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    with time_machine.travel(timezone.now() + timedelta(days=settings.INTAKE_RESUME_DAYS + 1)):
        response = Client().get(path)
    assert response.status_code == 400
    assert "Deze link werkt niet meer" in response.content.decode()


def test_it_refuses_a_tampered_link(client):
    response = client.get(reverse("journeys:intake-resume", args=["00000000-0000-0000-0000-000000000000:abc:def"]))
    assert response.status_code == 400


def test_it_asks_for_a_valid_email(client, geo):
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"])
    body = client.post(SAVE, {"email": "geen-adres"}).content.decode()
    assert "Vul een geldig e-mailadres in" in body
    assert 'value="geen-adres"' in body
    assert not FollowUp.objects.exists()


def test_it_queues_the_link_only_after_commit(client, geo, django_capture_on_commit_callbacks):
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(SAVE, {"email": "a@b.nl"})
    assert len(callbacks) == 1 and not mail.outbox  # only the link is due now; the reminder waits for beat
