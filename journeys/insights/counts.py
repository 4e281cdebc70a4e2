"""The few GROUP BY queries that the dashboard's figures are drawn from, each run at most once per page.

Several figures count the same rows in different ways (the stages and the stages per month; the themes, the
themes per province and the share of intakes that named them; the ratings, "did it help" and the number of
requests closed with a scheme referral). Instead of one scan per figure, ``Counts`` runs one query per kind of
row with every grouping the figures need, and the figures add up the (few hundred) aggregated rows in Python.
A figure built on its own gets a fresh ``Counts``, so it is never computed from another page's numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from journeys.insights import filters as f
from journeys.insights import rollup
from journeys.models import IntakeTag, Outcome, RequestStatus
from journeys.models.insights import InsightRollupIntake, InsightRollupSectorTag, InsightRollupTag

# Dimensions whose tags the dashboard counts; fetched together, in one scan of the tags.
DASHBOARD_TAGS = (IntakeTag.Dimension.THEME, IntakeTag.Dimension.BARRIER)
# Tag dimensions the per-sector rollup holds (the province rollup holds every dimension).
SECTOR_ROLLUP_DIMENSIONS = {IntakeTag.Dimension.THEME, IntakeTag.Dimension.BARRIER, IntakeTag.Dimension.DRIVER}


@contextmanager
def reporting_queries() -> Iterator[None]:
    """Run the insight queries without PostgreSQL's JIT compilation.

    These GROUP BYs over a few hundred thousand rows look expensive to the planner, so PostgreSQL compiles
    each one first; measured on 100,000 requests that compilation took 0.3-0.7 s per query, more than the
    query itself. ``SET LOCAL`` lasts until the end of the (outermost) transaction.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield


