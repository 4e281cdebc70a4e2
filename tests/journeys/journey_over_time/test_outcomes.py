"""What came of a request: recorded by its hub's staff once it is closed; self-reported values labelled so."""

from decimal import Decimal

import pytest
from django.urls import reverse

from journeys.models import JourneyResult, RequestOutcome, RequestStatus
from tests.factories.catalogue import SchemeFactory
from tests.journeys.triage.conftest import cast  # noqa: F401 (the access-matrix cast)

pytestmark = pytest.mark.django_db


def _close(request):
    request.status = RequestStatus.CLOSED
    request.outcome = "scheme_referral"
    request.save()
    return request


def _url(request):
    return reverse("journeys:request-outcome", args=[request.reference])


def test_hub_staff_record_an_award_with_amount_and_self_reported_values(client, cast):  # noqa: F811
    scheme = SchemeFactory(name="Circulaire Ketenprojecten")
    _close(cast.request_a)
    client.force_login(cast.staff_a)

    response = client.post(_url(cast.request_a), {
        "result": "awarded", "scheme": scheme.pk, "amount_eur": "20000", "tonnes_saved": "12,5",
        "circular_revenue_eur": "50000",
    })

    assert response.status_code == 302
    outcome = RequestOutcome.objects.get()
    assert (outcome.result, outcome.scheme, outcome.amount_eur) == (JourneyResult.AWARDED, scheme, 20000)
    assert (outcome.tonnes_saved, outcome.circular_revenue_eur) == (Decimal("12.5"), 50000)
    assert (outcome.source, outcome.recorded_by) == ("staff", cast.staff_a)
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()
    section = page.split('id="outcomes-title"')[1].split("<details")[0]  # the list, not the form
    assert "Toegekend" in section and "Circulaire Ketenprojecten" in section and "€ 20.000" in section
    assert section.count("zelf opgegeven") == 2  # every self-reported value carries the label


def test_a_referral_to_a_partner_and_no_follow_up_need_no_amount(client, cast):  # noqa: F811
    _close(cast.request_a)
    client.force_login(cast.staff_a)

    client.post(_url(cast.request_a), {"result": "referred", "partner": "Invest-NL"})
    client.post(_url(cast.request_a), {"result": "no_follow_up"})

    assert list(RequestOutcome.objects.order_by("id").values_list("result", "partner", "amount_eur")) == [
        ("referred", "Invest-NL", None), ("no_follow_up", "", None)]


def test_it_explains_what_is_wrong_and_keeps_nothing(client, cast):  # noqa: F811
    _close(cast.request_a)
    client.force_login(cast.staff_a)

    response = client.post(_url(cast.request_a), {"result": "applied", "amount_eur": "500"})
    missing = client.post(_url(cast.request_a), {})

    assert response.status_code == 200
    assert "Een bedrag hoort alleen bij" in response.content.decode()
    assert "Kies wat eruit kwam." in missing.content.decode()
    assert not RequestOutcome.objects.exists()


@pytest.mark.parametrize("actor", ["anonymous", "staff_b", "admin"])
def test_only_the_requests_hub_may_record_it(client, cast, actor):  # noqa: F811
    _close(cast.request_a)
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))

    response = client.post(_url(cast.request_a), {"result": "no_follow_up"})

    assert response.status_code == (302 if actor == "anonymous" else 404)
    assert not RequestOutcome.objects.exists()


def test_an_open_request_has_no_outcome_form(client, cast):  # noqa: F811
    client.force_login(cast.staff_a)

    assert client.get(_url(cast.request_a)).status_code == 404
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()
    assert 'id="outcomes-title"' not in page
