"""Issue 15.12, measured from outside: behind a backlog of per-row tasks the sweep still runs at once.

Before the sweep had its own queue it waited behind every per-row task (and, with its 5 s expiry, was often
dropped unrun). Here 1,500 per-row tasks are queued first; a due row whose own task is queued after them must
still be sent by the sweep while most of the backlog is waiting.
"""

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from journeys.followups.services import followup_schedule
from journeys.followups.tasks import dispatch_due, send_followup
from journeys.models import FollowUp, FollowUpKind, FollowUpState
from portal.celery import app
from tests.support.worker import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
BACKLOG = 1500
MISSING_ID = 2_000_000_000  # no such row: each task is a quick no-op, as after a burst that was already sent


def test_the_sweep_is_not_stuck_behind_a_backlog_of_per_row_tasks(mailbox_dir, start_worker):
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    with app.producer_or_acquire() as producer:
        for _ in range(BACKLOG):
            send_followup.apply_async(kwargs={"followup_id": MISSING_ID}, producer=producer)
    with transaction.atomic():  # its own per-row task goes to the end of the backlog
        row = followup_schedule(
            kind=FollowUpKind.INTAKE_REMINDER, recipient="ondernemer@example.nl", due_at=timezone.now(),
            idempotency_key="test:behind-backlog", payload={"resume_url": "http://testserver/intake/verder/"},
        )
    dispatch_due.apply_async(expires=60)
    assert broker.llen("celery") >= BACKLOG

    worker = start_worker()

    assert wait_until(lambda: FollowUp.objects.get(pk=row.pk).state == FollowUpState.SENT, timeout=60), \
        worker.output()
    assert broker.llen("celery") > BACKLOG // 2, "the sweep only ran after most of the backlog"
