"""The daily rollup: figures read from it (closed days) plus live counts (today) equal the live computation."""

import datetime as dt
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from journeys.insights import barrier_report, dashboard, scheme_demand
from journeys.insights.counts import Counts
from journeys.insights.filters import InsightFilters
from journeys.insights.rollup_refresh import refresh_recent, refresh_rollup
from journeys.insights.tasks import refresh_rollup_task
from journeys.models import IntakeTag
from journeys.models.insights import (
    InsightRollupIntake,
    InsightRollupMatch,
    InsightRollupSectorTag,
    InsightRollupState,
    InsightRollupTag,
)
from tests.journeys.insights.conftest import at, make_intake, make_request
from tests.support.worker import wait_until

pytestmark = pytest.mark.django_db

ROLLUPS = (InsightRollupIntake, InsightRollupTag, InsightRollupSectorTag, InsightRollupMatch)
EXHAUSTED = {"slug": "mit", "availability": {"status": "exhausted"}}
OPEN = {"slug": "mit", "availability": {"status": "open"}}


@pytest.fixture
def spread(hub_a, hub_b, gelderland, utrecht):
    """Intakes on many days of two years (whole months and edge days), two hubs and provinces, today too."""
    today = timezone.localtime()
    days = [at(1, 3), at(1, 31, 23), at(2, 1, 0), at(3, 15), at(3, 16), at(6, 30), at(12, 31, 23),
            timezone.make_aware(dt.datetime(2026, 1, 2, 9)), today - dt.timedelta(days=2)]
    for n, when in enumerate(days * 3):
        hub, province = (hub_a, gelderland) if n % 3 else (hub_b, utrecht)
        intake = make_intake(
            hub=hub, province=province, when=when, stage=["peloton", "frontrunner", "starter"][n % 3],
            sectors=["construction", "textiles"][: 1 + n % 2],
            barriers=["financing", "knowledge", "benefit_sharing"][: 1 + n % 3],
            themes=["knowledge"], drivers=["business_case"][: n % 2], matches=[EXHAUSTED if n % 2 else OPEN, "tki"],
        )
        if n % 2:
            make_request(intake=intake, status="closed", outcome="scheme_referral", response_days=2, rating=4,
                         helped=True)
    make_intake(hub=hub_a, province=gelderland, when=at(4), submitted=False)


def all_views(hub_a, gelderland) -> list[InsightFilters]:
    today = timezone.localdate()
    return [
        InsightFilters(date_from=dt.date(2025, 1, 1), date_to=today, hub_ids=None),
        InsightFilters(date_from=dt.date(2025, 1, 15), date_to=dt.date(2025, 12, 31), hub_ids=None),
        InsightFilters(date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 2, 28), hub_ids=None),
        InsightFilters(date_from=dt.date(2025, 3, 16), date_to=dt.date(2025, 3, 16), hub_ids=None),
        InsightFilters(date_from=dt.date(2025, 1, 1), date_to=today, hub_ids=(hub_a.id,)),
        InsightFilters(date_from=dt.date(2025, 1, 1), date_to=today, hub_ids=None, province_id=gelderland.id,
                       stage="peloton"),
        InsightFilters(date_from=dt.date(2025, 1, 1), date_to=today, hub_ids=None, sector="construction"),
        InsightFilters(date_from=today - dt.timedelta(days=3), date_to=today, hub_ids=None),
    ]


def figures(filters: InsightFilters) -> dict:
    counts = Counts(filters)
    return {name: build(filters, counts=counts) for name, build in dashboard.FIGURES.items()}


def raw(filters: InsightFilters) -> dict:
    """The counts before suppression, so a difference of one is seen even in groups smaller than five."""
    counts = Counts(filters)
    return {
        "by_month": counts.submitted_by_month,
        **{f"{dim}_by_province": counts.tags_by_province(dim) for dim in ("theme", "barrier", "driver", "sector")},
        **{f"{dim}_by_sector": counts.tags_by_sector(dim) for dim in ("theme", "barrier", "driver")},
        "matched": scheme_demand.matched_in_period(filters),
    }


def reports(hub_ids) -> list:
    return [barrier_report.yearly_report(year=year, hub_ids=hub_ids) for year in (2025, 2026)]


