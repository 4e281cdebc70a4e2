"""Celery entry points: ids in, stable names, all idempotent (the claim decides who sends)."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from journeys.followups import dispatch, scans
from portal.enqueue import enqueue_on_commit, sweep_started

# A database error between the claim and the hand-over: the claim was given back (or is taken up again with
# its token), so the task simply tries again shortly instead of the row waiting out the lease.
SEND_RETRY_SECONDS = 5
SEND_MAX_RETRIES = 5


@shared_task(name="followups.send", bind=True, max_retries=SEND_MAX_RETRIES)
def send_followup(self, followup_id: int, token: str | None = None) -> str:
    try:
        return dispatch.send_followup(followup_id=followup_id, token=token)
    except dispatch.ClaimInterrupted as interrupted:
        raise self.retry(kwargs={"followup_id": followup_id, "token": interrupted.token},
                         countdown=SEND_RETRY_SECONDS, exc=interrupted) from interrupted
    except DatabaseError as error:
        # the claim is back in "scheduled": a retry (or the next sweep) claims it again
        raise self.retry(kwargs={"followup_id": followup_id}, countdown=SEND_RETRY_SECONDS, exc=error) from error


@shared_task(name="followups.dispatch_due")
def dispatch_due(lead: bool = True) -> int:
    """The beat's sweep (``lead``). On a backlog it asks FOLLOWUP_DISPATCH_PARALLEL - 1 other workers to sweep
    too; those helpers never ask for more, so one tick starts at most that many sweeps."""
    sweep_started(dispatch_due)  # a row committed from now on queues the next sweep (portal.enqueue.publish_sweep)

    def start_helpers() -> None:
        for _ in range(settings.FOLLOWUP_DISPATCH_PARALLEL - 1):
            enqueue_on_commit(dispatch_due, lead=False)

    return dispatch.dispatch_due(on_backlog=start_helpers if lead else None)


@shared_task(name="followups.scan_response_targets")
def scan_response_targets() -> int:
    return scans.scan_response_targets()


@shared_task(name="followups.scan_scheme_alerts")
def scan_scheme_alerts() -> int:
    return scans.scan_scheme_alerts()
