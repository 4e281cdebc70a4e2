"""The one way to enqueue Celery work: after the transaction commits, never losing the cause.

Anything that must not be lost is a database row before it is a message, and a periodic sweep picks
up rows whose message never arrived. So a broker that is down at commit time is logged, not raised:
the user's submission has already been stored.
"""

import logging

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task, *args: int | str, **kwargs: int | str) -> None:
    def _send() -> None:
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except Exception:  # broker unreachable: the periodic sweep will find the row
            logger.warning("Could not enqueue %s; the periodic sweep will retry it.", task.name, exc_info=True)

    transaction.on_commit(_send)
