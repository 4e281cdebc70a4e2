"""Bench: one round opens and 100,000 confirmed subscribers are alerted, with 2 Celery workers.

    .venv/bin/python bench/bench_round_alerts.py [--subscribers 100000] [--timeout 900]

Starts a throwaway PostgreSQL and Redis unless DATABASE_URL is set, stores one published scheme whose round
opens today and N confirmed "Houd mij op de hoogte" subscriptions (journeys/journey_over_time), then starts
2 Celery workers (``--pool=solo``, as bench_dispatch.py) writing mail with Django's file backend. The driver
queues the beat's round scan **twice** at once (as two beat ticks or two beats would), then plays beat for
the dispatcher (``followups.dispatch_due`` every FOLLOWUP_DISPATCH_SECONDS). Timed: from queueing the scans to
the last alert ``sent``. Counted: outbox rows (must be N: the scans ran twice), duplicate Message-IDs in the
mailbox, rows sent on a second attempt, and lost alerts (not sent, or sent but not in the mailbox).
Goal: <= 120 s, 0 duplicates, 0 lost. Never fails on timing.
"""

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.bench_dispatch import mailbox_message_ids, start_workers, stop_workers, wait_ready


def store_subscribers(count: int):
    from django.utils import timezone

    from journeys.models import RoundSubscription
    from schemes import vocabulary as v
    from schemes.models import ApplicationRound, Scheme

    scheme = Scheme.objects.create(
        slug="bench-round-alerts", name="Bench: Circulaire Ketenprojecten", kind=v.SchemeKind.SUBSIDY,
        summary="Bench.", status=v.PublicationStatus.PUBLISHED,
        requirements=[v.Requirement.DE_MINIMIS, v.Requirement.CHAIN_DIRECTOR, v.Requirement.COMMITMENT_LETTER],
    )
    confirmed = timezone.now() - timedelta(days=30)
    RoundSubscription.objects.bulk_create(
        [RoundSubscription(scheme=scheme, email=f"abonnee{n}@example.nl", confirmed_at=confirmed)
         for n in range(count)],
        batch_size=5000,
    )
    ApplicationRound.objects.create(scheme=scheme, opens_on=timezone.localdate(), budget_status=v.BudgetStatus.OPEN)
    return scheme


