"""Reads for "Mijn werk" (/medewerkers/): what a hub advisor should look at first, in four short lists.

- mine: open requests assigned to the user;
- due: open requests in the user's hubs that still wait for a first response and are overdue or due
  within two working days, soonest first;
- unassigned: open requests in the user's hubs that nobody has picked up;
- referred: requests another hub sent to one of the user's hubs in the last fortnight, still open.

Every list is capped (the queue has the rest); the counts are the full counts.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from journeys.models.requests import RequestHubTrace, SupportRequest
from journeys.triage.workflow import OPEN_STATUSES
from journeys.working_days import add_working_days
from portal.roles import staff_hub_ids

DUE_WITHIN_WORKING_DAYS = 2
REFERRED_WITHIN_DAYS = 14
LIST_LIMIT = 10


@dataclass(frozen=True)
class WorkList:
    key: str
    count: int
    rows: list[SupportRequest]


def _rows(qs: QuerySet[SupportRequest], order: tuple[str, ...]) -> tuple[int, list[SupportRequest]]:
    ordered = qs.select_related("intake", "hub", "assigned_to").order_by(*order)
    return ordered.count(), list(ordered[:LIST_LIMIT])


def my_work(*, user: AbstractBaseUser, now: datetime | None = None) -> dict[str, WorkList]:
    """The four lists for ``user``, keyed mine, due, unassigned and referred."""
    now = now or timezone.now()
    hub_ids = staff_hub_ids(user)
    open_requests = SupportRequest.objects.filter(status__in=OPEN_STATUSES, anonymised_at__isnull=True)
    in_my_hubs = open_requests.filter(hub_id__in=hub_ids)

    lists = {
        "mine": (open_requests.filter(assigned_to=user), ("due_at", "id")),
        "due": (
            in_my_hubs.filter(first_response_at__isnull=True,
                              due_at__lt=add_working_days(now, DUE_WITHIN_WORKING_DAYS)),
            ("due_at", "id"),
        ),
        "unassigned": (in_my_hubs.filter(assigned_to__isnull=True), ("due_at", "id")),
        "referred": (
            in_my_hubs.filter(
                Q(pk__in=RequestHubTrace.objects.filter(
                    referred_to_id__in=hub_ids, left_at__gte=now - timedelta(days=REFERRED_WITHIN_DAYS),
                ).values("request_id")),
            ),
            ("-updated_at", "-id"),
        ),
    }
    result = {}
    for key, (qs, order) in lists.items():
        count, rows = _rows(qs, order)
        result[key] = WorkList(key=key, count=count, rows=rows)
    return result
