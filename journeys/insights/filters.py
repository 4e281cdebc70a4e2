"""Which rows a user may count, and the period/province/sector/stage filters of the dashboard.

Intake figures count intakes by the hub they were routed to (``Intake.hub``); request figures count support
requests by the hub that holds them now (``SupportRequest.hub``), so a referred request counts for the hub
that took it over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from journeys.models import Intake, IntakeTag, SupportRequest
from portal import roles
from schemes.models import Hub


@dataclass(frozen=True)
class InsightFilters:
    date_from: dt.date
    date_to: dt.date  # inclusive
    hub_ids: tuple[int, ...] | None  # None: every hub (catalogue admins)
    province_id: int | None = None
    sector: str = ""
    stage: str = ""

    @property
    def start(self) -> dt.datetime:
        return _local_midnight(self.date_from)

    @property
    def end(self) -> dt.datetime:
        return _local_midnight(self.date_to + dt.timedelta(days=1))

    @property
    def has_intake_filters(self) -> bool:
        return bool(self.province_id or self.sector or self.stage)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def hub_scope_for_user(*, user) -> tuple[int, ...] | None:
    """Every hub (None) for catalogue admins and superusers, the user's own hubs for hub staff.

    Anyone else may not see insight at all.
    """
    if roles.is_catalogue_admin(user):
        return None
    hub_ids = roles.staff_hub_ids(user)
    if not hub_ids:
        raise PermissionDenied
    return tuple(sorted(hub_ids))


def hubs_in_scope(*, hub_ids: tuple[int, ...] | None) -> QuerySet[Hub]:
    hubs = Hub.objects.all() if hub_ids is None else Hub.objects.filter(id__in=hub_ids)
    return hubs.order_by("name")


def intakes(filters: InsightFilters, *, by: str = "created_at") -> QuerySet[Intake]:
    """Intakes in scope, in the period by ``by`` (created_at: started; submitted_at: sent in)."""
    qs = Intake.objects.filter(**{f"{by}__gte": filters.start, f"{by}__lt": filters.end})
    if filters.hub_ids is not None:
        qs = qs.filter(hub_id__in=filters.hub_ids)
    return _with_intake_filters(qs, filters, prefix="")


def requests(filters: InsightFilters) -> QuerySet[SupportRequest]:
    """Support requests in scope that were made in the period."""
    qs = SupportRequest.objects.filter(created_at__gte=filters.start, created_at__lt=filters.end)
    if filters.hub_ids is not None:
        qs = qs.filter(hub_id__in=filters.hub_ids)
    return _with_intake_filters(qs, filters, prefix="intake__")


def _with_intake_filters(qs: QuerySet, filters: InsightFilters, *, prefix: str) -> QuerySet:
    if filters.province_id:
        qs = qs.filter(**{f"{prefix}province_id": filters.province_id})
    if filters.stage:
        # Both models have ``stage``: for requests it is the stage the hub works with (after any override).
        qs = qs.filter(stage=filters.stage)
    if filters.sector:
        intake_ref = OuterRef("intake_id" if prefix else "id")
        qs = qs.filter(
            Exists(IntakeTag.objects.filter(
                intake_id=intake_ref, dimension=IntakeTag.Dimension.SECTOR, code=filters.sector
            ))
        )
    return qs
