"""The hub queue: filters, status counts and keyset pagination (no OFFSET, stable at 100,000 rows).

A page is "the next N rows after this (sort value, id)", so page 500 costs the same as page 1 and a
request arriving while staff page through never makes rows repeat or disappear.

Speed: what a row shows is prepared here once per page (labels looked up in a dict built per page,
the age phrase translated once), because per-row template work — ``get_FOO_display`` hashing the
choices, a ``blocktranslate`` per row — was most of the page's time at 100 rows.
"""

import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from journeys.models.intake import Intake, IntakeTag
from journeys.models.requests import RequestStatus, SupportRequest, waiting_group
from journeys.triage import selectors, workflow
from journeys.working_days import almost_overdue_threshold
from schemes import vocabulary as v

PASSED_ON = "passed_on"  # pseudo-status: requests our hubs referred to another hub

# sort key -> (field, descending)
SORTS = {
    "newest": ("created_at", True),
    "oldest": ("created_at", False),
    "due": ("due_at", False),
}
# By deadline, and first the requests that still wait for a first response: overdue ones lead the list,
# answered and closed ones (whose deadlines are long past) follow. The group is part of the keyset.
DEFAULT_SORT = "due"
GROUPED_SORTS = frozenset({"due"})
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
    group: int = 0  # 0 = waits for a first response, 1 = the rest (grouped sorts only)

    def encode(self) -> str:
        return f"{self.group}~{self.value.isoformat()}~{self.pk}"

    @classmethod
    def decode(cls, raw: str) -> "Cursor | None":
        group, sep, rest = (raw or "").partition("~")
        if not sep or group not in ("0", "1"):
            return None
        value, sep, pk = rest.rpartition("~")
        if not sep or not pk.isdigit():
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        if timezone.is_naive(moment):
            return None
        return cls(value=moment, pk=int(pk), group=int(group))


@dataclass
class QueueRow:
    request: SupportRequest
    overdue: bool
    almost_overdue: bool
    stage_label: str = ""
    status_label: str = ""
    assignee: str = ""  # full name, else user name; "" when nobody is assigned
    age: str = ""  # "3 dagen geleden", in the active language


@dataclass
class QueuePage:
    rows: list[QueueRow]
    next_cursor: str | None
    previous_cursor: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0


TRIGRAM = 3  # pg_trgm indexes three-character pieces: a shorter query cannot use them
# From this many matching intakes (of every hub) on, testing the hub's own requests one by one is faster than
# fetching the matches from the trigram indexes (bench 3: ~10,000 matches cost about what the row test costs).
BROAD_SEARCH = 10_000


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
        qs = qs.filter(_search(query))
    return qs


