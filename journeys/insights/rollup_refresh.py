"""Writing the daily rollup (``journeys.models.insights``): recompute whole local days from the live tables.

A refresh deletes and rewrites the day rows of a range of days and the month rows of every month it touches,
in one transaction, under a lock on the state row, so it is idempotent and two refreshes never interleave.
The rollup only counts facts fixed at submission, and retention (journeys/privacy/retention.py) only anonymises
personal fields and answers, never tags, stage, hub, province or matches; still, the nightly task recomputes
the last ``INSIGHT_ROLLUP_REFRESH_DAYS`` days and ``refresh_insights --all`` recomputes everything (after a
hub or province was deleted, or a bulk data fix).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection
from django.utils import timezone

from journeys.insights.counts import reporting_queries
from journeys.insights.rollup import ALL, DAY, whole_months
from journeys.insights.scheme_demand import PG_MATCHED_SLUGS
from journeys.models import Intake
from journeys.models.insights import (
    InsightRollupIntake,
    InsightRollupMatch,
    InsightRollupSectorTag,
    InsightRollupState,
    InsightRollupTag,
)
from schemes import vocabulary as v

BASE = "day, whole_month, hub_id, province_id, stage"
# Sent-in intakes of the range, with their local day; %(tz)s, %(start)s and %(end)s are parameters.
INTAKES = """
    WITH i AS (
        SELECT id, (submitted_at AT TIME ZONE %(tz)s)::date AS day, hub_id, province_id, stage, matches
        FROM journeys_intake WHERE submitted_at >= %(start)s AND submitted_at < %(end)s
    )
