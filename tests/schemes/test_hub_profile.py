"""Hub self-service (issue 14.6): own hub's public details only, with history; placeholder e-mails never linked."""

import datetime as dt
import uuid
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from schemes.models import Hub
from tests.factories.catalogue import HubFactory, ProvinceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hubs():
    sanne = UserFactory(username="sanne")
    a = HubFactory(slug="loket-a", name="Loket A", staff=[sanne], provinces=[ProvinceFactory()],
                   contact_is_placeholder=True, email="a@loket.example", response_target_days=5)
    b = HubFactory(slug="loket-b", name="Loket B", provinces=[ProvinceFactory()], email="b@loket.nl")
    return SimpleNamespace(a=a, b=b, sanne=sanne)


def _post(**overrides):
    return {"email": "info@loket-a.nl", "phone": "030 123 45 67", "website": "", "description": "Wij helpen.",
            "description_en": "We help.", "next_steps": "Wij bellen u.", "next_steps_en": "We call you.", **overrides}


def test_hub_staff_edit_their_own_hub_and_the_history_says_who(client, hubs):
    client.force_login(hubs.sanne)
    url = reverse("schemes:hub-profile", args=["loket-a"])

    assert client.get(url).status_code == 200
    response = client.post(url, _post())

    assert response.status_code == 302
    hub = Hub.objects.get(slug="loket-a")
    assert (hub.email, hub.description_en) == ("info@loket-a.nl", "We help.")
    assert hub.contact_is_placeholder is False  # real details typed by the hub itself
    latest = hub.history.first()
    assert latest.history_user == hubs.sanne and latest.history_change_reason == "Gewijzigd door het loket"


def test_hub_a_cannot_edit_hub_b_nor_its_own_area_staff_or_response_target(client, hubs):
    intruder = UserFactory(username="indringer")
    client.force_login(hubs.sanne)

    assert client.get(reverse("schemes:hub-profile", args=["loket-b"])).status_code == 404
    assert client.post(reverse("schemes:hub-profile", args=["loket-b"]), _post()).status_code == 404
    client.post(reverse("schemes:hub-profile", args=["loket-a"]), _post(
        response_target_days="1", provinces=[hubs.b.provinces.get().pk], staff=[intruder.pk],
        is_national_desk="on", slug="anders", name="Andere naam"))

    a = Hub.objects.get(pk=hubs.a.pk)
    assert a.response_target_days == 5 and a.slug == "loket-a" and a.name == "Loket A"
    assert list(a.provinces.all()) == list(hubs.a.provinces.all()) and not a.is_national_desk
    assert list(a.staff.all()) == [hubs.sanne]
    assert Hub.objects.get(pk=hubs.b.pk).email == "b@loket.nl"


def test_someone_without_a_hub_gets_404_and_anonymous_is_sent_to_log_in(client, hubs):
    assert client.get(reverse("schemes:hub-profile", args=["loket-a"])).status_code == 302
    client.force_login(UserFactory(username="zonder-loket"))
    assert client.get(reverse("schemes:hub-profile", args=["loket-a"])).status_code == 404


def test_a_placeholder_email_is_never_a_mail_link(hubs):
    request = RequestFactory().get("/")
    request.user = hubs.sanne
    hub = hubs.a
    intake = SimpleNamespace(public_id=uuid.uuid4(), email="", first_name="Anna")
    request_obj = SimpleNamespace(status_token="t" * 43, due_at=dt.datetime(2026, 12, 8, tzinfo=dt.UTC),
                                  reference="CL-ABCDEFGH")
    context = {"hub": hub, "intake": intake, "request_obj": request_obj, "support_request": request_obj}

    for template in ("journeys/intake/confirmation.html", "journeys/intake/result.html",
                     "emails/request_confirmation.html", "emails/request_confirmation.txt",
                     "schemes/hubs.html"):
        text = render_to_string(template, {**context, "hubs": [hub]}, request=request)
        assert "a@loket.example" not in text, template
    hub.contact_is_placeholder = False
    text = render_to_string("journeys/intake/confirmation.html", context, request=request)
    assert 'href="mailto:a@loket.example"' in text
