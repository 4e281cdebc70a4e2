"""Small hand-built data sets for the insight figures: every number in the tests is counted by hand."""

import datetime as dt

import pytest
from django.utils import timezone

from journeys.insights.filters import InsightFilters
from journeys.models import Intake, IntakeTag, SupportRequest
from portal import roles
from tests.factories.catalogue import HubFactory, ProvinceFactory, UserFactory
from tests.factories.journeys import IntakeFactory, SupportRequestFactory

YEAR = 2025


def at(month: int, day: int = 15, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(YEAR, month, day, hour))


def make_intake(*, hub, province=None, when=None, submitted=True, stage="peloton", sectors=(), barriers=(),
                themes=(), drivers=(), matches=None) -> Intake:
    when = when or at(3)
    intake = IntakeFactory(
        hub=hub, province=province, stage=stage if submitted else "",
        submitted_at=when if submitted else None, matches=matches or [],
    )
    Intake.objects.filter(pk=intake.pk).update(created_at=when)
    for dimension, codes in (("sector", sectors), ("barrier", barriers), ("theme", themes), ("driver", drivers)):
        IntakeTag.objects.bulk_create([IntakeTag(intake=intake, dimension=dimension, code=c) for c in codes])
    intake.refresh_from_db()
    return intake


def make_request(*, intake, hub=None, status="new", outcome="", response_days=None, due_days=5, rating=None,
                 helped=None) -> SupportRequest:
    created = intake.submitted_at
    request = SupportRequestFactory(
        intake=intake, hub=hub or intake.hub, status=status, outcome=outcome, stage=intake.stage or "peloton",
        computed_stage=intake.stage or "peloton", due_at=created + dt.timedelta(days=due_days),
        first_response_at=created + dt.timedelta(days=response_days) if response_days is not None else None,
        survey_rating=rating, survey_helped=helped,
    )
    SupportRequest.objects.filter(pk=request.pk).update(created_at=created)
    request.refresh_from_db()
    return request


def year_filters(**kwargs) -> InsightFilters:
    return InsightFilters(date_from=dt.date(YEAR, 1, 1), date_to=dt.date(YEAR, 12, 31), **{"hub_ids": None, **kwargs})


def column(figure, index: int = 0) -> dict[str, str]:
    """{row code: shown text} of one column, as the table shows it."""
    return {row.code: str(row.cells[index]) for row in figure.rows}


@pytest.fixture
def hub_a():
    return HubFactory(name="Loket Gelderland")


@pytest.fixture
def hub_b():
    return HubFactory(name="Loket Utrecht")


@pytest.fixture
def gelderland():
    return ProvinceFactory(code="PV25", name="Gelderland", display_name="Gelderland")


@pytest.fixture
def utrecht():
    return ProvinceFactory(code="PV26", name="Utrecht", display_name="Utrecht")


@pytest.fixture
def admin_user():
    user = UserFactory(username="rvo")
    user.groups.add(roles.ensure_catalogue_admin_group())
    return user


@pytest.fixture
def staff_a(hub_a):
    user = UserFactory(username="medewerker-a")
    hub_a.staff.add(user)
    return user