class Counts:
    """Aggregated rows for one set of filters (period, hub scope, province, sector, stage)."""

    def __init__(self, filters: f.InsightFilters, *, together: tuple[str, ...] = DASHBOARD_TAGS):
        # ``together``: tag dimensions fetched in one scan; () when only one figure is wanted (one CSV).
        self.filters = filters
        self.together = together
        self._tags: dict[tuple[str, ...], dict] = {}
        self._sector_tags: dict[tuple[str, ...], dict] = {}

    # --- intakes started in the period (funnel, outcomes) ----------------------------------------------

    @cached_property
    def started(self) -> Counter:
        """{(sent in, request status or None, outcome or None): intakes} of intakes started in the period."""
        rows = (
            f.intakes(self.filters)
            .values_list(_flag(Q(submitted_at__isnull=False)), "support_request__status", "support_request__outcome")
            .annotate(n=Count("id"))
            .order_by()
        )
        return Counter({(bool(sent), status, outcome): n for sent, status, outcome, n in rows})

    # --- intakes sent in during the period (stages, tag shares) -----------------------------------------

    @cached_property
    def submitted_by_month(self) -> Counter:
        """{(first day of the month in local time, stage): intakes} of intakes sent in during the period."""
        rolled, live = rollup.split(self.filters)
        counts = Counter()
        if rolled is not None:
            for (day, stage), n in rollup.summed(InsightRollupIntake, rolled, "day", "stage").items():
                counts[(rollup.month_of(day), stage)] += n
        if live is not None:
            counts.update(_live_submitted_by_month(live))
        return counts

    @cached_property
    def submitted_by_stage(self) -> Counter:
        by_stage = Counter()
        for (_month, stage), n in self.submitted_by_month.items():
            by_stage[stage] += n
        return by_stage

    @property
    def submitted(self) -> int:
        return sum(self.submitted_by_month.values())

    def tags_by_province(self, dimension: str) -> dict[tuple[int | None, str], int]:
        """{(province id, code): tags} of one dimension, for intakes sent in during the period."""
        dimensions = self.together if dimension in self.together else (dimension,)
        if dimensions not in self._tags:
            rolled, live = rollup.split(self.filters)
            grouped: dict = {d: Counter() for d in dimensions}
            if rolled is not None:
                rows = rollup.summed(InsightRollupTag, rolled, "dimension", "province_id", "code",
                                     dimension__in=dimensions)
                for (dim, province_id, code), n in rows.items():
                    grouped[dim][(province_id, code)] += n
            if live is not None:
                for (dim, province_id, code), n in _live_tags_by_province(live, dimensions).items():
                    grouped[dim][(province_id, code)] += n
            self._tags[dimensions] = grouped
        return self._tags[dimensions][dimension]

    def tags(self, dimension: str) -> Counter:
        """{code: intakes that named it} of one dimension (a code is tagged at most once per intake)."""
        totals = Counter()
        for (_province_id, code), n in self.tags_by_province(dimension).items():
            totals[code] += n
        return totals

    def tags_by_sector(self, dimension: str) -> dict[tuple[str, str], int]:
        """{(sector code, code): intakes} of one dimension, for intakes sent in during the period."""
        dimensions = self.together if dimension in self.together else (dimension,)
        if dimensions not in self._sector_tags:
            rolled, live = rollup.split(self.filters)
            grouped: dict = {d: Counter() for d in dimensions}
            if rolled is not None and set(dimensions) <= SECTOR_ROLLUP_DIMENSIONS:
                rows = rollup.summed(InsightRollupSectorTag, rolled, "dimension", "sector", "code",
                                     dimension__in=dimensions)
                for (dim, sector, code), n in rows.items():
                    grouped[dim][(sector, code)] += n
            elif rolled is not None:
                live = self.filters  # a dimension the rollup does not hold: the whole period live
            if live is not None:
                for (dim, sector, code), n in _live_tags_by_sector(live, dimensions).items():
                    grouped[dim][(sector, code)] += n
            self._sector_tags[dimensions] = grouped
        return self._sector_tags[dimensions][dimension]

    # --- support requests made in the period (ratings, helped, scheme referrals) -------------------------

    @cached_property
    def answers(self) -> Counter:
        """{(survey rating, survey helped, closed with a scheme referral): requests} made in the period."""
        referral = Q(status=RequestStatus.CLOSED, outcome=Outcome.SCHEME_REFERRAL)
        rows = (
            f.requests(self.filters)
            .values_list("survey_rating", "survey_helped", _flag(referral))
            .annotate(n=Count("id"))
            .order_by()
        )
        return Counter({(rating, helped, bool(referred)): n for rating, helped, referred, n in rows})


def _live_submitted_by_month(filters: f.InsightFilters) -> Counter:
    rows = (
        f.intakes(filters, by="submitted_at")
        .annotate(month=TruncMonth("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values_list("month", "stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Counter({
        (month.date() if isinstance(month, dt.datetime) else month, stage): n for month, stage, n in rows
    })


def _live_tags_by_province(filters: f.InsightFilters, dimensions: tuple[str, ...]) -> Counter:
    """{(dimension, province id, code): tags} of intakes sent in during the period."""
    return Counter({(dim, province_id, code): n for dim, province_id, code, n in (
        IntakeTag.objects.filter(
            dimension__in=dimensions, intake__in=f.intakes(filters, by="submitted_at").values("id")
        )
        .values_list("dimension", "intake__province_id", "code")
        .annotate(n=Count("id"))
        .order_by()
    )})


def _live_tags_by_sector(filters: f.InsightFilters, dimensions: tuple[str, ...]) -> Counter:
    """{(dimension, sector code, code): intakes}: each tag joined to the same intake's sector tags."""
    return Counter({(dim, sector, code): n for dim, sector, code, n in (
        IntakeTag.objects.filter(
            dimension__in=dimensions, intake__in=f.intakes(filters, by="submitted_at").values("id"),
            intake__tags__dimension=IntakeTag.Dimension.SECTOR,
        )
        .values_list("dimension", "intake__tags__code", "code")
        .annotate(n=Count("id"))
        .order_by()
    )})


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())