"""
DRAAD = "COALESCE(d.draad, '')"


def _draad_values() -> tuple[str, dict]:
    pairs = list(v.BARRIER_RODE_DRAAD.items())
    rows = ", ".join(f"(%(dc{n})s, %(dg{n})s)" for n in range(len(pairs)))
    params = {}
    for n, (code, group) in enumerate(pairs):
        params[f"dc{n}"], params[f"dg{n}"] = str(code), str(group)
    return f"(VALUES {rows}) AS d(code, draad)", params


def _statements() -> list[tuple[str, str]]:
    """(table, INSERT … SELECT) per rollup table, for the day rows of the range."""
    draad_table, _params = _draad_values()
    tag, sector, match = (InsightRollupTag._meta.db_table, InsightRollupSectorTag._meta.db_table,
                          InsightRollupMatch._meta.db_table)
    return [
        (InsightRollupIntake._meta.db_table, f"""
            INSERT INTO {InsightRollupIntake._meta.db_table} ({BASE}, n)
            SELECT day, false, hub_id, province_id, stage, COUNT(*) FROM i GROUP BY day, hub_id, province_id, stage
        """),  # noqa: S608 (table names come from the models)
        (tag, f"""
            INSERT INTO {tag} ({BASE}, dimension, code, n)
            SELECT i.day, false, i.hub_id, i.province_id, i.stage, t.dimension, t.code, COUNT(*)
            FROM i JOIN journeys_intaketag t ON t.intake_id = i.id
            GROUP BY i.day, i.hub_id, i.province_id, i.stage, t.dimension, t.code
            UNION ALL
            SELECT i.day, false, i.hub_id, i.province_id, i.stage, 'rode_draad', {DRAAD}, COUNT(DISTINCT i.id)
            FROM i JOIN journeys_intaketag t ON t.intake_id = i.id AND t.dimension = 'barrier'
            LEFT JOIN {draad_table} ON d.code = t.code
            GROUP BY i.day, i.hub_id, i.province_id, i.stage, {DRAAD}
        """),  # noqa: S608 (table names come from the models)
        (sector, f"""
            INSERT INTO {sector} ({BASE}, sector, dimension, code, n)
            SELECT i.day, false, i.hub_id, i.province_id, i.stage, s.code, t.dimension, t.code, COUNT(*)
            FROM i JOIN journeys_intaketag s ON s.intake_id = i.id AND s.dimension = 'sector'
            JOIN journeys_intaketag t ON t.intake_id = i.id AND t.dimension IN ('theme', 'barrier', 'driver')
            GROUP BY i.day, i.hub_id, i.province_id, i.stage, s.code, t.dimension, t.code
            UNION ALL
            SELECT i.day, false, i.hub_id, i.province_id, i.stage, s.code, 'rode_draad', {DRAAD},
                   COUNT(DISTINCT i.id)
            FROM i JOIN journeys_intaketag s ON s.intake_id = i.id AND s.dimension = 'sector'
            JOIN journeys_intaketag t ON t.intake_id = i.id AND t.dimension = 'barrier'
            LEFT JOIN {draad_table} ON d.code = t.code
            GROUP BY i.day, i.hub_id, i.province_id, i.stage, s.code, {DRAAD}
        """),  # noqa: S608 (table names come from the models)
        # The same unnesting as scheme_demand.matched_counts: one row per intake and slug.
        (match, f"""
            INSERT INTO {match} ({BASE}, slug, n, exhausted)
            SELECT i.day, false, i.hub_id, i.province_id, i.stage, slug, COUNT(*), COUNT(*) FILTER (WHERE exhausted)
            FROM i {PG_MATCHED_SLUGS}
            GROUP BY i.day, i.hub_id, i.province_id, i.stage, slug
        """),  # noqa: S608 (table names come from the models)
    ]


MONTH_COLUMNS = {
    InsightRollupIntake: ["n"],
    InsightRollupTag: ["dimension", "code", "n"],
    InsightRollupSectorTag: ["sector", "dimension", "code", "n"],
    InsightRollupMatch: ["slug", "n", "exhausted"],
}


def yesterday() -> dt.date:
    return timezone.localdate() - DAY


def refresh_rollup(*, date_from: dt.date | None = None, date_to: dt.date | None = None) -> dt.date | None:
    """Recompute the rollup for local days ``date_from``..``date_to`` (default: everything up to yesterday).

    Returns the day the rollup now covers through (None on databases other than PostgreSQL, or with no
    data yet). Days after ``date_to`` are never rolled up, so today always stays live.
    """
    if connection.vendor != "postgresql":
        return None
    date_to = min(date_to or yesterday(), yesterday())
    with reporting_queries():
        state, _created = InsightRollupState.objects.select_for_update().get_or_create(key="daily")
        if date_from is None:
            first = Intake.objects.filter(submitted_at__isnull=False).order_by("submitted_at").values_list(
                "submitted_at", flat=True).first()
            date_from = timezone.localtime(first).date() if first else date_to
        if date_from > date_to:
            return state.covered_through
        _rewrite(date_from, date_to)
        contiguous = state.covered_through is None or date_from <= state.covered_through + DAY
        if contiguous:
            # Before the first refresh nothing is covered, so only a refresh from the first intake on counts.
            if state.covered_through is None and not _from_the_start(date_from):
                return None
            state.covered_through = max(state.covered_through or date_to, date_to)
        state.refreshed_at = timezone.now()
        state.save()
        return state.covered_through


def _from_the_start(date_from: dt.date) -> bool:
    start = timezone.make_aware(dt.datetime.combine(date_from, dt.time.min))
    return not Intake.objects.filter(submitted_at__lt=start).exists()


def _rewrite(date_from: dt.date, date_to: dt.date) -> None:
    tz = str(timezone.get_current_timezone())
    params = {
        "tz": tz,
        "start": timezone.make_aware(dt.datetime.combine(date_from, dt.time.min)),
        "end": timezone.make_aware(dt.datetime.combine(date_to + DAY, dt.time.min)),
        **_draad_values()[1],
    }
    month_from = date_from.replace(day=1)
    month_after = (date_to.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    with connection.cursor() as cursor:
        for (table, insert), model in zip(_statements(), MONTH_COLUMNS, strict=True):
            cursor.execute(f"DELETE FROM {table} WHERE whole_month = false AND day >= %s AND day <= %s",  # noqa: S608
                           [date_from, date_to])
            cursor.execute(INTAKES + insert, params)
            # Month rows of every month the range touches, summed from its day rows (a month only read when
            # it lies entirely within the covered days, see rollup.whole_months).
            cursor.execute(f"DELETE FROM {table} WHERE whole_month = true AND day >= %s AND day < %s",  # noqa: S608
                           [month_from, month_after])
            extra = [column for column in MONTH_COLUMNS[model] if column not in ("n", "exhausted")]
            sums = [f"SUM({column})" for column in MONTH_COLUMNS[model] if column in ("n", "exhausted")]
            group = ", ".join(["hub_id", "province_id", "stage", *extra])
            cursor.execute(f"""
                INSERT INTO {table} ({BASE}, {", ".join(MONTH_COLUMNS[model])})
                SELECT date_trunc('month', day)::date, true, {group}, {", ".join(sums)}
                FROM {table} WHERE whole_month = false AND day >= %s AND day < %s AND stage <> %s
                GROUP BY date_trunc('month', day)::date, {group}
            """, [month_from, month_after, ALL])  # noqa: S608
            if model is InsightRollupSectorTag:
                _collapse(cursor, table, date_from, date_to, month_from, month_after)
        if (date_to - date_from).days > 31:
            for model in MONTH_COLUMNS:
                cursor.execute(f"ANALYZE {model._meta.db_table}")


def _collapse(cursor, table, date_from, date_to, month_from, month_after) -> None:
    """Rows summed over every province and stage (``stage = ALL``), for views without those filters.

    The per-sector table is the largest (an intake counts once per sector and tag); most views are not
    filtered by province or stage, and these rows are a few times fewer.
    """
    cursor.execute(f"""
        INSERT INTO {table} ({BASE}, sector, dimension, code, n)
        SELECT day, whole_month, hub_id, NULL, %s, sector, dimension, code, SUM(n) FROM {table}
        WHERE stage <> %s AND ((whole_month = false AND day >= %s AND day <= %s)
                               OR (whole_month = true AND day >= %s AND day < %s))
        GROUP BY day, whole_month, hub_id, sector, dimension, code
    """, [ALL, ALL, date_from, date_to, month_from, month_after])  # noqa: S608


def refresh_recent(*, days: int | None = None) -> dt.date | None:
    """The nightly refresh: the last ``days`` days, and any days since the last refresh (all if never run)."""
    days = settings.INSIGHT_ROLLUP_REFRESH_DAYS if days is None else days
    covered = InsightRollupState.objects.filter(key="daily").values_list("covered_through", flat=True).first()
    if covered is None:
        return refresh_rollup()
    return refresh_rollup(date_from=min(covered + DAY, yesterday() - dt.timedelta(days=days - 1)))


__all__ = ["refresh_recent", "refresh_rollup", "whole_months"]