def run(*, subscribers: int, timeout: float, work_dir: Path) -> dict:
    from django.conf import settings
    from django.db.models import Count

    from journeys.followups import tasks
    from journeys.journey_over_time import tasks as round_tasks
    from journeys.models import FollowUp, FollowUpKind, FollowUpState
    from portal.celery import app

    tick = settings.FOLLOWUP_DISPATCH_SECONDS
    mailbox = work_dir / "mailbox"
    mailbox.mkdir()
    store_subscribers(subscribers)
    ours = FollowUp.objects.filter(kind=FollowUpKind.ROUND_ALERT)
    app.control.purge()
    workers = start_workers(2, mailbox=mailbox, log_dir=work_dir)
    try:
        wait_ready(workers)
        load_before = os.getloadavg()
        started = time.monotonic()
        round_tasks.scan_round_alerts.delay()
        round_tasks.scan_round_alerts.delay()  # a second scan at the same moment: must store nothing twice
        sweeps, next_tick, remaining, stored_at = 0, started + tick, subscribers, None
        while time.monotonic() - started < timeout:
            if time.monotonic() >= next_tick:
                tasks.dispatch_due.apply_async(expires=tick)
                sweeps += 1
                next_tick += tick
            stored = ours.count()
            if stored_at is None and stored >= subscribers:
                stored_at = time.monotonic() - started
            remaining = subscribers - ours.filter(state=FollowUpState.SENT).count()
            if stored >= subscribers and remaining == 0:
                break
            time.sleep(1.0)
        elapsed = time.monotonic() - started
        load_after = os.getloadavg()
    finally:
        stop_workers(workers)
    ids_in_mailbox = mailbox_message_ids(mailbox)
    rows = list(ours.only("pk", "idempotency_key", "state", "attempts"))
    expected = {row.message_id for row in rows}
    return {
        "subscribers": subscribers, "elapsed": elapsed, "stored_at": stored_at, "sweeps": sweeps,
        "load_before": load_before, "load_after": load_after,
        "rows": len(rows), "states": dict(ours.values_list("state").annotate(n=Count("id"))),
        "sent": sum(row.state == FollowUpState.SENT for row in rows),
        "delivered": sum(ids_in_mailbox.values()),
        "duplicate_messages": sum(n - 1 for mid, n in ids_in_mailbox.items() if mid in expected and n > 1),
        "duplicate_rows": len(rows) - len({row.idempotency_key for row in rows}) + max(len(rows) - subscribers, 0),
        "retried_rows": sum(row.attempts > 1 for row in rows),
        # Lost: a subscriber without a row, or a row marked sent that is not in the mailbox. Rows still
        # scheduled (or claimed by a worker stopped at the time-out) when the bench ends are "unfinished".
        "lost": max(subscribers - len(rows), 0) + sum(
            1 for row in rows if row.state == FollowUpState.SENT and not ids_in_mailbox[row.message_id]),
        "unfinished": sum(row.state != FollowUpState.SENT for row in rows),
        "delivered_not_marked": sum(
            1 for row in rows if row.state != FollowUpState.SENT and ids_in_mailbox[row.message_id]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args()
    with servers.throwaway_servers(redis=True):
        servers.setup_django()
        from django.conf import settings

        servers.print_header(f"round alerts, {args.subscribers} subscribers, one round opening, 2 Celery workers")
        work_dir = Path(tempfile.mkdtemp(prefix="loket-bench-round-alerts."))
        try:
            r = run(subscribers=args.subscribers, timeout=args.timeout, work_dir=work_dir)
            rate = r["sent"] / r["elapsed"] if r["elapsed"] else 0
            stored = f"{r['stored_at']:.1f} s" if r["stored_at"] is not None else "not all"
            print(f"   {r['sent']}/{r['subscribers']} alerts sent in {r['elapsed']:.1f} s ({rate:.0f}/s; all rows "
                  f"stored after {stored}; {r['sweeps']} beat ticks) -> "
                  f"{servers.verdict(r['elapsed'], 120)} (<= 120 s)")
            ok = r["duplicate_messages"] == 0 and r["duplicate_rows"] == 0 and r["lost"] == 0 and not r["unfinished"]
            print(f"   outbox rows: {r['rows']} (scan queued twice); duplicates: {r['duplicate_rows']} rows, "
                  f"{r['duplicate_messages']} Message-IDs seen twice, {r['retried_rows']} sent on a 2nd attempt; "
                  f"lost: {r['lost']}; unfinished at the end: {r['unfinished']} ({r['delivered_not_marked']} of them "
                  f"delivered before the worker stopped); in mailbox: {r['delivered']}; states: {r['states']}"
                  + ("" if ok else "  GOAL NOT MET"))
            if r["stored_at"] is not None and r["elapsed"] > r["stored_at"]:
                sending = r["elapsed"] - r["stored_at"]
                print(f"   from all rows stored to the last one sent: {sending:.1f} s ({r['sent'] / sending:.0f}/s)")
            load = " ".join(f"{x:.2f}" for x in r["load_before"]), " ".join(f"{x:.2f}" for x in r["load_after"])
            print(f"   load average (1, 5, 15 min) before: {load[0]}; at the end: {load[1]}")
            print(f"   settings: FOLLOWUP_DISPATCH_SECONDS={settings.FOLLOWUP_DISPATCH_SECONDS}, "
                  f"FOLLOWUP_BATCH_SIZE={settings.FOLLOWUP_BATCH_SIZE}, "
                  f"FOLLOWUP_DISPATCH_PARALLEL={settings.FOLLOWUP_DISPATCH_PARALLEL}")
        finally:
            with contextlib.suppress(Exception):
                shutil.rmtree(work_dir)


if __name__ == "__main__":
    main()
