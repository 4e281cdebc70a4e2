"""The contact request: the route first without personal data, then a short form when asking for contact.

Also: drafts and resume links from before the contact questions left the intake keep working.
"""

import pytest
from django.test import Client
from django.urls import reverse

from journeys.intake import services
from journeys.models import FollowUp, FollowUpKind, Intake, SupportRequest
from tests.journeys.intake.helpers import CONTACT_POST, STEP_POSTS, complete_intake, geo_fixture, request_contact  # noqa: F401

pytestmark = pytest.mark.django_db
CHECK = reverse("journeys:intake-check")


def contact_url(intake):
    return reverse("journeys:intake-request-contact", args=[intake.public_id])


@pytest.fixture
def submitted(client, geo):
    complete_intake(client)
    client.post(CHECK)
    return Intake.objects.get()


def test_it_shows_the_route_without_asking_any_personal_data(client, geo):
    complete_intake(client)  # every intake step, none of them about the person
    body = client.get(CHECK).content.decode()
    assert "<dt>Uw naam</dt>" not in body and "<dt>E-mailadres</dt>" not in body and "toestemming" not in body
    assert "Uw contactgegevens" not in body
    result = client.post(CHECK)["Location"]
    intake = Intake.objects.get()
    assert not (intake.contact_name or intake.email or intake.phone or intake.consent_share)
    page = client.get(result).content.decode()
    assert "Uw route" in page and f'href="{contact_url(intake)}"' in page


def test_it_asks_for_contact_details_only_on_the_contact_page_and_shows_what_the_hub_sees(client, submitted):
    response = client.get(contact_url(submitted))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vraag Circulair Utrecht om contact</h1>" in body
    assert "Wat ziet het loket?" in body and "Houtwerk B.V." in body  # the answers the hub will read
    for name in ("contact_name", "email", "phone", "preferred_contact", "consent_share", "followup_opt_in"):
        assert f'name="{name}"' in body
    assert "binnen 3 werkdagen" in body


def test_it_creates_one_request_with_the_contact_answers(client, submitted, geo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = request_contact(client, submitted)
    second = request_contact(client, submitted)  # a double click
    support_request = SupportRequest.objects.select_related("intake").get()
    assert first["Location"] == second["Location"] == reverse(
        "journeys:intake-confirmation", args=[support_request.reference])
    intake = support_request.intake
    assert intake.contact_name == "Anna de Vries" and intake.email == "anna@houtwerk.example"
    assert intake.consent_share and intake.followup_opt_in
    assert intake.answers["preferred_contact"] == "email"
    assert support_request.events.get(kind="created").data["answers"]["contact_name"] == "Anna de Vries"
    [followup] = FollowUp.objects.filter(kind=FollowUpKind.REQUEST_CONFIRMATION)
    assert followup.recipient == "anna@houtwerk.example"
    assert len(callbacks) == 1


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"email": "anna@"}, "email", "Vul een geldig e-mailadres in, zoals naam@bedrijf.nl"),
    ({"email": ""}, "email", "Vul uw e-mailadres in, zoals naam@bedrijf.nl"),
    ({"contact_name": ""}, "contact_name", "Vul uw naam in"),
    ({"consent_share": ""}, "consent_share", "Zet een vinkje als het loket uw gegevens mag gebruiken."),
    ({"preferred_contact": "phone"}, "phone", "Vul uw telefoonnummer in, of kies contact per e-mail"),
    ({"phone": "bel me"}, "phone", "Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678"),
    ({"preferred_contact": "duif"}, "preferred_contact", "Kies hoe u het liefst contact wilt"),
])
def test_it_explains_contact_errors_beside_the_field_and_keeps_what_was_typed(
        client, submitted, changes, field, message):
    data = {key: value for key, value in {**CONTACT_POST, **changes}.items() if value != ""}
    response = client.post(contact_url(submitted), {**data, "contact_name": data.get("contact_name", "")})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in body and f'href="#id_{field}"' in body
    assert body.count(message) == 2  # in the summary and beside the field
    assert f'id="id_{field}_error"' in body
    if changes.get("email"):
        assert f'value="{changes["email"]}"' in body
    assert 'value="Anna de Vries"' in body or field == "contact_name"
    assert not SupportRequest.objects.exists()
    assert not Intake.objects.get().consent_share  # nothing stored until the form is valid


