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
import threading
import time

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
    if broker_paused():
        logger.info("Not enqueueing %s: the broker failed moments ago; the periodic sweep will send it.", task.name)
        return False
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False)
    except Exception:  # broker unreachable: the periodic sweep will find the row
        _pause()
        logger.warning("Could not enqueue %s; the periodic sweep will retry it.", task.name, exc_info=True)
        return False
    return True


def enqueue_on_commit(task: Task, *args: int | str, **kwargs: int | str) -> None:
    transaction.on_commit(lambda: publish(task, *args, **kwargs))
