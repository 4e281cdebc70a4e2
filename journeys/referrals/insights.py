"""Insight on channels and referrals (issue 19): requests per channel, referrals per partner kind with outcomes.

Read within the dashboard's filters (period, hub scope, province, sector, stage); every count goes through the
dashboard's small-group suppression (journeys/insights/suppression.py), each row as a partition of its total.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from journeys.insights.filters import InsightFilters
from journeys.insights.suppression import Cell, count_cell, partition_cells
from journeys.models import Intake, IntakeTag, PartnerReferral, ReferrerKind, SupportRequest
from journeys.referrers.selectors import referred_counts_by_kind
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
    """Requests by how they came in: the website directly, through an advisor (per advisor kind), or an
    organisation's partner API."""
    requests = _requests(filters)
    counts = dict(requests.values_list("intake__source").annotate(n=Count("id", distinct=True)))
    # Warm referrers (issue 19.4): website requests an advisor brought in, per advisor kind (rows only when any).
    by_kind = referred_counts_by_kind(requests=requests)
    labelled = [(str(Intake.Source.WEB.label), counts.get(Intake.Source.WEB, 0) - sum(by_kind.values()))]
    labelled += [(_("Doorverwijzer: %(kind)s") % {"kind": label}, by_kind[kind])
                 for kind, label in ReferrerKind.choices if by_kind.get(kind)]
    labelled += [(str(label), counts.get(code, 0))
                 for code, label in Intake.Source.choices if code != Intake.Source.WEB]
    cells = partition_cells([value for _label, value in labelled])
    rows = [InsightRow(label, [cell]) for (label, _value), cell in zip(labelled, cells, strict=True)]
    return rows, count_cell(sum(value for _label, value in labelled))


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
