"""The questionnaire pages: one topic per page, the heading is the question, a step count that never jumps."""

import pytest
from django.urls import reverse

from journeys.intake import questions as q
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
    assert "Stap 1 van 10" in body
    assert 'type="radio"' in body and "<select" not in body
    client.post(step_url("bedrijf"), STEP_POSTS["bedrijf"])
    body = client.get(step_url("sector")).content.decode()
    assert "Stap 2 van 10" in body
    assert f'href="{step_url("bedrijf")}"' in body


@pytest.mark.parametrize("overrides", [
    {"onderwerp": {"themes": ["knowledge"]}, "bedrijfsonderdeel": {"business_areas": ["unknown"]}},  # no extras
    {},  # the chain part
    {"onderwerp": {"themes": ["chain", "regulation"]},
     "regelgeving": {"mra_activity": "Meubels.", "mra_problem": "Afvalstatus."}},  # chain and regulation
])
def test_the_step_count_never_changes_on_the_way(client, geo, overrides):
    complete_intake(client, overrides)
    answers = Intake.objects.get().answers
    seen = []
    for step in q.applicable_steps(answers):
        body = client.get(step_url(step.slug)).content.decode()
        progress = body.split('<p class="progress">', 1)[1].split("</p>", 1)[0]
        seen.append(progress)
    main = [p for p in seen if p.startswith("Stap ")]
    assert main == [f"Stap {n} van 10" for n in range(1, 11)]
    extras = [p for p in seen if p.startswith("Extra stap")]
    chain = [p for p in extras if p.endswith("Samenwerken in de keten")]
    assert chain in ([], [f"Extra stap {n} van 5: Samenwerken in de keten" for n in range(1, 6)])
    assert len(seen) == len(main) + len(extras)


def test_the_main_steps_come_first_and_are_asked_of_everyone():
    kinds = [step.is_extra for step in q.STEPS]
    assert kinds == sorted(kinds)  # every extra part after every main step, so its count is settled
    assert len(q.MAIN_STEPS) == 10


def test_no_page_asks_more_than_five_questions_and_each_has_one_section():
    for step in q.STEPS:
        assert len(step.questions) <= 5, step.slug
    assert "contact" not in q.STEPS_BY_SLUG  # the contact form belongs to the contact request


def test_a_page_with_one_question_has_that_question_as_its_heading(client, geo):
    client.post(step_url("bedrijf"), STEP_POSTS["bedrijf"])
    body = client.get(step_url("sector")).content.decode()
    assert body.count("<h1") == 1
    assert '<legend id="id_sectors_legend" class="legend--heading"><h1 tabindex="-1" data-focus-after-swap>' \
           "In welke sector werkt u?</h1></legend>" in body


def test_it_explains_jargon_in_a_disclosure(client, geo):
    complete_intake(client)
    for slug, word, explanation in [
        ("hulp", "voucher", "Een voucher is een tegoedbon"),
        ("hulp", "haalbaarheidsonderzoek", "In een haalbaarheidsonderzoek zoekt u uit"),
        ("onderwerp", "IMVO", "IMVO is internationaal maatschappelijk verantwoord ondernemen"),
        ("materialen", "nutriënten", "Nutriënten zijn voedingsstoffen"),
        ("belemmeringen", "mededingingsrecht", "Het mededingingsrecht verbiedt"),
        ("belemmeringen", "afvalstatus", "De afvalstatus zegt of een materiaal"),
        ("keten-afspraken", "letter of commitment", "Een letter of commitment is een getekende intentieverklaring"),
    ]:
        body = client.get(step_url(slug)).content.decode()
        assert f"<summary>Wat betekent {word}?</summary>" in body, (slug, word)
        assert explanation in body, (slug, word)


def test_it_shows_the_barriers_in_small_groups(client, geo):
    complete_intake(client)
    body = client.get(step_url("belemmeringen")).content.decode()
    assert body.count('<fieldset class="choice-group">') == 4
    for group in ("Samenwerken met partners", "Geld", "Kennis, tijd en gegevens", "Regels"):
        assert f"<legend>{group}</legend>" in body
    assert body.count('type="checkbox"') == 12
    grouped = {code for _label, codes in q.BARRIER_GROUPS for code in codes}
    assert grouped == {code for code, _label in q.QUESTIONS["barriers"].choices}  # no option left out


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
    response = client.get(step_url("onderwerp"))
    assert response["Location"] == step_url("bedrijf")


def test_the_old_contact_step_is_gone(client, geo):
    complete_intake(client)
    assert client.get(step_url("contact")).status_code == 404


def test_it_skips_the_chain_and_regulation_steps_when_they_do_not_apply(client, geo):
    complete_intake(client, {"onderwerp": {"themes": ["knowledge"]},
                             "bedrijfsonderdeel": {"business_areas": ["unknown"]}})
    answers = Intake.objects.get().answers
    assert "chain_partners" not in answers
    assert "mra_problem" not in answers
    response = client.get(step_url("keten-rollen"))
    assert response["Location"] == reverse("journeys:intake-check")


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
    assert f'{step_url("keten-afspraken")}?terug=controleren' in body
    for section in ("Uw bedrijf", "Waar u staat", "Uw vraag", "Samenwerken in de keten"):
        assert f"<h2>{section}</h2>" in body
    assert "Uw contactgegevens" not in body
    assert f'class="back-link no-print" href="{step_url("keten-complexiteit")}"' in body


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
