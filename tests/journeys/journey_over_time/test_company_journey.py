"""The company journey: requests of the same company linked by KvK number, else by e-mail, else not at all."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journeys.journey_over_time.selectors import company_journey
from journeys.models import Reassessment
from tests.factories.catalogue import UserFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _request(days_ago: int, **intake):
    support_request = SupportRequestFactory(stage=intake.pop("stage", "starter"), **{
        f"intake__{key}": value for key, value in intake.items()})
    type(support_request).objects.filter(pk=support_request.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    support_request.refresh_from_db()
    return support_request


def test_same_kvk_number_links_even_with_another_address():
    first = _request(400, kvk_number="12345678", email="oud@example.nl")
    _request(100, kvk_number="87654321", email="oud@example.nl")  # another company with the same address
    now = _request(1, kvk_number="12345678", email="nieuw@example.nl", stage="peloton")

    journey = company_journey(support_request=now)

    assert journey["linked_by"] == "kvk"
    assert journey["requests"] == [first]
    assert (journey["stage_then"], journey["stage_now"]) == ("starter", "peloton")


def test_without_kvk_the_same_address_links_in_any_case():
    first = _request(400, kvk_number="", email="Info@Bedrijf.nl")
    now = _request(1, kvk_number="", email="info@bedrijf.nl")
    Reassessment.objects.create(support_request=first, number=1, self_assessment="circular", stage="frontrunner")

    journey = company_journey(support_request=now)

    assert journey["linked_by"] == "email"
    assert journey["requests"] == [first]
    assert journey["stage_now"] == "frontrunner"  # the newest answer


def test_neither_kvk_nor_address_stands_alone():
    _request(400, kvk_number="", email="")
    alone = _request(1, kvk_number="", email="")

    journey = company_journey(support_request=alone)

    assert journey["requests"] == [] and not journey["has_history"]


def test_hub_staff_see_the_earlier_requests_on_the_request_page(client):
    first = _request(400, kvk_number="12345678")
    now = _request(1, kvk_number="12345678")
    user = UserFactory()
    now.hub.staff.add(user)
    client.force_login(user)

    page = client.get(reverse("journeys:request-detail", args=[now.reference])).content.decode()

    section = page.split('id="journey-title"')[1].split("</section>")[0]
    assert first.reference in section and "Gevonden op hetzelfde KvK-nummer." in section
    assert "Fase toen: Starter. Fase nu: Starter." in section
