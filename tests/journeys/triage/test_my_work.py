"""'Mijn werk' (/medewerkers/): my open requests, what is (nearly) late, what nobody has, what was sent to us."""

from datetime import timedelta

import pytest
from django.utils import timezone

from journeys.models.requests import RequestHubTrace
from journeys.triage.my_work import my_work
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _refs(work, key):
    return [r.reference for r in work[key].rows]


def test_it_sorts_each_request_into_the_right_lists(cast):
    now = timezone.now()
    mine = SupportRequestFactory(hub=cast.hub_a, assigned_to=cast.staff_a, intake__company_name="Mijn B.V.")
    late = SupportRequestFactory(hub=cast.hub_a, overdue=True, assigned_to=cast.colleague_a)
    soon = SupportRequestFactory(hub=cast.hub_a, almost_overdue=True)
    answered_late = SupportRequestFactory(hub=cast.hub_a, overdue=True, first_response_at=now)
    closed = SupportRequestFactory(hub=cast.hub_a, closed=True, assigned_to=cast.staff_a)
    elsewhere = SupportRequestFactory(hub=cast.hub_b, overdue=True)
    sent_to_us = SupportRequestFactory(hub=cast.hub_a, assigned_to=cast.colleague_a)
    RequestHubTrace.objects.create(request=sent_to_us, hub=cast.hub_b, referred_to=cast.hub_a,
                                   reason="Hoort bij Utrecht", left_at=now - timedelta(days=2))
    long_ago = SupportRequestFactory(hub=cast.hub_a, assigned_to=cast.colleague_a)
    RequestHubTrace.objects.create(request=long_ago, hub=cast.hub_b, referred_to=cast.hub_a,
                                   reason="Oud", left_at=now - timedelta(days=40))

    work = my_work(user=cast.staff_a, now=now)

    assert _refs(work, "mine") == [mine.reference]  # closed ones are done
    assert _refs(work, "due") == [late.reference, soon.reference]  # soonest first; answered ones are not due
    assert set(_refs(work, "unassigned")) == {cast.request_a.reference, soon.reference, answered_late.reference}
    assert _refs(work, "referred") == [sent_to_us.reference]
    assert work["due"].count == 2
    everything = {ref for key in work for ref in _refs(work, key)}
    assert elsewhere.reference not in everything and closed.reference not in everything


def test_it_caps_a_list_but_counts_everything(cast):
    for _ in range(12):
        SupportRequestFactory(hub=cast.hub_a)

    work = my_work(user=cast.staff_a)

    assert work["unassigned"].count == 13  # with the cast's own request
    assert len(work["unassigned"].rows) == 10


def test_the_page_shows_counts_in_the_headings_and_links_each_request(client, cast):
    SupportRequestFactory(hub=cast.hub_a, overdue=True, assigned_to=cast.staff_a, intake__company_name="Late Lampen")
    client.force_login(cast.staff_a)

    page = client.get("/medewerkers/").content.decode()

    assert "Aan mij toegewezen: 1 open hulpvraag" in page
    assert "Te laat of binnen twee werkdagen: 1 hulpvraag" in page
    assert "Nog niet toegewezen: 1 hulpvraag" in page
    assert "Onlangs naar ons doorgestuurd: 0 hulpvragen" in page
    assert 'href="/medewerkers/hulpvragen/' in page and "Late Lampen" in page
    assert "Te laat" in page
    assert "Noordelijk" not in page


def test_someone_without_a_hub_sees_no_lists(client, cast):
    client.force_login(cast.admin)

    page = client.get("/medewerkers/").content.decode()

    assert "Aan mij toegewezen" not in page
    assert "Catalogus beheren" in page