def _search(query: str) -> Q:
    """Company name or e-mail containing the query, the exact KvK number or the exact reference."""
    digits = query.replace(" ", "")
    kvk_number = digits if digits.isdigit() and len(digits) == 8 else None
    if len(query) < TRIGRAM or _matches_many(query, time.monotonic() // 600):
        # Nothing to look up in the indexes, or a text found nearly everywhere ("info@", "B.V."): test the
        # hub's requests one by one, which stops as soon as a page is full. Same rows as the indexed form.
        row_test = Q(intake__company_name__icontains=query) | Q(intake__email__icontains=query)
        row_test |= Q(reference=query.upper())
        return row_test | Q(intake__kvk_number=kvk_number) if kvk_number else row_test
    matching = Q(company_name__icontains=query) | Q(email__icontains=query)
    if kvk_number:
        matching |= Q(kvk_number=kvk_number)
    # One list of intake ids from the trigram indexes (migration 0010) and the reference's unique index, so
    # PostgreSQL fetches just those requests instead of testing every request of the hub (docs/triage.md).
    # order_by(): no model ordering (a sort of every match) in the subquery; all: IN needs no de-duplication.
    by_answers = Intake.objects.filter(matching).order_by().values("id")
    by_reference = SupportRequest.objects.filter(reference=query.upper()).order_by().values("intake_id")
    return Q(intake_id__in=by_answers.union(by_reference, all=True))


@lru_cache(maxsize=256)
def _matches_many(query: str, _ten_minutes: float) -> bool:
    """Whether at least BROAD_SEARCH intakes contain the text: one indexed probe, remembered for ten minutes.

    It only chooses how to search, never what is found, so a slightly stale answer costs time, not correctness.
    """
    matching = Intake.objects.filter(Q(company_name__icontains=query) | Q(email__icontains=query)).order_by()
    return matching.values_list("id", flat=True)[BROAD_SEARCH - 1:BROAD_SEARCH].exists()


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
    now: datetime | None = None, before: Cursor | None = None,
) -> QueuePage:
    """The page after ``after`` (or the first page), or with ``before`` the page before that row."""
    now = now or timezone.now()
    backwards = before is not None and after is None
    cursor = after or before
    qs = _apply_filters(_base(user=user, status=filters.status), user=user, filters=filters, now=now)
    if filters.status and filters.status != PASSED_ON:
        qs = qs.filter(status=filters.status)
    sort_field, descending = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    if backwards:  # read towards the start of the list, then turn the rows round
        descending = not descending
    grouped = filters.sort in GROUPED_SORTS
    if grouped:
        qs = qs.annotate(waiting_group=waiting_group())
    if cursor is not None:
        # The plain bound (<=, >=) is implied by the OR below but is what lets PostgreSQL start the index
        # scan at the cursor; with the OR alone it reads and filters every row of the earlier pages.
        if descending:
            within = qs.filter(**{f"{sort_field}__lte": cursor.value}).filter(
                Q(**{f"{sort_field}__lt": cursor.value}) | Q(**{sort_field: cursor.value, "id__lt": cursor.pk}))
        else:
            within = qs.filter(**{f"{sort_field}__gte": cursor.value}).filter(
                Q(**{f"{sort_field}__gt": cursor.value}) | Q(**{sort_field: cursor.value, "id__gt": cursor.pk}))
        if grouped:
            # Same group and past the cursor, or any row of the next group in the reading direction.
            later_group = {"waiting_group__lt" if descending else "waiting_group__gt": cursor.group}
            qs = within.filter(waiting_group=cursor.group) | qs.filter(**later_group)
        else:
            qs = within
    prefix = "-" if descending else ""
    order = (f"{prefix}{sort_field}", f"{prefix}id")
    if grouped:
        order = (f"{prefix}waiting_group", *order)
    qs = (
        qs.order_by(*order)
        .select_related("hub", "assigned_to", "intake__municipality", "intake__province")
        .only(*QUEUE_COLUMNS)
    )
    requests = list(qs[: page_size + 1])
    has_more = len(requests) > page_size
    requests = requests[:page_size]
    if backwards:
        if not has_more:  # this reaches the start: show the (full) first page instead of a short one
            return queue_page(user=user, filters=filters, after=None, page_size=page_size, now=now)
        requests.reverse()
    threshold = almost_overdue_threshold(now=now)
    stages = {code: str(label) for code, label in v.Stage.choices}
    statuses = {code: str(label) for code, label in RequestStatus.choices}
    age_phrase = _("%(age)s geleden")
    rows = []
    for support_request in requests:
        unanswered = support_request.first_response_at is None and support_request.status in workflow.OPEN_STATUSES
        assigned = support_request.assigned_to
        rows.append(
            QueueRow(
                request=support_request,
                overdue=unanswered and support_request.due_at < now,
                almost_overdue=unanswered and now <= support_request.due_at < threshold,
                stage_label=stages.get(support_request.stage, support_request.stage),
                status_label=statuses.get(support_request.status, support_request.status),
                assignee=(assigned.get_full_name() or assigned.get_username()) if assigned else "",
                age=age_phrase % {"age": timesince(support_request.created_at, now)},
            )
        )
    next_cursor = previous_cursor = None
    if requests and (has_more or backwards):
        last = requests[-1]
        next_cursor = Cursor(value=getattr(last, sort_field), pk=last.pk,
                             group=getattr(last, "waiting_group", 0)).encode()
    if requests and (after is not None or backwards):
        first = requests[0]
        previous_cursor = Cursor(value=getattr(first, sort_field), pk=first.pk,
                                 group=getattr(first, "waiting_group", 0)).encode()
    return QueuePage(rows=rows, next_cursor=next_cursor, previous_cursor=previous_cursor)
