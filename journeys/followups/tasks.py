"""Celery entry points: ids in, stable names, all idempotent (the claim decides who sends)."""

from celery import shared_task
from django.conf import settings

from journeys.followups import dispatch, scans
from portal.enqueue import enqueue_on_commit


@shared_task(name="followups.send")
def send_followup(followup_id: int) -> str:
    return dispatch.send_followup(followup_id=followup_id)


@shared_task(name="followups.dispatch_due")
def dispatch_due(lead: bool = True) -> int:
    """The beat's sweep (``lead``). On a backlog it asks FOLLOWUP_DISPATCH_PARALLEL - 1 other workers to sweep
    too; those helpers never ask for more, so one tick starts at most that many sweeps."""
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
