"""Catalogue admins export and erase an entrepreneur's data by e-mail address; every action is recorded."""

import json

import pytest
from django.urls import reverse

from journeys.models import FollowUp, FollowUpKind, Intake, PrivacyAction
from portal.roles import ensure_catalogue_admin_group
from tests.factories.catalogue import HubFactory, UserFactory
from tests.factories.journeys import IntakeFactory, RequestEventFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db
EMAIL = "anna@houtwerk.example"


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="rvo-admin")
    admin.groups.add(ensure_catalogue_admin_group())
    client.force_login(admin)
    return client


@pytest.fixture
def anna():
    request = SupportRequestFactory(
        intake__email=EMAIL, intake__contact_name="Anna de Vries", intake__company_name="Houtwerk B.V.",
        intake__answers={"email": EMAIL, "contact_name": "Anna de Vries", "sectors": ["construction"]},
    )
    RequestEventFactory(request=request, text="Gebeld met Anna", public=True)
    draft = IntakeFactory(draft=True, email="", answers={"email": "ANNA@houtwerk.example", "company_name": "Tweede"})
    FollowUp.objects.create(kind=FollowUpKind.INTAKE_REMINDER, recipient=EMAIL, due_at=request.due_at,
                            idempotency_key="reminder:anna", intake=draft)
    other = SupportRequestFactory(intake__email="bob@elders.example", intake__contact_name="Bob")
    return {"request": request, "draft": draft, "other": other}


def test_it_is_only_for_catalogue_admins(client):
    hub_staff = UserFactory(username="anna-staff")
    HubFactory(staff=[hub_staff])
    url = reverse("journeys:privacy")

    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(hub_staff)
    assert client.get(url).status_code == 403
    assert client.post(reverse("journeys:privacy-export"), {"email": EMAIL}).status_code == 403
    assert client.post(reverse("journeys:privacy-erase"), {"email": EMAIL, "confirm_step": "1",
                                                           "confirm": "on"}).status_code == 403


def test_it_summarises_what_is_stored(admin_client, anna):
    body = admin_client.post(reverse("journeys:privacy"), {"email": " Anna@Houtwerk.example"}).content.decode()

    assert "Wat wij bewaren onder dit adres" in body
    assert anna["request"].reference in body
    assert anna["other"].reference not in body


def test_it_explains_a_bad_address(admin_client):
    body = admin_client.post(reverse("journeys:privacy"), {"email": "geen-adres"}).content.decode()

    assert "Er is een probleem" in body
    assert "Vul een geldig e-mailadres in" in body


def test_it_exports_everything_under_the_address_as_json(admin_client, anna):
    response = admin_client.post(reverse("journeys:privacy-export"), {"email": EMAIL})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == EMAIL
    assert len(data["intakes"]) == 2
    submitted = next(i for i in data["intakes"] if i["support_request"])
    assert submitted["contact_name"] == "Anna de Vries"
    assert submitted["support_request"]["reference"] == anna["request"].reference
    assert any(e["text"] == "Gebeld met Anna" for e in submitted["support_request"]["timeline"])
    assert [e["kind"] for e in data["emails"]] == ["intake_reminder"]
    assert "Bob" not in response.content.decode()


def test_it_asks_for_confirmation_before_erasing(admin_client, anna):
    first = admin_client.post(reverse("journeys:privacy-erase"), {"email": EMAIL})
    unticked = admin_client.post(reverse("journeys:privacy-erase"), {"email": EMAIL, "confirm_step": "1"})

    assert "Weet u zeker" in first.content.decode()
    assert "Vink aan dat u weet" in unticked.content.decode()
    assert Intake.objects.filter(email=EMAIL).exists()
    assert not PrivacyAction.objects.filter(kind=PrivacyAction.Kind.ERASE).exists()


def test_it_erases_after_confirmation_and_keeps_others(admin_client, anna):
    response = admin_client.post(
        reverse("journeys:privacy-erase"), {"email": EMAIL, "confirm_step": "1", "confirm": "on"}, follow=True
    )

    assert "De gegevens zijn gewist" in response.content.decode()
    intake = Intake.objects.get(pk=anna["request"].intake_id)
    assert intake.email == "" and intake.contact_name == "" and intake.anonymised_at
    assert intake.answers == {"sectors": ["construction"]}
    assert Intake.objects.get(pk=anna["draft"].pk).answers == {}
    assert FollowUp.objects.get(idempotency_key="reminder:anna").recipient == ""
    assert Intake.objects.get(pk=anna["other"].intake_id).email == "bob@elders.example"
    export = json.loads(admin_client.post(reverse("journeys:privacy-export"), {"email": EMAIL}).content)
    assert export["intakes"] == [] and export["emails"] == []


def test_it_records_who_and_when_but_not_whose_data(admin_client, anna):
    admin_client.post(reverse("journeys:privacy-export"), {"email": EMAIL})
    admin_client.post(reverse("journeys:privacy-erase"), {"email": EMAIL, "confirm_step": "1", "confirm": "on"})

    actions = list(PrivacyAction.objects.order_by("id").values())
    assert [a["kind"] for a in actions] == ["export", "erase"]
    assert all(a["performed_by_username"] == "rvo-admin" and a["performed_at"] for a in actions)
    assert "anna" not in json.dumps(actions, default=str).lower().replace("rvo-admin", "")
    page = admin_client.get(reverse("journeys:privacy")).content.decode()
    assert "Gegevens gewist" in page and "rvo-admin" in page
