"""Reachability checks for /healthz: the database and the Celery broker."""

from pathlib import Path

from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_broker() -> dict:
    url = settings.CELERY_BROKER_URL
    if url == "filesystem://":
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        folder.mkdir(parents=True, exist_ok=True)
        return {"ok": folder.is_dir(), "transport": "filesystem"}
    try:
        with celery_app.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=1, timeout=settings.HEALTH_BROKER_TIMEOUT)
    except Exception as exc:  # kombu raises several kinds; all mean "unreachable"
        return {"ok": False, "transport": url.split(":", 1)[0], "error": exc.__class__.__name__}
    return {"ok": True, "transport": url.split(":", 1)[0]}


def report() -> dict:
    """Everything the checks know, for the internal check only (``manage.py healthcheck``): it names the database
    vendor, the broker transport and when a worker last ran, which /healthz keeps to itself."""
    from portal.models import WorkerHeartbeat

    checks = {"database": check_database(), "broker": check_broker()}
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if checks["database"]["ok"]:
        latest = WorkerHeartbeat.objects.order_by("-last_seen").first()
        body["worker_last_seen"] = latest.last_seen.isoformat() if latest else None
    return body
