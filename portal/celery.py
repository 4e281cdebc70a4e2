"""Celery application: tasks take ids and are enqueued after commit (see portal.tasks)."""

import os

from celery import Celery
from kombu.transport import redis as kombu_redis

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


class _PublishClientChannel(kombu_redis.Channel):
    """kombu's Redis channel, with one client object per channel instead of a new one per publish.

    kombu builds a fresh ``redis.Redis`` for every ``LPUSH`` (``conn_or_acquire``); redis-py 8 sets ~170 response
    callbacks in each one (about 2 % of a partner submission's CPU, issue 17). The client holds no connection of
    its own: every command still takes one from the channel's pool, with the same ``socket_connect_timeout`` /
    ``socket_timeout`` (the transport options), so a Redis outage fails exactly as fast as before and
    ``portal.enqueue``'s circuit breaker is unchanged. When kombu replaces the pool (after a connection error), a
    new client is made for the new pool.
    """

    _publish_client = None

    def _create_client(self, asynchronous=False):
        if asynchronous:
            return super()._create_client(asynchronous=True)
        client, pool = self._publish_client, self.pool
        if client is None or client.connection_pool is not pool:
            client = self._publish_client = super()._create_client()
        return client


class RedisTransport(kombu_redis.Transport):
    """The Redis transport with ``_PublishClientChannel`` (``CELERY_BROKER_TRANSPORT`` for redis:// brokers)."""

    Channel = _PublishClientChannel


app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
