"""A worker registers every task the beat schedule names, found by autodiscovery alone (no hand-kept list)."""

import json
import subprocess
import sys

from django.conf import settings

# A fresh interpreter: in the test process the task modules are already imported by other tests.
PROBE = (
    "import json, django; django.setup(); from portal.celery import app; "
    "app.loader.import_default_modules(); print(json.dumps(sorted(app.tasks)))"
)


def _registered_in_a_fresh_worker_process() -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_it_registers_every_scheduled_task_and_the_send_task():
    registered = _registered_in_a_fresh_worker_process()

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= registered
    assert {"followups.send", "followups.dispatch_due", "journeys.anonymise_expired",
            "insights.refresh_rollup", "portal.record_heartbeat", "schemes.catalogue_health_mail"} <= registered


def test_it_keeps_the_beat_keys_stable():
    assert set(settings.CELERY_BEAT_SCHEDULE) == {
        "worker-heartbeat", "journeys-anonymise-expired", "followups-dispatch-due",
        "followups-scan-response-targets", "followups-scan-scheme-alerts", "insights-refresh-rollup",
        "catalogue-health-mail", "followups-scan-reassessments", "followups-scan-round-alerts",
    }
