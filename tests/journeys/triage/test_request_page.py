import pytest
from django.urls import reverse

from journeys.models.requests import RequestEvent, RequestStatus
from tests.factories.catalogue import SchemeFactory
from tests.factories.journeys import IntakeFactory, RequestEventFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def _url(request, action=None):
    if action:
        return reverse("journeys:request-action", args=[request.reference, action])
    return reverse("journeys:request-detail", args=[request.reference])


MATCH = {
    "scheme_id": None, "slug": "circo", "name": "CIRCO-workshop", "kind": "workshop", "url": "",
    "fit": [{"code": "themes", "status": "met", "params": {"codes": ["financing"]}}],
    "criteria": [{"code": "requirement", "status": "not_met", "params": {"requirement": "chain_director"}}],
    "availability": {"status": "continuous"},
}


def test_it_shows_the_intake_reasoning_and_timeline(client, cast):
    intake = IntakeFactory(
        company_name="Houtkringloop B.V.",
        answers={"company_name": "Houtkringloop B.V.", "kvk_number": "12345678", "themes": ["financing"]},
        stage_reasons=[{"code": "self_circular", "params": {}}],
        matches=[MATCH],
        routing={"reason": "Postcode 3511 valt onder Loket Utrecht", "advice": ["scouting"]},
    )
    request = SupportRequestFactory(hub=cast.hub_a, intake=intake)
    RequestEventFactory(request=request, kind=RequestEvent.Kind.CREATED, text="")
    client.force_login(cast.staff_a)
    page = client.get(_url(request)).content.decode()
    for text in ("Houtkringloop B.V.", "12345678", "Financiering", "U zegt dat u al circulair werkt.",
                 "CIRCO-workshop", "Helpt bij uw vraag over: financiering.",
                 "U heeft een ketenregisseur of procesbegeleider nodig.",
                 "Postcode 3511 valt onder Loket Utrecht", "Het loket zoekt met u naar partners", "Aangemaakt"):
        assert text in page, text


def test_it_recomputes_matches_with_todays_catalogue_and_keeps_the_intake_snapshot(client, cast):
    SchemeFactory(name="Nieuwe Kennisregeling", themes=["financing"])
    intake = IntakeFactory(answers={"themes": ["financing"]}, matches=[MATCH])
    request = SupportRequestFactory(hub=cast.hub_a, intake=intake)
    client.force_login(cast.staff_a)
    response = client.post(_url(request, "herberekenen"), {}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Regelingen met de catalogus van vandaag" in body
    assert "Nieuwe Kennisregeling" in body
    request.intake.refresh_from_db()
    assert request.intake.matches == [MATCH]
    event = request.events.get(kind=RequestEvent.Kind.RECOMPUTED)
    assert event.actor == cast.staff_a
    assert [m["name"] for m in event.data["matches"]] == ["Nieuwe Kennisregeling"]


def test_it_changes_status_without_javascript_and_shows_it_on_the_timeline(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(_url(cast.request_a, "status"), {"status-version": 1, "status-status": "triage"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "De status is gewijzigd." in page
    assert "Van “Nieuw” naar “In behandeling genomen”" in page


def test_it_returns_only_the_workspace_to_htmx(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        _url(cast.request_a, "toewijzen"), {"assign-version": 1, "assign-assignee": cast.colleague_a.pk},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "De toewijzing is opgeslagen." in body
    assert "Aan Bram" in body or "Aan bram" in body


def test_it_shows_an_illegal_transition_in_the_error_summary(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(_url(cast.request_a, "status"), {"status-version": 1, "status-status": "closed"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is een probleem" in body
    assert '<a href="#id_status-outcome">Kies hoe de hulpvraag is afgelopen.</a>' in body
    cast.request_a.refresh_from_db()
    assert cast.request_a.status == RequestStatus.NEW


def test_it_refuses_a_stale_form_with_a_clear_message(client, cast):
    client.force_login(cast.staff_a)
    client.post(_url(cast.request_a, "toewijzen"), {"assign-version": 1, "assign-assignee": cast.staff_a.pk})
    # A colleague's page still shows version 1.
    client.force_login(cast.colleague_a)
    response = client.post(_url(cast.request_a, "status"), {"status-version": 1, "status-status": "triage"},
                           headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Iemand anders heeft deze hulpvraag net gewijzigd." in body
    assert 'name="status-version" value="2"' in body  # retrying now works on the new state
    cast.request_a.refresh_from_db()
    assert (cast.request_a.status, cast.request_a.version) == (RequestStatus.NEW, 2)


def test_it_keeps_what_was_typed_when_a_field_is_missing(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(_url(cast.request_a, "fase"), {"stage-version": 1, "stage-stage": "starter",
                                                           "stage-reason": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert '<a href="#id_stage-reason">Schrijf waarom u de fase aanpast.</a>' in body
    assert '<option value="starter" selected>' in body
    assert "<details class=\"action\" open>" in body
