""""Waar staat u nu?" with a frozen clock: FOLLOWUP_REASSESS_MONTHS after closing, yearly while agreed."""

import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from journeys.followups import dispatch, services
from journeys.journey_over_time import reassessment
from journeys.models import FollowUp, FollowUpKind, Reassessment, RequestOutcome, RequestStatus
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
CLOSED = datetime(2026, 1, 15, 10, 0, tzinfo=AMS)


def _closed_request(**intake):
    return SupportRequestFactory(status=RequestStatus.CLOSED, closed_at=CLOSED, outcome="helped",
                                 intake__followup_opt_in=True, intake__email="ik@example.nl", **intake)


def _scan_and_send(when: str) -> list:
    with time_machine.travel(when, tick=False):
        reassessment.scan_reassessments()
        mail.outbox.clear()
        dispatch.dispatch_due()
        return list(mail.outbox)


def _answer(client, message, keep_asking: str, when: str = "2026-07-16 12:00:00+02:00", **extra):
    """Answer from the e-mail's link on ``when`` (the link works for 90 days)."""
    link = re.search(r"https?://\S+/waar-staat-u-nu/\S+/", message.body).group(0)
    with time_machine.travel(when, tick=False):
        response = client.post(urlsplit(link).path, {"self_assessment": "investigating", "keep_asking": keep_asking,
                                                 "what_did": "Een haalbaarheidsstudie", **extra})
    assert response.status_code == 200
    return response


def test_it_asks_after_six_months_then_yearly_until_the_answer_is_no(client):
    support_request = _closed_request()

    assert _scan_and_send("2026-07-14 12:00:00+02:00") == []  # one day short of six months
    (first,) = _scan_and_send("2026-07-15 12:00:00+02:00")
    assert first.subject == f"Waar staat u nu? ({support_request.reference})"
    assert _scan_and_send("2026-07-16 12:00:00+02:00") == []  # asked once
    _answer(client, first, "ja", result="awarded", amount_eur="20000", tonnes_saved="3,5")

    assert _scan_and_send("2027-07-14 12:00:00+02:00") == []
    (second,) = _scan_and_send("2027-07-15 12:00:00+02:00")  # a year later
    _answer(client, second, "nee", when="2027-07-20 12:00:00+02:00")

    assert _scan_and_send("2028-07-15 12:00:00+02:00") == []  # "no more": no third ask
    answers = list(Reassessment.objects.values_list("number", "stage", "keep_asking"))
    assert answers == [(1, "peloton", True), (2, "peloton", False)]
    outcome = RequestOutcome.objects.get()
    assert (outcome.source, outcome.result, outcome.amount_eur, str(outcome.tonnes_saved)) == (
        "entrepreneur", "awarded", 20000, "3.5")
    keys = list(FollowUp.objects.filter(kind=FollowUpKind.REASSESSMENT).values_list("idempotency_key", flat=True))
    assert keys == [f"reassess:{support_request.pk}:1", f"reassess:{support_request.pk}:2"]


def test_the_months_come_from_the_setting(settings):
    settings.FOLLOWUP_REASSESS_MONTHS = 3
    _closed_request()

    assert len(_scan_and_send("2026-04-15 12:00:00+02:00")) == 1


def test_no_ask_without_follow_up_consent_or_after_unsubscribing():
    SupportRequestFactory(status=RequestStatus.CLOSED, closed_at=CLOSED, intake__followup_opt_in=False,
                          intake__email="nee@example.nl")
    _closed_request()
    services.email_unsubscribe(email="ik@example.nl")

    assert _scan_and_send("2026-08-01 12:00:00+02:00") == []


def test_a_link_answers_once_and_a_forged_link_does_not_work(client):
    _closed_request()
    (message,) = _scan_and_send("2026-07-15 12:00:00+02:00")
    _answer(client, message, "ja")

    again = _answer(client, message, "ja")

    assert "U heeft deze vragen al beantwoord" in again.content.decode()
    assert Reassessment.objects.count() == 1
    assert client.get("/waar-staat-u-nu/verzonnen/").status_code == 404


def test_it_asks_which_of_the_intakes_barriers_are_solved(client):
    support_request = _closed_request()
    support_request.intake.tags.create(dimension="barrier", code="financing")
    support_request.intake.tags.create(dimension="barrier", code="find_partners")
    (message,) = _scan_and_send("2026-07-15 12:00:00+02:00")

    _answer(client, message, "ja", barriers_resolved=["financing"])

    answer = Reassessment.objects.get()
    assert (answer.barriers_then, answer.barriers_resolved) == (["find_partners", "financing"], ["financing"])


def test_the_form_says_what_is_missing(client):
    _closed_request()
    (message,) = _scan_and_send("2026-07-15 12:00:00+02:00")
    link = re.search(r"https?://\S+/waar-staat-u-nu/\S+/", message.body).group(0)

    with time_machine.travel("2026-07-16 12:00:00+02:00", tick=False):
        page = client.post(urlsplit(link).path, {}).content.decode()

    assert "Kies de zin die nu het best bij u past" in page and "Kies ja of nee" in page
    assert not Reassessment.objects.exists()


def test_the_answer_names_a_scheme_from_the_route_so_it_counts_for_that_scheme(client):
    from journeys.insights import cohorts
    from tests.factories.catalogue import SchemeFactory

    ckp, other = SchemeFactory(name="Circulaire Ketenprojecten"), SchemeFactory(name="Niet in de route")
    support_request = _closed_request(intake__matches=[{"scheme_id": ckp.pk, "slug": ckp.slug, "name": ckp.name}])
    (message,) = _scan_and_send("2026-07-15 12:00:00+02:00")
    link = urlsplit(re.search(r"https?://\S+/waar-staat-u-nu/\S+/", message.body).group(0)).path
    with time_machine.travel("2026-07-16 12:00:00+02:00", tick=False):
        form_page = client.get(link).content.decode()
        refused = client.post(link, {"self_assessment": "investigating", "keep_asking": "ja", "result": "applied",
                                     "scheme": str(other.pk)}).content.decode()

    assert "Circulaire Ketenprojecten" in form_page and "Niet in de route" not in form_page
    assert "Kies een regeling uit de lijst" in refused and not RequestOutcome.objects.exists()
    _answer(client, message, "ja", result="applied", scheme=str(ckp.pk))
    outcome = RequestOutcome.objects.get()
    assert (outcome.source, outcome.result, outcome.scheme) == ("entrepreneur", "applied", ckp)
    assert outcome.support_request == support_request
    table = {row.label: [str(cell) for cell in row.cells] for row in cohorts.outcomes_by_scheme(hub_ids=None).rows}
    assert table == {"Circulaire Ketenprojecten": ["0", "< 5", "0"]}
