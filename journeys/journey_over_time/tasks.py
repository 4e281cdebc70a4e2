"""Celery entry points of the journey over time: stable names, safe to run again."""

from celery import shared_task

from journeys.journey_over_time import reassessment, round_alerts


@shared_task(name="journey_over_time.scan_round_alerts")
def scan_round_alerts() -> int:
    return round_alerts.scan_round_alerts()


@shared_task(name="journey_over_time.scan_reassessments")
def scan_reassessments() -> int:
    return reassessment.scan_reassessments()
