"""Bench (4): follow-up dispatch of 10,000 due rows with 2 real Celery workers: time, duplicates, lost.

    .venv/bin/python bench/bench_dispatch.py [--rows 10000] [--modes beat,fanout] [--timeout 900]

Starts a throwaway PostgreSQL and Redis unless DATABASE_URL is set, stores N due FollowUp rows (intake
reminders, the commonest scheduled mail) in one go, then starts 2 Celery workers (``--pool=solo``, one process
each, as in tests/support/worker.py) that write every mail with Django's file backend into a fresh folder.
Counted afterwards: time from the first task to the last row ``sent``, duplicates (a Message-ID found more
than once in the mailbox, or a row sent on more than one attempt) and lost rows (not ``sent``, or ``sent`` but
absent from the mailbox).

Modes (each on fresh rows and a fresh mailbox):
- ``beat``: what production does with rows only the beat finds (reminders, surveys, alerts that became due):
  the driver plays Celery beat and queues ``followups.dispatch_due`` every FOLLOWUP_DISPATCH_SECONDS with the
  same expiry as the schedule. The first sweep sees a full batch and asks the other worker to sweep too
  (FOLLOWUP_DISPATCH_PARALLEL); both claim disjoint batches until nothing is due.
- ``fanout``: one ``followups.send`` task per row (what the immediate path queues for a mail due right now),
  shared by both workers. Printed for comparison: no code queues per-row tasks for a backlog (the beat scans
  queue one sweep), and Celery's own cost per task makes this path ~4x slower per mail than a sweep.
Goal: <= 60 s, 0 duplicates, 0 lost. Never fails on timing.
"""

import argparse
import contextlib
import email
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers


def start_workers(count: int, *, mailbox: Path, log_dir: Path) -> list[subprocess.Popen]:
    env = dict(os.environ, EMAIL_URL=f"file://{mailbox}")
    workers = []
    for n in range(count):
        log = (log_dir / f"worker-{n}.log").open("w")
        workers.append(subprocess.Popen(
            [servers.PYTHON, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--loglevel=WARNING",
             "-n", f"bench-dispatch-{n}@%h", "-Q", "celery,sweeps", "--without-mingle", "--without-gossip"],
            cwd=servers.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        ))
    return workers


def wait_ready(workers, *, timeout: float = 60.0) -> None:
    from portal.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if len(replies) >= len(workers):
            return
        if any(w.poll() is not None for w in workers):
            raise RuntimeError("a Celery worker exited early (see its log)")
    raise RuntimeError(f"workers not ready after {timeout:.0f} s")


def stop_workers(workers) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    for worker in workers:
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)


def store_rows(count: int, *, tag: str) -> list[int]:
    from django.utils import timezone

    from journeys.models import FollowUp, FollowUpKind

    now = timezone.now()
    rows = [
        FollowUp(
            kind=FollowUpKind.INTAKE_REMINDER, recipient=f"ondernemer{n}@example.nl", due_at=now,
            idempotency_key=f"bench-dispatch:{tag}:{n}",
            payload={"resume_url": f"https://loket.example/intake/verder/{tag}-{n}/"},
        )
        for n in range(count)
    ]
    return [row.pk for row in FollowUp.objects.bulk_create(rows, batch_size=2000)]


def mailbox_message_ids(mailbox: Path) -> Counter:
    """Message-IDs in Django's file-backend output (one file per connection, messages split by dashes)."""
    counts = Counter()
    for path in mailbox.glob("*.log"):
        for chunk in path.read_text(errors="replace").split("-" * 79 + "\n"):
            if chunk.strip():
                counts[email.message_from_string(chunk)["Message-ID"]] += 1
    return counts


