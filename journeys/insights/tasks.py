"""Celery task of the insight rollup (scheduled nightly in portal/settings.py)."""

from __future__ import annotations

from celery import shared_task

from journeys.insights.rollup_refresh import refresh_recent


@shared_task(name="insights.refresh_rollup", time_limit=1800, soft_time_limit=1750)
def refresh_rollup_task() -> str | None:
    """Recompute the last days of the rollup; idempotent (the refresh locks its state row and rewrites days)."""
    covered = refresh_recent()
    return covered.isoformat() if covered else None
