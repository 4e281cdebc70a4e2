"""Cohort figures against a hand-computed fixture (issue 20, item 4)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from journeys.insights import cohorts
from journeys.models import Reassessment, RequestOutcome, SupportRequest
from tests.factories.catalogue import HubFactory, SchemeFactory, UserFactory
from tests.factories.journeys import SupportRequestFactory

from .test_dashboard_view import table_of

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _request(hub, start: datetime, stage: str = "starter", **kwargs):
    support_request = SupportRequestFactory(hub=hub, stage=stage, **kwargs)
    SupportRequest.objects.filter(pk=support_request.pk).update(created_at=start)
    support_request.refresh_from_db()
    return support_request


def _answer(request, *, after_days: int, stage: str, number: int = 1):
    answer = Reassessment.objects.create(support_request=request, number=number, stage=stage,
                                         self_assessment="investigating")
    Reassessment.objects.filter(pk=answer.pk).update(answered_at=request.created_at + timedelta(days=after_days))


@pytest.fixture
def fixture():
    """Hub Utrecht, Q1 2026: 7 starters. 5 answered 'peloton' after 150 days (within 6 months), 1 after 300 days
    (within 12), 1 never. Hub Utrecht Q2 2026: 2 requests (a small cohort). Hub Groningen Q1: 5, none moved."""
    utrecht, groningen = HubFactory(name="Utrecht"), HubFactory(name="Groningen")
    q1 = datetime(2026, 1, 10, 12, tzinfo=AMS)
    starters = [_request(utrecht, q1 + timedelta(days=n)) for n in range(7)]
    for request in starters[:5]:
        _answer(request, after_days=150, stage="peloton")
    _answer(starters[5], after_days=300, stage="peloton")
    for n in range(2):
        _request(utrecht, datetime(2026, 4, 2, 9, tzinfo=AMS) + timedelta(days=n))
    groningen_requests = [_request(groningen, q1 + timedelta(days=n), stage="peloton") for n in range(5)]
    _answer(groningen_requests[0], after_days=100, stage="peloton")  # the same stage is not a move
    ckp = SchemeFactory(name="CKP", slug="ckp")
    for request in starters[:6]:
        RequestOutcome.objects.create(support_request=request, result="applied", scheme=ckp)
    for request in starters[:5]:
        RequestOutcome.objects.create(support_request=request, result="awarded", scheme=ckp, amount_eur=20000)
    SupportRequest.objects.filter(pk__in=[r.pk for r in starters[:5]]).update(survey_helped=True, survey_rating=4)
    SupportRequest.objects.filter(pk=starters[0].pk).update(survey_rating=5)
    return utrecht, groningen


def _table(figure):
    return {row.label: [str(cell) for cell in row.cells] for row in figure.rows}


def test_stage_moves_per_hub_and_start_quarter(fixture):
    assert _table(cohorts.stage_moves(hub_ids=None)) == {
        "Groningen · 2026-Q1": ["5", "0", "0"],
        "Utrecht · 2026-Q1": ["7", "5", "6"],
        "Utrecht · 2026-Q2": ["< 5", "0", "0"],
    }


def test_outcomes_per_scheme_and_survey_next_to_them(fixture):
    assert _table(cohorts.outcomes_by_scheme(hub_ids=None)) == {"CKP": ["0", "6", "5"]}
    # Applied: 6 requests, 5 of them said "helped" with ratings 5,4,4,4,4 (average 4,2); awarded: the same 5.
    assert _table(cohorts.survey_by_outcome(hub_ids=None)) == {
        "Aangevraagd": ["6", "5", "0", "4,2"],
        "Toegekend": ["5", "5", "0", "4,2"],
    }


def test_hub_staff_see_their_hubs_only_and_get_a_csv_per_figure(client, fixture):
    utrecht, _groningen = fixture
    user = UserFactory()
    utrecht.staff.add(user)
    client.force_login(user)

    page = client.get(reverse("journeys:insights-cohorts")).content.decode()
    csv = client.get(reverse("journeys:insights-cohorts"), {"format": "csv", "figure": "cohort_stage_moves"})

    assert "Utrecht · 2026-Q1" in page and "Groningen" not in page
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[1:] == ["2026-Q1;Utrecht · 2026-Q1;7;5;6", "2026-Q2;Utrecht · 2026-Q2;<5;0;0"]
    assert client.get(reverse("journeys:insights-cohorts"), {"format": "csv", "figure": "nope"}).status_code == 404


def test_barriers_resolved_and_remaining_from_the_newest_answer():
    hub = HubFactory()
    start = datetime(2026, 1, 10, 12, tzinfo=AMS)
    for n in range(6):
        request = _request(hub, start + timedelta(days=n))
        Reassessment.objects.create(support_request=request, number=1, stage="starter", self_assessment="orienting",
                                    barriers_then=["financing", "knowledge"], barriers_resolved=[])
        if n < 5:  # a year later five of them solved the financing; the sixth answered only once
            Reassessment.objects.create(support_request=request, number=2, stage="peloton",
                                        self_assessment="investigating", barriers_then=["financing", "knowledge"],
                                        barriers_resolved=["financing"])

    assert _table(cohorts.barriers_resolved(hub_ids=None)) == {
        "De financiering lukt niet": ["6", "5", "< 5"],
        "Te weinig kennis": ["6", "0", "6"],
    }


def test_the_cohort_page_counts_only_requests_that_started_in_the_chosen_quarters(client, admin_user, fixture):
    client.force_login(admin_user)
    url = reverse("journeys:insights-cohorts")

    page = client.get(url, {"start_from": "2026-Q2", "start_to": "2026-Q2"}).content.decode()
    csv = client.get(url, {"start_from": "2026-Q1", "start_to": "2026-Q1", "format": "csv",
                           "figure": "cohort_outcomes_by_scheme"})

    assert "Utrecht · 2026-Q2" in page and "Utrecht · 2026-Q1" not in page and "Groningen" not in page
    assert 'value="2026-Q2" selected' in page  # the choice stays on the form
    # The CSV link on the page carries the period, and the CSV counts the Q1 cohort's outcomes only.
    assert "start_from=2026-Q2&amp;start_to=2026-Q2&amp;format=csv&amp;figure=cohort_stage_moves" in page
    assert csv.content.decode("utf-8-sig").splitlines()[1:] == ["ckp;CKP;0;6;5"]
    q2_only = client.get(url, {"start_from": "2026-Q2", "format": "csv", "figure": "cohort_outcomes_by_scheme"})
    assert q2_only.content.decode("utf-8-sig").splitlines()[1:] == []


def test_a_period_that_ends_before_it_starts_is_explained_at_the_field(client, admin_user, fixture):
    client.force_login(admin_user)

    response = client.get(reverse("journeys:insights-cohorts"), {"start_from": "2026-Q2", "start_to": "2026-Q1"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Kies een kwartaal op of na het eerste kwartaal" in html
    assert 'href="#id_start_to"' in html and 'aria-invalid="true"' in html
    assert "Utrecht · 2026-Q1" not in html  # no figures for a period that does not exist
    assert client.get(reverse("journeys:insights-cohorts"), {"start_from": "1999-Q1"}).status_code == 200


def test_the_yearly_barrier_report_shows_what_was_solved_by_the_answers_of_that_year(client, admin_user):
    hub = HubFactory()
    for n in range(6):
        request = _request(hub, datetime(2025, 3, 1, 12, tzinfo=AMS) + timedelta(days=n))
        answer = Reassessment.objects.create(
            support_request=request, number=1, stage="peloton", self_assessment="investigating",
            barriers_then=["financing", "knowledge"], barriers_resolved=["financing"] if n < 5 else [])
        answered = datetime(2026, 2, 1, 12, tzinfo=AMS) if n else datetime(2025, 11, 1, 12, tzinfo=AMS)
        Reassessment.objects.filter(pk=answer.pk).update(answered_at=answered)
    client.force_login(admin_user)

    def resolved(year):
        html = client.get(reverse("journeys:insights-barrier-report", args=[year])).content.decode()
        return {row[0]: row[1:] for row in table_of(html, "barriers_resolved")[1:]}

    # 2026: five answers, four of which solved the financing; 2025: one answer, which did.
    assert resolved(2026) == {"De financiering lukt niet": ["5", "< 5", "< 5"], "Te weinig kennis": ["5", "0", "5"]}
    assert resolved(2025) == {"De financiering lukt niet": ["< 5", "< 5", "0"], "Te weinig kennis": ["< 5", "0", "< 5"]}
    csv = client.get(reverse("journeys:insights-barrier-report", args=[2026]),
                     {"format": "csv", "figure": "barriers_resolved"})
    assert csv.status_code == 200 and "Te weinig kennis" in csv.content.decode("utf-8-sig")
