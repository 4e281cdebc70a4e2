"""The one way to enqueue Celery work: after the transaction commits, never losing the cause.

Anything that must not be lost is a database row before it is a message, and a periodic sweep picks
up rows whose message never arrived. So a broker that is down at commit time is logged, not raised:
the user's submission has already been stored.

A broker that is down must not slow every request either (issue 15.12: with kombu's connection retries in
the request, Redis down took every submission from 0.5 to 2.3 s). So a message is published **once**, without
retries, and a failed publish pauses publishing in this process for ``ENQUEUE_PAUSE_SECONDS`` (a circuit
breaker): during the pause the rows simply wait for the sweep (``followups.dispatch_due``, every
``FOLLOWUP_DISPATCH_SECONDS``), and the first publish after it tries the broker again.
"""

import logging
import os
import threading
import time

import redis
from celery import Task
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_paused_until = 0.0  # time.monotonic() before which this process does not try the broker


def broker_paused() -> bool:
    """True while a recent failed publish keeps this process from trying the broker."""
    return time.monotonic() < _paused_until


def reset_pause() -> None:
    """Close the breaker (tests, and a health check that found the broker back)."""
    global _paused_until
    _paused_until = 0.0


def _pause() -> None:
    global _paused_until
    with _lock:
        _paused_until = time.monotonic() + getattr(settings, "ENQUEUE_PAUSE_SECONDS", 10)


def publish(task: Task, *args: int | str, **kwargs: int | str) -> bool:
    """Publish one message now (no retries); False when the broker is down or paused (the sweep catches up)."""
    return _publish(task, args=args, kwargs=kwargs)


def _publish(task: Task, *, args: tuple = (), kwargs: dict | None = None, expires: float | None = None) -> bool:
    if broker_paused():
        logger.info("Not enqueueing %s: the broker failed moments ago; the periodic sweep will send it.", task.name)
        return False
    try:
        options = {"expires": expires} if expires is not None else {}
        task.apply_async(args=args, kwargs=kwargs or {}, retry=False, **options)
    except Exception:  # broker unreachable: the periodic sweep will find the row
        _pause()
        logger.warning("Could not enqueue %s; the periodic sweep will retry it.", task.name, exc_info=True)
        return False
    return True


def enqueue_on_commit(task: Task, *args: int | str, **kwargs: int | str) -> None:
    transaction.on_commit(lambda: publish(task, *args, **kwargs))


# A sweep queued and not yet started is marked by this Redis key (``sweep_on_commit``).
QUEUED_FLAG = "loket:queued:{name}"
_flag_clients: dict[int, redis.Redis] = {}  # per process id: a client made before a fork is not shared


def _flag_client() -> redis.Redis | None:
    """The broker's Redis for the "already queued" flag; None for other brokers (each call publishes)."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    client = _flag_clients.get(os.getpid())
    if client is None:
        options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
        client = _flag_clients[os.getpid()] = redis.Redis.from_url(
            url, socket_connect_timeout=options.get("socket_connect_timeout", 2),
            socket_timeout=options.get("socket_timeout", 5))
    return client


def publish_sweep(task: Task, *, seconds: int) -> bool:
    """Queue ``task`` (a sweep that takes no arguments) unless one is queued already and has not started yet.

    Many rows due now (a submission each) then share one sweep instead of a message each: one Redis ``SET NX``
    per row instead of a Celery publish (issue 17). The sweep calls ``sweep_started`` before it looks for work,
    so a row committed before that is found by it, and a row committed after it queues the next sweep. The
    flag expires after ``seconds`` (the message's own expiry), so a lost or expired message holds nothing up
    for longer; the beat's sweep catches up as it always does.
    """
    if broker_paused():
        logger.info("Not enqueueing %s: the broker failed moments ago; the periodic sweep will send it.", task.name)
        return False
    client = _flag_client()
    if client is not None:
        key = QUEUED_FLAG.format(name=task.name)
        try:
            if not client.set(key, "1", nx=True, ex=seconds):
                return True  # queued already, not started: it will find this row
        except redis.RedisError:
            _pause()
            logger.warning("Could not enqueue %s; the periodic sweep will retry it.", task.name, exc_info=True)
            return False
    published = _publish(task, expires=seconds)
    if not published and client is not None:
        _forget_flag(client, task)  # nothing is queued: the next row tries again
    return published


def sweep_started(task: Task) -> None:
    """Called by a sweep before it looks for work: from now on a new row queues another sweep."""
    client = _flag_client()
    if client is not None:
        _forget_flag(client, task)


def _forget_flag(client: redis.Redis, task: Task) -> None:
    try:
        client.delete(QUEUED_FLAG.format(name=task.name))
    except redis.RedisError:  # the flag expires by itself
        logger.info("Could not clear the queued flag of %s; it expires by itself.", task.name)


def sweep_on_commit(task: Task, *, seconds: int) -> None:
    transaction.on_commit(lambda: publish_sweep(task, seconds=seconds))
