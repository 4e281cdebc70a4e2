"""Validation messages: Dutch, tied to the field, keeping what was typed, never a server error."""

import pytest
from django.urls import reverse

from journeys.models import Intake
from tests.journeys.intake.helpers import STEP_POSTS, complete_intake, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
COMPANY = reverse("journeys:intake-step", args=["bedrijf"])


def post_company(client, **changes):
    return client.post(COMPANY, {**STEP_POSTS["bedrijf"], **changes})


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"postcode": "123 AB"}, "postcode", "Vul een postcode in zoals 1234 AB"),
    ({"postcode": "0123 AB"}, "postcode", "Vul een postcode in zoals 1234 AB"),
    ({"postcode": ""}, "postcode", "Vul de postcode van uw bedrijf in, zoals 1234 AB"),
    ({"kvk_number": "1234567"}, "kvk_number", "Een KvK-nummer heeft 8 cijfers, zoals 12345678"),
    ({"kvk_number": "1234567a"}, "kvk_number", "Een KvK-nummer heeft 8 cijfers, zoals 12345678"),
    ({"company_name": "x" * 201}, "company_name", "Gebruik maximaal 200 tekens"),
    ({"company_name": ""}, "company_name", "Vul de naam van uw bedrijf in"),
    ({"company_size": "huge"}, "company_size", "Kies hoe groot uw bedrijf is"),
])
def test_it_explains_company_errors_beside_the_field_and_in_the_summary(client, geo, changes, field, message):
    response = post_company(client, **changes)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in body
    assert f'href="#id_{field}"' in body
    assert body.count(message) == 2  # in the summary and beside the field
    assert f'id="id_{field}_error"' in body
    assert not Intake.objects.exists()


def test_it_keeps_what_was_typed(client, geo):
    body = post_company(client, postcode="12 AB", company_name="Mijn <b>zaak</b>").content.decode()
    assert 'value="12 AB"' in body
    assert 'value="Mijn &lt;b&gt;zaak&lt;/b&gt;"' in body


def test_it_accepts_a_kvk_number_with_spaces_and_normalises_the_postcode(client, geo):
    post_company(client, kvk_number="1234 5678", postcode="3511ab")
    answers = Intake.objects.get().answers
    assert answers["kvk_number"] == "12345678"
    assert answers["postcode"] == "3511 AB"


def test_it_asks_which_municipality_when_a_pc4_lies_in_two(client, geo):
    body = post_company(client, postcode="4100 AA").content.decode()
    assert "Deze postcode ligt in twee gemeenten" in body
    assert 'value="GM0214"' in body and 'value="GM0216"' in body
    assert "<select" not in body  # two options: radio buttons
    response = post_company(client, postcode="4100 AA", municipality_code="GM0214")
    assert response.status_code == 302
    assert Intake.objects.get().answers["municipality_code"] == "GM0214"


def test_it_refuses_a_municipality_outside_the_pc4(client, geo):
    post_company(client, postcode="4100 AA")
    body = post_company(client, postcode="4100 AA", municipality_code="GM0344").content.decode()
    assert "Kies in welke gemeente uw bedrijf zit" in body


def test_it_offers_the_municipality_list_for_an_unknown_postcode(client, geo):
    body = post_company(client, postcode="9999 ZZ").content.decode()
    assert "Wij kennen postcode 9999 niet" in body
    assert 'value="GM0344"' in body
    response = post_company(client, postcode="9999 ZZ", municipality_code="GM0344")
    assert response.status_code == 302
    assert Intake.objects.get().answers["municipality_code"] == "GM0344"


def test_it_drops_the_municipality_question_when_the_postcode_is_corrected(client, geo):
    post_company(client, postcode="9999 ZZ")
    response = post_company(client, postcode="3511 AB", municipality_code="GM0216")
    assert response.status_code == 302
    assert Intake.objects.get().answers["municipality_code"] == "GM0344"


# The contact form's messages: test_intake_contact.py.


def test_it_refuses_unknown_together_with_other_answers(client, geo):
    complete_intake(client)
    url = reverse("journeys:intake-step", args=["bedrijfsonderdeel"])
    body = client.post(url, {"business_areas": ["unknown", "reuse"]}).content.decode()
    assert "Kies &#x27;Ik weet het niet&#x27; of andere antwoorden, niet allebei" in body


@pytest.mark.parametrize(("slug", "data"), [
    ("keten", {"chain_partners": "-1"}), ("keten", {"chain_partners": "drie"}), ("keten", {"chain_partners": "9" * 40}),
    ("keten-rollen", {"chain_roles": ["<script>"]}), ("keten-afspraken", {"chain_director": "maybe"}),
])
def test_it_never_fails_on_hostile_chain_input(client, geo, slug, data):
    complete_intake(client)
    response = client.post(reverse("journeys:intake-step", args=[slug]), data)
    assert response.status_code == 200
    assert "Er is een probleem" in response.content.decode()


def test_it_returns_404_for_an_unknown_step(client):
    assert client.get("/intake/bestaat-niet/").status_code == 404


def test_it_saves_valid_answers_when_saving_a_half_filled_page(client, geo):
    response = client.post(COMPANY, {"company_name": "Half B.V.", "postcode": "fout", "action": "save"})
    assert response["Location"] == reverse("journeys:intake-save")
    answers = Intake.objects.get().answers
    assert answers["company_name"] == "Half B.V."
    assert "postcode" not in answers