def run_mode(mode: str, *, rows: int, timeout: float, work_dir: Path) -> dict:
    from django.conf import settings
    from django.db.models import Count

    from journeys.followups import tasks
    from journeys.models import FollowUp, FollowUpState
    from portal.celery import app

    tick = settings.FOLLOWUP_DISPATCH_SECONDS
    mailbox = work_dir / f"mailbox-{mode}"
    mailbox.mkdir()
    ids = store_rows(rows, tag=mode)
    # A pk range, not a 10,000-id IN list: the driver polls this often and must not load the database itself.
    ours = FollowUp.objects.filter(
        pk__gte=min(ids), pk__lte=max(ids), idempotency_key__startswith=f"bench-dispatch:{mode}:"
    )
    app.control.purge()
    workers = start_workers(2, mailbox=mailbox, log_dir=work_dir)
    try:
        wait_ready(workers)
        started = time.monotonic()
        if mode == "fanout":
            for followup_id in ids:
                tasks.send_followup.delay(followup_id)
        sweeps = 0
        next_tick = started
        remaining = rows
        while time.monotonic() - started < timeout:
            if mode == "beat" and time.monotonic() >= next_tick:
                tasks.dispatch_due.apply_async(expires=tick)
                sweeps += 1
                next_tick += tick
            remaining = ours.exclude(state=FollowUpState.SENT).count()
            if remaining == 0:
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - started
    finally:
        stop_workers(workers)
    ids_in_mailbox = mailbox_message_ids(mailbox)
    by_id = {row.pk: row for row in ours.only("pk", "idempotency_key", "state", "attempts")}
    expected = {row.message_id for row in by_id.values()}
    states = dict(ours.values_list("state").annotate(n=Count("id")))
    return {
        "mode": mode, "rows": rows, "elapsed": elapsed, "sweeps": sweeps,
        "sent_rows": states.get(FollowUpState.SENT, 0), "states": states,
        "delivered": sum(ids_in_mailbox.values()),
        "duplicate_messages": sum(n - 1 for mid, n in ids_in_mailbox.items() if mid in expected and n > 1),
        "retried_rows": sum(1 for row in by_id.values() if row.attempts > 1),
        "lost": sum(
            1 for row in by_id.values() if row.state != FollowUpState.SENT or not ids_in_mailbox[row.message_id]
        ),
        "stray": sum(n for mid, n in ids_in_mailbox.items() if mid not in expected),
        "unfinished": remaining,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--modes", default="beat,fanout")
    parser.add_argument("--timeout", type=float, default=900.0, help="give up on a mode after this many seconds")
    args = parser.parse_args()
    with servers.throwaway_servers(redis=True):
        servers.setup_django()
        from django.conf import settings

        servers.print_header(f"follow-up dispatch, {args.rows} due rows, 2 Celery workers (solo pool), file mailbox")
        work_dir = Path(tempfile.mkdtemp(prefix="loket-bench-dispatch."))
        try:
            for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
                result = run_mode(mode, rows=args.rows, timeout=args.timeout, work_dir=work_dir)
                rate = result["sent_rows"] / result["elapsed"] if result["elapsed"] else 0
                how = f"{result['sweeps']} beat ticks" if mode == "beat" else f"{args.rows} send tasks"
                # The goal is for dispatching a backlog, which is the beat's sweep; per-row tasks carry single
                # mails that are due right now (a confirmation, a resume link), so their rate is for comparison.
                judged = (f"{servers.verdict(result['elapsed'], 60)} (<= 60 s)" if mode == "beat"
                          else "for comparison: a backlog is sent by the sweep")
                print(f"   {mode:>6}: {result['sent_rows']}/{result['rows']} sent in {result['elapsed']:.1f} s "
                      f"({rate:.0f}/s, {how}) -> {judged}")
                print(f"           duplicates: {result['duplicate_messages']} Message-IDs seen twice, "
                      f"{result['retried_rows']} rows sent on a 2nd attempt; lost: {result['lost']}; "
                      f"messages in mailbox: {result['delivered']} (+{result['stray']} not ours); "
                      f"states: {result['states']}"
                      + ("" if result["duplicate_messages"] == 0 and result["lost"] == 0 else "  GOAL NOT MET"))
            print(f"   settings: FOLLOWUP_DISPATCH_SECONDS={settings.FOLLOWUP_DISPATCH_SECONDS}, "
                  f"FOLLOWUP_BATCH_SIZE={settings.FOLLOWUP_BATCH_SIZE}, "
                  f"FOLLOWUP_DISPATCH_PARALLEL={settings.FOLLOWUP_DISPATCH_PARALLEL}")
        finally:
            with contextlib.suppress(Exception):
                shutil.rmtree(work_dir)


if __name__ == "__main__":
    main()
