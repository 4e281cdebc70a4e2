"""The broker publish reuses one Redis client per channel (issue 17) and still fails fast when Redis is down."""

import time

import pytest
import redis
from django.conf import settings as django_settings

from journeys.followups.tasks import send_followup
from portal import enqueue
from portal.celery import RedisTransport, _PublishClientChannel, app
from tests.faults import servers

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def breaker_closed():
    enqueue.reset_pause()
    yield
    enqueue.reset_pause()


def _queue_length() -> int:
    return redis.Redis.from_url(django_settings.CELERY_BROKER_URL).llen(django_settings.CELERY_TASK_DEFAULT_QUEUE)


def test_a_redis_broker_uses_the_portal_transport():
    servers.require_servers()
    with app.connection_for_write() as connection:
        assert connection.transport_cls is RedisTransport or isinstance(connection.transport, RedisTransport)
        assert isinstance(connection.default_channel, _PublishClientChannel)


def test_publishes_reuse_one_client_and_every_message_arrives(breaker_closed, monkeypatch):
    servers.require_servers()
    clients = []
    original = _PublishClientChannel._create_client

    def spy(self, asynchronous=False):
        client = original(self, asynchronous=asynchronous)
        if not asynchronous:
            clients.append(client)
        return client

    monkeypatch.setattr(_PublishClientChannel, "_create_client", spy)
    before = _queue_length()
    assert all(enqueue.publish(send_followup, 10_000 + n) for n in range(3))

    assert _queue_length() == before + 3  # every message is in the queue, none merged or lost
    assert len(clients) >= 3 and len({id(client) for client in clients}) == 1  # one client object for all of them


def test_with_redis_down_a_publish_fails_fast_and_works_again_after(breaker_closed, settings):
    servers.require_servers()
    settings.ENQUEUE_PAUSE_SECONDS = 0
    assert enqueue.publish(send_followup, 10_100)  # the cached client exists now
    servers.redis_stop()
    try:
        started = time.monotonic()
        assert enqueue.publish(send_followup, 10_101) is False
        assert time.monotonic() - started < 6  # socket timeouts of the transport, no retries
    finally:
        servers.redis_start()
    enqueue.reset_pause()
    before = _queue_length()
    assert enqueue.publish(send_followup, 10_102)
    assert _queue_length() == before + 1
