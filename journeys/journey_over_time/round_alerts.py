"""The beat scan that turns round news into outbox rows for everyone who confirmed "Houd mij op de hoogte".

Events per round of a published scheme, and which confirmed subscription gets which (docs/followups.md):

- ``announced``: a round that is not open yet appeared after the subscription was confirmed, more than
  ``max(ROUND_REMINDER_DAYS)`` days before it opens (closer to the date the countdown says it instead);
- ``countdown-<N>``: ``N`` from ``ROUND_REMINDER_DAYS`` (default 14 and 2): from N days before the opening
  the smallest N that covers the days left, so a late subscriber gets one countdown, not all of them;
- ``opened``: the round opened (within ``FOLLOWUP_SCHEME_LOOKBACK_DAYS``) after the subscription was confirmed;
- ``almost_full``: the open round's budget became "almost full" after the subscription was confirmed.

Safe to run any number of times, from any number of processes: every row has the idempotency key
``round:<subscription>:<round>:<event>`` and is inserted with ``ON CONFLICT DO NOTHING``, so each e-mail is
stored once. On PostgreSQL the rows are made by the database itself (one ``INSERT … SELECT`` from the
subscriptions per 20,000 subscription ids: 100,000 rows in seconds); elsewhere (the embedded SQLite) they are
built in Python and bulk-inserted. Rows are due at once and sent by the follow-up dispatcher (one sweep is
queued after commit), which sends round alerts in batches (``journeys/followups/dispatch.py``).
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from journeys.followups.services import opted_out_among
from journeys.models import EmailOptOut, FollowUp, FollowUpKind, FollowUpState, RoundSubscription
from portal.enqueue import enqueue_on_commit
from schemes import vocabulary as v
from schemes.models import ApplicationRound
from schemes.selectors import budget_status_since

INSERT_BATCH = 5000  # rows per bulk_create (the Python path)
INSERT_CHUNK = 20000  # subscription ids per INSERT … SELECT (PostgreSQL)


@dataclass(frozen=True)
class RoundEvent:
    round: ApplicationRound
    event: str
    since: datetime | None  # subscriptions confirmed before this hear about it; None: all of them


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _first_recorded(round_: ApplicationRound) -> datetime | None:
    """When the round was first stored (announced), from its history."""
    return round_.history.order_by("history_date", "history_id").values_list("history_date", flat=True).first()


def countdown_threshold(*, days_left: int) -> int | None:
    """The countdown e-mail that applies with this many days to the opening: the smallest setting that covers it."""
    covering = [days for days in settings.ROUND_REMINDER_DAYS if 0 < days_left <= days]
    return min(covering) if covering else None


def round_alert_events(*, today: date) -> list[RoundEvent]:
    """The news of today, one event per round at most (the most urgent one)."""
    lookback = today - timedelta(days=settings.FOLLOWUP_SCHEME_LOOKBACK_DAYS)
    furthest = max(settings.ROUND_REMINDER_DAYS, default=0)
    rounds = ApplicationRound.objects.filter(scheme__status=v.PublicationStatus.PUBLISHED).filter(
        Q(opens_on__gt=today) | Q(opens_on__gte=lookback, opens_on__lte=today)
        | Q(budget_status=v.BudgetStatus.ALMOST_FULL, opens_on__lte=today)
    ).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today)).select_related("scheme")
    events = []
    for round_ in rounds:
        if round_.opens_on > today:
            days_left = (round_.opens_on - today).days
            threshold = countdown_threshold(days_left=days_left)
            if threshold is not None:
                events.append(RoundEvent(round_, f"countdown-{threshold}", None))
            elif days_left > furthest and (recorded := _first_recorded(round_)) is not None:
                # Without history we cannot tell who knew of the round already: no "announced" e-mail.
                events.append(RoundEvent(round_, "announced", recorded))
            continue
        if round_.budget_status == v.BudgetStatus.EXHAUSTED:
            continue
        if round_.budget_status == v.BudgetStatus.ALMOST_FULL:
            since = budget_status_since(round_, v.BudgetStatus.ALMOST_FULL)
            if since and timezone.localdate(since) >= lookback:
                events.append(RoundEvent(round_, "almost_full", since))
                continue
        if round_.opens_on >= lookback:
            events.append(RoundEvent(round_, "opened", _start_of(round_.opens_on)))
    return events


def _existing(keys: list[str]) -> set[str]:
    found = set()
    for start in range(0, len(keys), INSERT_BATCH):
        found.update(FollowUp.objects.filter(idempotency_key__in=keys[start:start + INSERT_BATCH])
                     .values_list("idempotency_key", flat=True))
    return found


def _subscriptions_for(event: RoundEvent):
    subscriptions = RoundSubscription.objects.filter(
        scheme_id=event.round.scheme_id, confirmed_at__isnull=False, unsubscribed_at__isnull=True
    )
    if event.since is not None:
        subscriptions = subscriptions.filter(confirmed_at__lt=event.since)
    return subscriptions


def _payload(event: RoundEvent) -> dict:
    round_ = event.round
    return {"event": event.event, "round_id": round_.pk, "opens_on": round_.opens_on.isoformat(),
            "closes_on": round_.closes_on.isoformat() if round_.closes_on else None}


def _rows_for(event: RoundEvent, *, now: datetime) -> list[FollowUp]:
    """The event's rows built in Python (databases other than PostgreSQL, e.g. the embedded SQLite)."""
    round_ = event.round
    wanted = list(_subscriptions_for(event).order_by("pk").values_list("pk", "email", "language"))
    keyed = {f"round:{pk}:{round_.pk}:{event.event}": (pk, email, language) for pk, email, language in wanted}
    done = _existing(list(keyed))
    opted_out = opted_out_among(emails=[email for key, (_, email, _) in keyed.items() if key not in done])
    payload = _payload(event)
    return [
        FollowUp(kind=FollowUpKind.ROUND_ALERT, audience=FollowUp.Audience.ENTREPRENEUR, recipient=email,
                 language=language, due_at=now, idempotency_key=key, scheme_id=round_.scheme_id,
                 payload={**payload, "subscription_id": pk})
        for key, (pk, email, language) in keyed.items()
        if key not in done and email not in opted_out
    ]


