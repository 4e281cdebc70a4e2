"""Insight: requests per channel and referrals per partner kind with outcomes, small groups suppressed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from journeys.insights.filters import InsightFilters
from journeys.models import PartnerReferral
from journeys.referrals.insights import referrals_per_partner_kind, requests_per_channel
from tests.factories.catalogue import HubFactory, PartnerOrganisationFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _filters(hub_ids=None):
    return InsightFilters(date_from=TODAY - dt.timedelta(days=30), date_to=TODAY, hub_ids=hub_ids)


def _texts(cells):
    return [str(cell) for cell in cells]


def test_requests_per_channel_are_counted_with_small_groups_suppressed():
    hub = HubFactory()
    for _ in range(6):
        SupportRequestFactory(hub=hub, intake__source="web")
    for _ in range(2):
        SupportRequestFactory(hub=hub, intake__source="partner_api")

    rows, total = requests_per_channel(filters=_filters())

    # 2 partner-API requests are "< 5"; the only other cell is hidden so 8 - 6 cannot give them away.
    assert [(row.label, _texts(row.cells)) for row in rows] == [("Website", ["verborgen"]), ("Partner-API", ["< 5"])]
    assert str(total) == "8"


def test_referrals_per_partner_kind_with_outcomes_only_for_the_users_hubs():
    hub, other = HubFactory(), HubFactory()
    od = PartnerOrganisationFactory(kind="environment_service")
    financier = PartnerOrganisationFactory(kind="financier")
    outcomes = ["helped"] * 5 + ["not_helped"] * 5 + ["no_answer"] * 5 + [""] * 6
    for outcome in outcomes:
        request = SupportRequestFactory(hub=hub)
        PartnerReferral.objects.create(request=request, partner=od, hub=hub, note="x", delivery="to_partner",
                                       outcome=outcome)
    elsewhere = SupportRequestFactory(hub=other)
    PartnerReferral.objects.create(request=elsewhere, partner=financier, hub=other, note="x", delivery="to_partner")

    mine = referrals_per_partner_kind(filters=_filters(hub_ids=(hub.pk,)))
    everything = referrals_per_partner_kind(filters=_filters())

    assert [(row.label, _texts(row.cells)) for row in mine] == [
        ("Omgevingsdienst", ["21", "5", "5", "5", "6"])]
    assert [row.label for row in everything] == ["Omgevingsdienst", "Financier"]
    assert _texts(everything[1].cells) == ["< 5", "verborgen", "0", "0", "< 5"]


def test_the_dashboard_shows_the_channel_and_referral_tables(client):
    from tests.factories.catalogue import UserFactory

    hub = HubFactory()
    staff = UserFactory(username="hanna")
    hub.staff.add(staff)
    SupportRequestFactory(hub=hub)
    client.force_login(staff)

    body = client.get(reverse("journeys:insights")).content.decode()

    assert "Kanalen en doorverwijzingen naar partners" in body
    assert "Hulpvragen per kanaal" in body and "Geen doorverwijzingen in deze periode." in body
