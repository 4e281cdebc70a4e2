"""The README's run command: SQLite, no Redis, follow-ups still delivered to the local mailbox.

Runs the same management commands and worker as scripts/run.sh, in subprocesses with the embedded
defaults (no DATABASE_URL, no CELERY_BROKER_URL, file mailbox), because the test process itself is
bound to PostgreSQL and Redis.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.journeys.followups.support import mailbox_messages
from tests.support.worker import ROOT

pytestmark = pytest.mark.worker


@pytest.fixture
def embedded_env(tmp_path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_URL"}}
    env.update(DJANGO_DEBUG="true", PORTAL_VAR_DIR=str(tmp_path), STATIC_MANIFEST="false")
    for folder in ("mailbox", "celery-queue", "celery-processed", "celery-control"):
        (tmp_path / folder).mkdir()
    return env


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_it_sets_up_demo_data_on_sqlite_and_delivers_follow_ups_to_the_mailbox(embedded_env, tmp_path):
    manage(embedded_env, "migrate", "--noinput", "-v", "0")
    output = manage(embedded_env, "load_demo").stdout

    assert "rvo-beheer" in output
    assert "circulair-fryslan-medewerker" in output
    counts = manage(embedded_env, "shell", "-c", (
        "from journeys.models import SupportRequest, FollowUp; from schemes.models import Scheme, Hub;"
        "print(Scheme.objects.filter(status='published').count(), Hub.objects.count(),"
        " SupportRequest.objects.count(), FollowUp.objects.filter(kind='request_confirmation').count())"
    )).stdout.split()[-4:]
    schemes, hubs, requests, confirmations = map(int, counts)
    assert schemes >= 25
    assert hubs == 13
    assert requests > 50
    assert confirmations == requests
    assert "Created" not in manage(embedded_env, "load_demo").stdout  # idempotent: no second batch
    statuses = manage(embedded_env, "shell", "-c", (
        "from django.test import Client; from django.contrib.auth.models import User;"
        "from journeys.models import SupportRequest;"
        "c = Client(HTTP_HOST='127.0.0.1');"
        "codes = [c.get(p).status_code for p in ('/', '/regelingen/', '/loketten/')];"
        "c.force_login(User.objects.get(username='rvo-beheer'));"
        "codes += [c.get(p).status_code for p in ('/medewerkers/inzicht/', '/medewerkers/inzicht/barrieres/2026/')];"
        "r = SupportRequest.objects.filter(hub__slug='regionaal-loket-utrecht').first();"
        "c.force_login(r.hub.staff.first());"
        "codes += [c.get(p).status_code"
        "          for p in ('/medewerkers/hulpvragen/', f'/medewerkers/hulpvragen/{r.reference}/')];"
        "print(codes)"
    )).stdout.strip().splitlines()[-1]
    assert statuses == "[200, 200, 200, 200, 200, 200, 200]"
    median = manage(embedded_env, "shell", "-c", (
        "import re; from django.test import Client; from django.contrib.auth.models import User;"
        "c = Client(HTTP_HOST='127.0.0.1'); c.force_login(User.objects.get(username='rvo-beheer'));"
        "body = c.get('/medewerkers/inzicht/').content.decode();"
        "print(re.search(r'Mediaan tot de eerste reactie: ([^ ]+) kalenderdagen', body).group(1))"
    )).stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+(,\d+)?", median), median  # SQLite has no percentile: computed in Python

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--beat", "--pool=solo", "--queues", "celery,sweeps",
         "--loglevel=WARNING", "--schedule", str(tmp_path / "beat-schedule")],
        cwd=ROOT, env={**embedded_env, "FOLLOWUP_DISPATCH_SECONDS": "2"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        mailbox = Path(tmp_path / "mailbox")
        deadline = time.monotonic() + 120
        # One file per mail connection: a sweep sends its batch over one, so count the messages in them.
        while time.monotonic() < deadline and len(mailbox_messages(mailbox)) < 5:
            time.sleep(1)
        mails = mailbox_messages(mailbox)
    finally:
        worker.terminate()
        worker.wait(30)

    assert len(mails) >= 5
    assert "Uw hulpvraag" in mails[0].as_string() or "CL-" in mails[0].as_string()
