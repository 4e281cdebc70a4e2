"""The hub queue: filters, status counts and keyset pagination (no OFFSET, stable at 100,000 rows).

A page is "the next N rows after this (sort value, id)", so page 500 costs the same as page 1 and a
request arriving while staff page through never makes rows repeat or disappear.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from journeys import workflow
from journeys.models.intake import IntakeTag
from journeys.models.requests import SupportRequest
from journeys.triage import selectors
from journeys.working_days import almost_overdue_threshold

PASSED_ON = "passed_on"  # pseudo-status: requests our hubs referred to another hub

# sort key -> (field, descending)
SORTS = {
    "newest": ("created_at", True),
    "oldest": ("created_at", False),
    "due": ("due_at", False),
}
DEFAULT_SORT = "newest"
# What a queue row shows (templates/journeys/triage/queue.html). Only these are read: an intake row also
# carries the answers and the stored matches as JSON, and decoding those per row cost more than the page.
QUEUE_COLUMNS = (
    "reference", "status", "stage", "created_at", "due_at", "first_response_at",
    "hub__name",
    "assigned_to__username", "assigned_to__first_name", "assigned_to__last_name",
    "intake__company_name", "intake__municipality__name", "intake__province__display_name",
)


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    stage: str = ""
    theme: str = ""
    province_id: int | None = None
    municipality_id: int | None = None
    hub_id: int | None = None
    assigned: str = ""  # "mine" | "unassigned" | ""
    due: str = ""  # "overdue" | "almost" | ""
    q: str = ""
    sort: str = DEFAULT_SORT


@dataclass(frozen=True)
class Cursor:
    value: datetime
    pk: int

    def encode(self) -> str:
        return f"{self.value.isoformat()}~{self.pk}"

    @classmethod
    def decode(cls, raw: str) -> "Cursor | None":
        value, sep, pk = (raw or "").rpartition("~")
        if not sep or not pk.isdigit():
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        if timezone.is_naive(moment):
            return None
        return cls(value=moment, pk=int(pk))


@dataclass
class QueueRow:
    request: SupportRequest
    overdue: bool
    almost_overdue: bool


@dataclass
class QueuePage:
    rows: list[QueueRow]
    next_cursor: str | None
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0


def _open_unanswered() -> Q:
    return Q(first_response_at__isnull=True, status__in=workflow.OPEN_STATUSES)


def _apply_filters(qs: QuerySet, *, user: AbstractBaseUser, filters: QueueFilters, now: datetime) -> QuerySet:
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.theme:
        qs = qs.filter(
            Exists(IntakeTag.objects.filter(
                intake_id=OuterRef("intake_id"), dimension=IntakeTag.Dimension.THEME, code=filters.theme
            ))
        )
    if filters.province_id:
        qs = qs.filter(intake__province_id=filters.province_id)
    if filters.municipality_id:
        qs = qs.filter(intake__municipality_id=filters.municipality_id)
    if filters.hub_id:
        qs = qs.filter(hub_id=filters.hub_id)
    if filters.assigned == "mine":
        qs = qs.filter(assigned_to_id=user.pk)
    elif filters.assigned == "unassigned":
        qs = qs.filter(assigned_to__isnull=True)
    if filters.due == "overdue":
        qs = qs.filter(_open_unanswered(), due_at__lt=now)
    elif filters.due == "almost":
        qs = qs.filter(_open_unanswered(), due_at__gte=now, due_at__lt=almost_overdue_threshold(now=now))
    if query := filters.q.strip():
        match = (
            Q(intake__company_name__icontains=query)
            | Q(intake__email__icontains=query)
            | Q(reference__iexact=query)
        )
        digits = query.replace(" ", "")
        if digits.isdigit() and len(digits) == 8:
            match |= Q(intake__kvk_number=digits)
        qs = qs.filter(match)
    return qs


def _base(*, user: AbstractBaseUser, status: str) -> QuerySet[SupportRequest]:
    if status == PASSED_ON:
        return selectors.requests_passed_on_by_user_hubs(user=user)
    return selectors.requests_for_user(user=user)


def queue_status_counts(*, user: AbstractBaseUser, filters: QueueFilters, now: datetime) -> dict[str, int]:
    """Counts per status for the tabs, under every filter except the status itself. Two queries."""
    qs = _apply_filters(selectors.requests_for_user(user=user), user=user, filters=filters, now=now)
    counts = {row["status"]: row["n"] for row in qs.order_by().values("status").annotate(n=Count("id"))}
    counts[PASSED_ON] = _apply_filters(
        selectors.requests_passed_on_by_user_hubs(user=user), user=user, filters=filters, now=now
    ).count()
    return counts


def queue_page(
    *, user: AbstractBaseUser, filters: QueueFilters, after: Cursor | None, page_size: int,
    now: datetime | None = None,
) -> QueuePage:
    now = now or timezone.now()
    qs = _apply_filters(_base(user=user, status=filters.status), user=user, filters=filters, now=now)
    if filters.status and filters.status != PASSED_ON:
        qs = qs.filter(status=filters.status)
    sort_field, descending = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    if after is not None:
        if descending:
            qs = qs.filter(Q(**{f"{sort_field}__lt": after.value}) | Q(**{sort_field: after.value, "id__lt": after.pk}))
        else:
            qs = qs.filter(Q(**{f"{sort_field}__gt": after.value}) | Q(**{sort_field: after.value, "id__gt": after.pk}))
    prefix = "-" if descending else ""
    qs = (
        qs.order_by(f"{prefix}{sort_field}", f"{prefix}id")
        .select_related("hub", "assigned_to", "intake__municipality", "intake__province")
        .only(*QUEUE_COLUMNS)
    )
    requests = list(qs[: page_size + 1])
    has_more = len(requests) > page_size
    requests = requests[:page_size]
    threshold = almost_overdue_threshold(now=now)
    rows = []
    for support_request in requests:
        unanswered = support_request.first_response_at is None and support_request.status in workflow.OPEN_STATUSES
        rows.append(
            QueueRow(
                request=support_request,
                overdue=unanswered and support_request.due_at < now,
                almost_overdue=unanswered and now <= support_request.due_at < threshold,
            )
        )
    next_cursor = None
    if has_more and requests:
        last = requests[-1]
        next_cursor = Cursor(value=getattr(last, sort_field), pk=last.pk).encode()
    return QueuePage(rows=rows, next_cursor=next_cursor)
