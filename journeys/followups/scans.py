"""Beat jobs that look at the world and schedule follow-ups: response targets and scheme news.

Both are safe to run any number of times: every follow-up they create has an idempotency key naming the
request and the event, so each one is scheduled at most once.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from journeys.followups.services import followup_schedule
from journeys.models import FollowUp, FollowUpKind, RequestStatus, SupportRequest
from portal.enqueue import enqueue_on_commit
from schemes import vocabulary as v
from schemes.models import ApplicationRound
from schemes.selectors import budget_status_since


def _sweep_soon(created: int) -> int:
    """One sweep for everything a scan scheduled, instead of one task per row (a scan can create thousands)."""
    if created:
        from journeys.followups.tasks import dispatch_due

        enqueue_on_commit(dispatch_due)
    return created


def _existing_keys(keys: list[str]) -> set[str]:
    return set(FollowUp.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True))


def scan_response_targets(*, now: datetime | None = None) -> int:
    """Tell hub staff once when a request nears its response target, and once when it is past it."""
    now = now or timezone.now()
    warn_until = now + timedelta(hours=settings.FOLLOWUP_RESPONSE_WARNING_HOURS)
    requests = (
        SupportRequest.objects.filter(
            first_response_at__isnull=True, anonymised_at__isnull=True, due_at__lte=warn_until
        )
        .exclude(status__in=[RequestStatus.REFERRED, RequestStatus.CLOSED])
        .select_related("hub", "assigned_to")
    )
    planned = []
    for request in requests.iterator(chunk_size=500):
        kind = FollowUpKind.RESPONSE_OVERDUE if request.due_at <= now else FollowUpKind.RESPONSE_DUE_SOON
        threshold = "overdue" if kind == FollowUpKind.RESPONSE_OVERDUE else "soon"
        key = f"response-target:{request.pk}:{request.hub_id}:{threshold}"
        planned.append((key, kind, request))
    existing = _existing_keys([key for key, _, _ in planned])
    created = 0
    for key, kind, request in planned:
        if key in existing:
            continue
        recipient = (request.assigned_to.email if request.assigned_to else "") or request.hub.email
        created += followup_schedule(
            kind=kind, recipient=recipient, due_at=now, idempotency_key=key, language="nl",
            support_request=request, payload={"hub_id": request.hub_id, "due_at": request.due_at.isoformat()},
            send_now=False,
        ) is not None
    return _sweep_soon(created)


def round_events(*, today: date) -> list[tuple[ApplicationRound, str, datetime | None]]:
    """Rounds with news: (round, "exhausted" | "closing" | "opened", since when). One event per round."""
    lookback = today - timedelta(days=settings.FOLLOWUP_SCHEME_LOOKBACK_DAYS)
    closing_by = today + timedelta(days=settings.FOLLOWUP_SCHEME_CLOSING_DAYS)
    events = []
    rounds = ApplicationRound.objects.filter(
        scheme__status=v.PublicationStatus.PUBLISHED, opens_on__lte=today
    ).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=lookback)).select_related("scheme")
    for round_ in rounds:
        if round_.budget_status == v.BudgetStatus.EXHAUSTED:
            since = budget_status_since(round_, v.BudgetStatus.EXHAUSTED)
            if since and timezone.localdate(since) >= lookback:
                events.append((round_, "exhausted", since))
            continue
        if round_.closes_on and round_.closes_on < today:
            continue
        if round_.closes_on and round_.closes_on <= closing_by:
            events.append((round_, "closing", None))
        elif round_.opens_on >= lookback:
            opened = timezone.make_aware(datetime.combine(round_.opens_on, datetime.min.time()))
            events.append((round_, "opened", opened))
    return events


def matched_scheme_refs(matches: list) -> set[str]:
    """Scheme ids and slugs from an intake's matches snapshot, whichever keys the snapshot uses."""
    refs = set()
    for match in matches or []:
        if not isinstance(match, dict):
            continue
        for key in ("scheme_id", "id", "pk"):
            if isinstance(match.get(key), int):
                refs.add(f"id:{match[key]}")
        for key in ("slug", "scheme_slug", "scheme"):
            if isinstance(match.get(key), str):
                refs.add(f"slug:{match[key]}")
    return refs


def scan_scheme_alerts(*, now: datetime | None = None) -> int:
    """Tell entrepreneurs (with follow-up consent) when a scheme matched to them opens, closes soon or runs out."""
    now = now or timezone.now()
    events = round_events(today=timezone.localdate(now))
    if not events:
        return 0
    requests = SupportRequest.objects.filter(
        anonymised_at__isnull=True,
        intake__followup_opt_in=True,
        intake__anonymised_at__isnull=True,
        created_at__gte=now - timedelta(days=30 * settings.FOLLOWUP_SCHEME_ALERT_MONTHS),
    ).exclude(intake__email="").select_related("intake")
    planned = []
    for request in requests.iterator(chunk_size=500):
        refs = matched_scheme_refs(request.intake.matches)
        for round_, event, since in events:
            scheme = round_.scheme
            if f"id:{scheme.pk}" not in refs and f"slug:{scheme.slug}" not in refs:
                continue
            if since is not None and since <= request.created_at:  # the entrepreneur saw this already
                continue
            planned.append((f"scheme-alert:{request.pk}:{round_.pk}:{event}", request, round_, event))
    existing = _existing_keys([key for key, *_ in planned])
    created = 0
    for key, request, round_, event in planned:
        if key in existing:
            continue
        created += followup_schedule(
            kind=FollowUpKind.SCHEME_ALERT, recipient=request.intake.email, language=request.intake.language,
            due_at=now, idempotency_key=key, support_request=request, intake=request.intake, scheme=round_.scheme,
            payload={
                "event": event, "round_id": round_.pk,
                "opens_on": round_.opens_on.isoformat(),
                "closes_on": round_.closes_on.isoformat() if round_.closes_on else None,
            },
            send_now=False,
        ) is not None
    return _sweep_soon(created)
