from celery import shared_task

from journeys.privacy.retention import anonymise_expired


@shared_task(name="journeys.anonymise_expired")
def anonymise_expired_task() -> int:
    return anonymise_expired()
