"""Insight "requests per channel" gains the advisor kind; small groups stay suppressed."""

import datetime as dt

import pytest
from django.utils import timezone

from journeys.insights.filters import InsightFilters
from journeys.models import ReferredIntake, Referrer
from journeys.referrals.insights import requests_per_channel
from tests.factories.catalogue import HubFactory, UserFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_requests_per_channel_counts_website_requests_per_advisor_kind():
    hub = HubFactory()
    accountant = Referrer.objects.create(user=UserFactory(), organisation_name="A", kind="accountant")
    for _ in range(6):
        SupportRequestFactory(hub=hub, intake__source="web")
    for _ in range(7):
        ReferredIntake.objects.create(intake=SupportRequestFactory(hub=hub, intake__source="web").intake,
                                      referrer=accountant)
    for _ in range(5):
        SupportRequestFactory(hub=hub, intake__source="partner_api")

    rows, total = requests_per_channel(filters=InsightFilters(date_from=TODAY - dt.timedelta(days=30), date_to=TODAY,
                                                                   hub_ids=None))

    assert [(row.label, [str(cell) for cell in row.cells]) for row in rows] == [
        ("Website", ["6"]), ("Doorverwijzer: Accountant", ["7"]), ("Partner-API", ["5"])]
    assert str(total) == "18"
