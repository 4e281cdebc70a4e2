"""Insight on channels and referrals (issue 19): requests per channel, referrals per partner kind with outcomes.

Read within the dashboard's filters (period, hub scope, province, sector, stage); every count goes through the
dashboard's small-group suppression (journeys/insights/suppression.py), each row as a partition of its total.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from journeys.insights.filters import InsightFilters
from journeys.insights.suppression import Cell, count_cell, partition_cells
from journeys.models import Intake, IntakeTag, PartnerReferral, SupportRequest
from schemes import vocabulary as v
from schemes.models import PartnerKind

OUTCOMES = [*PartnerReferral.Outcome.values, ""]  # "" = not recorded yet


@dataclass(frozen=True)
class InsightRow:
    label: str
    cells: list[Cell]


def _requests(filters: InsightFilters, *, in_period: bool = True) -> QuerySet[SupportRequest]:
    qs = SupportRequest.objects.all()
    if in_period:
        qs = qs.filter(created_at__gte=filters.start, created_at__lt=filters.end)
    if filters.hub_ids is not None:
        qs = qs.filter(hub_id__in=filters.hub_ids)
    if filters.province_id:
        qs = qs.filter(intake__province_id=filters.province_id)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.sector:
        qs = qs.filter(intake__tags__dimension=IntakeTag.Dimension.SECTOR, intake__tags__code=filters.sector)
    return qs


def requests_per_channel(*, filters: InsightFilters) -> tuple[list[InsightRow], Cell]:
    """Requests by how they came in: the website, or an organisation's partner API (warm referrers: not built)."""
    counts = dict(_requests(filters).values_list("intake__source").annotate(n=Count("id", distinct=True)))
    values = [counts.get(source, 0) for source in Intake.Source.values]
    cells = partition_cells(values)
    rows = [InsightRow(str(label), [cell]) for (_code, label), cell in zip(Intake.Source.choices, cells, strict=True)]
    return rows, count_cell(sum(values))


def referrals_per_partner_kind(*, filters: InsightFilters) -> list[InsightRow]:
    """Per partner kind: referrals made in the period, then how many were helped / not helped / no answer / open."""
    referrals = PartnerReferral.objects.filter(
        # A referral counts in the period it was made, whatever the request's own date.
        request__in=_requests(filters, in_period=False),
        created_at__gte=filters.start, created_at__lt=filters.end,
    )
    if filters.hub_ids is not None:
        referrals = referrals.filter(hub_id__in=filters.hub_ids)
    aggregates = {f"n_{outcome or 'open'}": Count("id", filter=Q(outcome=outcome)) for outcome in OUTCOMES}
    by_kind = {row.pop("partner__kind"): row for row in referrals.values("partner__kind").annotate(**aggregates)}
    rows = []
    for kind in PartnerKind.values:
        counts = by_kind.get(kind)
        if not counts:
            continue
        values = [counts[f"n_{outcome or 'open'}"] for outcome in OUTCOMES]
        rows.append(InsightRow(str(v.label(PartnerKind, kind)), [count_cell(sum(values)), *partition_cells(values)]))
    return rows