def test_it_shows_the_same_figures_from_the_rollup_as_live(spread, hub_a, gelderland):
    views = all_views(hub_a, gelderland)
    live = [figures(filters) for filters in views]
    live_raw = [raw(filters) for filters in views]
    live_reports = reports(None) + reports((hub_a.id,))

    covered = refresh_rollup()

    assert covered == timezone.localdate() - dt.timedelta(days=1)
    assert InsightRollupIntake.objects.filter(whole_month=True).exists()
    assert InsightRollupMatch.objects.filter(slug="mit", exhausted__gt=0).exists()
    assert [raw(filters) for filters in views] == live_raw
    assert [figures(filters) for filters in views] == live
    assert reports(None) + reports((hub_a.id,)) == live_reports


def test_it_reads_closed_days_from_the_rollup_and_today_live(spread, hub_a, gelderland):
    filters = InsightFilters(date_from=dt.date(2025, 1, 1), date_to=timezone.localdate(), hub_ids=None)
    refresh_rollup()
    before = figures(filters)
    before_raw = raw(filters)
    # Tags of a rolled-up day changed behind the rollup's back: the figures still show the rolled-up counts.
    IntakeTag.objects.filter(intake__submitted_at__lt=at(2), dimension="barrier").delete()
    assert raw(filters)["barrier_by_province"] == before_raw["barrier_by_province"]

    # An intake sent in today counts at once, live.
    make_intake(hub=hub_a, province=gelderland, when=timezone.now(), barriers=["knowledge"], themes=["knowledge"])
    after = raw(filters)
    assert sum(after["by_month"].values()) == sum(before_raw["by_month"].values()) + 1
    today_key = (gelderland.id, "knowledge")
    assert after["barrier_by_province"][today_key] == before_raw["barrier_by_province"][today_key] + 1
    assert figures(filters)["funnel"] != before["funnel"]

    # The nightly refresh of the last days does not bring the changed older day back; --all does.
    refresh_recent(days=7)
    assert raw(filters)["barrier_by_province"] == after["barrier_by_province"]
    call_command("refresh_insights", "--all")
    assert raw(filters)["barrier_by_province"] != after["barrier_by_province"]


def test_it_counts_days_after_the_last_refresh_live(spread, hub_a, gelderland):
    views = all_views(hub_a, gelderland)
    live = [(raw(filters), figures(filters)) for filters in views]
    refresh_rollup(date_to=dt.date(2025, 6, 1))

    assert InsightRollupState.objects.get().covered_through == dt.date(2025, 6, 1)
    assert [(raw(filters), figures(filters)) for filters in views] == live


def test_it_refreshes_idempotently(spread):
    def snapshot():
        return {model.__name__: Counter(model.objects.values_list(
            *[f.attname for f in model._meta.concrete_fields if f.name != "id"])) for model in ROLLUPS}

    refresh_rollup()
    first = snapshot()
    refresh_rollup()
    refresh_recent(days=400)
    call_command("refresh_insights", "--from", "2025-03-01")

    assert snapshot() == first
    assert all(first.values())
    assert InsightRollupSectorTag.objects.filter(stage="*", whole_month=True).exists()


def test_it_does_not_cover_days_before_a_partial_first_refresh(spread, hub_a, gelderland):
    filters = InsightFilters(date_from=dt.date(2025, 1, 1), date_to=timezone.localdate(), hub_ids=None)
    live = raw(filters)

    assert refresh_rollup(date_from=dt.date(2025, 6, 1)) is None
    assert raw(filters) == live


def test_it_schedules_the_refresh_nightly():
    entry = settings.CELERY_BEAT_SCHEDULE["insights-refresh-rollup"]
    assert entry["task"] == refresh_rollup_task.name == "insights.refresh_rollup"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_refresh_task_in_a_real_worker(celery_worker, hub_a, gelderland):
    make_intake(hub=hub_a, province=gelderland, when=at(5), barriers=["knowledge"])

    refresh_rollup_task.delay()

    assert wait_until(
        lambda: InsightRollupState.objects.filter(covered_through__isnull=False).exists(), timeout=30
    ), celery_worker.output()
    assert InsightRollupTag.objects.filter(dimension="barrier", code="knowledge", n=1).exists()