def test_it_answers_the_contact_page_in_english(client, submitted):
    client.cookies["django_language"] = "en"
    body = client.post(contact_url(submitted), {**CONTACT_POST, "email": "anna@"},
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enter a valid email address, like name@company.nl" in body
    assert "What will the hub see?" in body


def test_it_refuses_the_contact_page_for_someone_else(client, submitted):
    other = Client()
    assert other.get(contact_url(submitted)).status_code == 404
    assert other.post(contact_url(submitted), CONTACT_POST).status_code == 404
    assert not SupportRequest.objects.exists()


def test_it_sends_a_changed_route_back_to_the_check_page(client, submitted):
    client.post(reverse("journeys:intake-step", args=["sector"]), {"sectors": ["textiles"]})
    assert client.get(contact_url(submitted))["Location"] == CHECK
    assert request_contact(client, submitted)["Location"] == CHECK
    assert not SupportRequest.objects.exists()


def test_save_for_later_asks_only_for_an_email_and_the_contact_form_starts_with_it(client, geo):
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), STEP_POSTS["bedrijf"])
    body = client.get(reverse("journeys:intake-save")).content.decode()
    form = body.split('<form method="post" action="/intake/bewaren/"', 1)[1].split("</form>", 1)[0]
    assert form.count("<input") - form.count('type="hidden"') == 1 and 'name="email"' in form
    client.post(reverse("journeys:intake-save"), {"email": "later@houtwerk.example"})
    complete_intake(client)
    client.post(CHECK)
    intake = Intake.objects.get()
    assert intake.email == "later@houtwerk.example"  # the submission keeps the "continue later" address
    assert 'value="later@houtwerk.example"' in client.get(contact_url(intake)).content.decode()


# Drafts from before the change: their answers include the old contact step's, current_step may be "contact".
LEGACY_ANSWERS = {
    "company_name": "Oud B.V.", "kvk_number": "", "postcode": "3511 AB", "company_size": "small",
    "municipality_code": "GM0344", "sectors": ["construction"], "self_assessment": "investigating",
    "practice": "measures", "help_wanted": ["feasibility"], "themes": ["knowledge"],
    "business_areas": ["reuse"], "materials": [], "material_volume": "", "drivers": [], "barriers": [],
    "contact_name": "Oud Contact", "email": "oud@example.nl", "phone": "", "preferred_contact": "email",
    "consent_share": True, "followup_opt_in": False,
}


def resume(client, intake):
    token = services.intake_resume_token(intake=intake)
    return client.get(reverse("journeys:intake-resume", args=[token]))


def test_a_draft_with_contact_answers_from_before_still_reaches_the_route_and_the_hub(client, geo):
    intake = Intake.objects.create(answers=LEGACY_ANSWERS, current_step="contact")
    resume(client, intake)  # a link e-mailed before the change

    assert client.get(reverse("journeys:intake-start"))["Location"] == CHECK
    check_page = client.get(CHECK).content.decode()
    assert "Oud B.V." in check_page and "Oud Contact" not in check_page  # the check page asks no personal data
    assert client.get(reverse("journeys:intake-save")).status_code == 200  # the old step name does not break it
    result = client.post(CHECK)["Location"]
    intake.refresh_from_db()
    assert intake.submitted_at and intake.answers["contact_name"] == "Oud Contact"
    assert intake.email == "oud@example.nl" and intake.consent_share

    form = client.get(contact_url(intake)).content.decode()
    assert 'value="Oud Contact"' in form and 'value="oud@example.nl"' in form and "checked" in form
    # The one-click button of a route page opened before the change posts no contact fields: it still works.
    assert "/intake/route/" in result
    response = client.post(contact_url(intake))
    support_request = SupportRequest.objects.get()
    assert response["Location"] == reverse("journeys:intake-confirmation", args=[support_request.reference])
    assert support_request.intake.contact_name == "Oud Contact"


def test_the_old_one_click_button_without_contact_answers_leads_to_the_form(client, submitted):
    response = client.post(contact_url(submitted))
    assert response["Location"] == contact_url(submitted)
    assert not SupportRequest.objects.exists()


def test_a_resume_link_from_before_the_change_goes_to_the_first_open_question(client, geo):
    answers = {key: LEGACY_ANSWERS[key] for key in (
        "company_name", "kvk_number", "postcode", "company_size", "municipality_code", "sectors",
        "self_assessment", "practice", "help_wanted")}
    intake = Intake.objects.create(answers=answers, current_step="waar-staat-u")
    resume(client, intake)
    response = client.get(reverse("journeys:intake-start"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("journeys:intake-step", args=["onderwerp"])
    assert "Stap 6 van 10" in response.content.decode()
