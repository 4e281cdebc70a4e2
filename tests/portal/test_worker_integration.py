import pytest

from portal.models import WorkerHeartbeat
from portal.tasks import record_heartbeat
from tests.support.worker import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_it_runs_a_task_from_redis_in_a_real_worker_and_writes_to_postgres(celery_worker, settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not WorkerHeartbeat.objects.exists()

    record_heartbeat.delay()

    assert wait_until(WorkerHeartbeat.objects.exists), celery_worker.output()
    assert "record_heartbeat" in celery_worker.output()
