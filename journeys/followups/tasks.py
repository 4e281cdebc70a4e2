"""Celery entry points: ids in, stable names, all idempotent (the claim decides who sends)."""

from celery import shared_task

from journeys.followups import dispatch, scans


@shared_task(name="followups.send")
def send_followup(followup_id: int) -> str:
    return dispatch.send_followup(followup_id=followup_id)


@shared_task(name="followups.dispatch_due")
def dispatch_due() -> int:
    return dispatch.dispatch_due()


@shared_task(name="followups.scan_response_targets")
def scan_response_targets() -> int:
    return scans.scan_response_targets()


@shared_task(name="followups.scan_scheme_alerts")
def scan_scheme_alerts() -> int:
    return scans.scan_scheme_alerts()
