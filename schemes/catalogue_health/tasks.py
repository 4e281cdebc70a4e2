"""Celery task of catalogue health: the monthly e-mail (beat: CELERY_BEAT_SCHEDULE "catalogue-health-mail")."""

from celery import shared_task
from django.utils import timezone

from schemes.catalogue_health.mail import catalogue_health_schedule_mail


@shared_task(name="schemes.catalogue_health_mail", acks_late=True)
def catalogue_health_mail() -> int:
    """Schedule this month's health e-mail for the catalogue admins; safe to run more than once a month."""
    return catalogue_health_schedule_mail(today=timezone.localdate())