def _store_in_python(event: RoundEvent, *, now: datetime) -> int:
    rows = _rows_for(event, now=now)
    for start in range(0, len(rows), INSERT_BATCH):
        with transaction.atomic():
            # ignore_conflicts: a scan running at the same time stored some keys first; they are not doubled.
            FollowUp.objects.bulk_create(rows[start:start + INSERT_BATCH], ignore_conflicts=True)
    return len(rows)


def _column(name: str) -> str:
    return connection.ops.quote_name(FollowUp._meta.get_field(name).column)


def _store_in_sql(event: RoundEvent, *, now: datetime) -> int:
    """PostgreSQL: ``INSERT … SELECT`` from the subscriptions, ``ON CONFLICT (idempotency_key) DO NOTHING``,
    in ranges of ``INSERT_CHUNK`` subscription ids (one short transaction each). Nothing travels through
    Python per subscriber; returns the rows this scan inserted (a key another scan stored first is not counted).

    Two scans at once insert the same keys in the same order (by subscription id); the second waits on the
    first one's uncommitted keys and then skips them, so each row exists once.
    """
    round_ = event.round
    subscriptions = _subscriptions_for(event)
    bounds = subscriptions.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return 0
    table = connection.ops.quote_name(FollowUp._meta.db_table)
    opt_outs = connection.ops.quote_name(EmailOptOut._meta.db_table)
    columns = ("kind", "audience", "recipient", "language", "due_at", "state", "attempts", "last_error",
               "idempotency_key", "claimed_by", "cancel_reason", "scheme", "payload", "created_at", "updated_at")
    prefix = f"round:%s:{round_.pk}:{event.event}"  # the key the Python path builds, see _rows_for
    created = 0
    for low in range(bounds["low"], bounds["high"] + 1, INSERT_CHUNK):
        chunk = subscriptions.filter(pk__gte=low, pk__lt=low + INSERT_CHUNK).order_by("pk")
        select_sql, select_params = chunk.values_list("pk", "email", "language").query.sql_with_params()
        sql = (
            # Names from the models, values as parameters; the subquery is the ORM's own SQL.
            f"INSERT INTO {table} ({', '.join(_column(name) for name in columns)}) "  # noqa: S608
            f"SELECT %s, %s, s.email, s.language, %s, %s, 0, '', replace(%s, '%%s', s.id::text), '', '', %s, "
            f"%s::jsonb || jsonb_build_object('subscription_id', s.id), %s, %s "
            f"FROM ({select_sql}) AS s (id, email, language) "
            f"WHERE NOT EXISTS (SELECT 1 FROM {opt_outs} o WHERE o.email = lower(s.email)) "
            f"ORDER BY s.id ON CONFLICT (idempotency_key) DO NOTHING"
        )
        params = [FollowUpKind.ROUND_ALERT, FollowUp.Audience.ENTREPRENEUR, now, FollowUpState.SCHEDULED,
                  prefix, round_.scheme_id, json.dumps(_payload(event)), now, now, *select_params]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            created += cursor.rowcount
    return created


def scan_round_alerts(*, now: datetime | None = None) -> int:
    """Store today's round e-mails for every confirmed subscriber; returns how many rows this scan stored."""
    now = now or timezone.now()
    store = _store_in_sql if connection.vendor == "postgresql" else _store_in_python
    created = 0
    for event in round_alert_events(today=timezone.localdate(now)):
        created += store(event, now=now)
    if created:
        from journeys.followups.tasks import dispatch_due

        enqueue_on_commit(dispatch_due)
    return created
