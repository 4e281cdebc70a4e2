"""The questionnaire pages: steps with their own URLs, progress, back links and answers that stay."""

import pytest
from django.urls import reverse

from journeys.models import Intake
from tests.journeys.intake.helpers import STEP_POSTS, complete_intake, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def step_url(slug):
    return reverse("journeys:intake-step", args=[slug])


def test_it_starts_at_the_company_step(client):
    response = client.get(reverse("journeys:intake-start"))
    assert response.status_code == 302
    assert response["Location"] == step_url("bedrijf")


def test_it_shows_progress_and_a_back_link(client, geo):
    response = client.get(step_url("bedrijf"))
    body = response.content.decode()
    assert "Stap 1 van 7" in body
    assert 'type="radio"' in body and "<select" not in body
    client.post(step_url("bedrijf"), STEP_POSTS["bedrijf"])
    body = client.get(step_url("sector")).content.decode()
    assert "Stap 2 van 7" in body
    assert f'href="{step_url("bedrijf")}"' in body


def test_it_creates_no_draft_until_the_first_answer(client):
    client.get(step_url("bedrijf"))
    assert not Intake.objects.exists()


def test_it_keeps_answers_when_going_back(client, geo):
    client.post(step_url("bedrijf"), STEP_POSTS["bedrijf"])
    body = client.get(step_url("bedrijf")).content.decode()
    assert 'value="Houtwerk B.V."' in body
    assert 'value="3511 AB"' in body
    intake = Intake.objects.get()
    assert intake.answers["municipality_code"] == "GM0344"
    assert intake.submitted_at is None


def test_it_sends_later_steps_back_to_the_start_without_a_draft(client):
    response = client.get(step_url("contact"))
    assert response["Location"] == step_url("bedrijf")


def test_it_skips_the_chain_and_regulation_steps_when_they_do_not_apply(client, geo):
    complete_intake(client, {"onderwerp": {"themes": ["knowledge"]},
                             "bedrijfsonderdeel": {"business_areas": ["unknown"]}})
    answers = Intake.objects.get().answers
    assert "chain_partners" not in answers
    assert "mra_problem" not in answers
    response = client.get(step_url("keten"))
    assert response["Location"] == step_url("contact")


def test_it_asks_regulation_questions_when_the_question_is_about_rules(client, geo):
    complete_intake(client, {"onderwerp": {"themes": ["regulation"]}, "regelgeving": {
        "mra_activity": "Wij maken tafels van oud hout.", "mra_problem": "Het hout heeft de afvalstatus."}})
    answers = Intake.objects.get().answers
    assert answers["mra_problem"] == "Het hout heeft de afvalstatus."


def test_it_lists_every_answer_with_change_links_on_the_check_page(client, geo):
    complete_intake(client)
    body = client.get(reverse("journeys:intake-check")).content.decode()
    assert "Controleer uw antwoorden" in body
    assert "Houtwerk B.V." in body and "Utrecht" in body
    assert body.count("Wijzig") >= 20
    assert f'{step_url("keten")}?terug=controleren' in body


def test_it_returns_to_the_check_page_after_a_change(client, geo):
    complete_intake(client)
    response = client.post(step_url("sector") + "?terug=controleren", {"sectors": ["textiles"]})
    assert response["Location"] == reverse("journeys:intake-check")
    assert Intake.objects.get().answers["sectors"] == ["textiles"]


def test_it_swaps_only_the_step_for_htmx(client, geo):
    response = client.post(step_url("bedrijf"), STEP_POSTS["bedrijf"], HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url("sector")
    assert "<html" not in body and 'id="intake-step"' in body and "In welke sector" in body


def test_it_shows_errors_in_the_htmx_fragment(client, geo):
    response = client.post(step_url("bedrijf"), {"company_name": ""}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Er is een probleem" in body and "<html" not in body
