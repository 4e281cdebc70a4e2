"""Reading the daily rollup: closed days from the rollup tables, the days after the last refresh live.

``split`` cuts the period of a set of filters in two: the part the rollup covers (every day up to
``InsightRollupState.covered_through``) and the rest, which the callers count with their own live queries.
Both parts count the same intakes, so the sum is exactly the live figure. Within the rollup part, whole
calendar months are read from the month rows and the days at either edge from the day rows, so a two-year
period reads a few thousand rows instead of every tag.

The rollup is only used on PostgreSQL and not with a sector filter: an intake can name several sectors, so
"intakes that named sector X" cannot be summed from per-sector rows of other figures; those views stay live.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from django.db import connection
from django.db.models import Q, QuerySet, Sum

from journeys.insights.filters import InsightFilters
from journeys.models.insights import InsightRollupSectorTag, InsightRollupState

DAY = dt.timedelta(days=1)
# ``stage`` of rows summed over every province and stage (only in the per-sector table, see rollup_refresh).
ALL = "*"
COLLAPSED = {InsightRollupSectorTag}


def covered_through() -> dt.date | None:
    return InsightRollupState.objects.filter(key="daily").values_list("covered_through", flat=True).first()


def split(filters: InsightFilters) -> tuple[InsightFilters | None, InsightFilters | None]:
    """(the part read from the rollup, the part counted live); either can be None."""
    if connection.vendor != "postgresql" or filters.sector:
        return None, filters
    covered = covered_through()
    if covered is None or covered < filters.date_from:
        return None, filters
    if covered >= filters.date_to:
        return filters, None
    return replace(filters, date_to=covered), replace(filters, date_from=covered + DAY)


def whole_months(date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    """First days of the calendar months that lie entirely within [date_from, date_to]."""
    months = []
    month = date_from if date_from.day == 1 else _next_month(date_from)
    while _next_month(month) - DAY <= date_to:
        months.append(month)
        month = _next_month(month)
    return months


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def period_rows(model, filters: InsightFilters) -> QuerySet:
    """Rollup rows of ``model`` for the filters' period, hub scope, province and stage (no sector)."""
    months = whole_months(filters.date_from, filters.date_to)
    if months:
        first, after = months[0], _next_month(months[-1])
        period = (
            Q(whole_month=True, day__in=months)
            | Q(whole_month=False, day__gte=filters.date_from, day__lt=first)
            | Q(whole_month=False, day__gte=after, day__lte=filters.date_to)
        )
    else:
        period = Q(whole_month=False, day__gte=filters.date_from, day__lte=filters.date_to)
    qs = model.objects.filter(period)
    if filters.hub_ids is not None:
        qs = qs.filter(hub_id__in=filters.hub_ids)
    if filters.province_id:
        qs = qs.filter(province_id=filters.province_id)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if model in COLLAPSED:
        collapsed = not (filters.province_id or filters.stage)
        qs = qs.filter(stage=ALL) if collapsed else qs.exclude(stage=ALL)
    return qs


def summed(model, filters: InsightFilters, *fields: str, **conditions) -> Counter:
    """{(fields...): intakes} summed over the rollup part of the period."""
    rows = period_rows(model, filters).filter(**conditions).values_list(*fields).annotate(total=Sum("n")).order_by()
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)
