"""The monthly catalogue-health e-mail to catalogue admins, through the follow-up outbox.

One row per admin per month (idempotency key ``catalogue-health:YYYY-MM:<user id>``), so a beat task that
runs twice, or a retry, sends it once. Nothing is scheduled when the catalogue is healthy. The findings are
stored in the row's payload: the mail says what was true when it was scheduled.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from journeys.followups.services import followup_schedule
from journeys.models import FollowUp, FollowUpKind
from portal import roles
from schemes.catalogue_health.rules import catalogue_health, rule_titles


def catalogue_admin_recipients():
    """Active catalogue admins (the group, not every superuser) with an e-mail address."""
    return (get_user_model().objects.filter(is_active=True, groups__name=roles.CATALOGUE_ADMIN_GROUP)
            .exclude(email="").distinct().order_by("pk"))


@transaction.atomic
def catalogue_health_schedule_mail(*, today: date) -> int:
    """Schedule this month's health e-mail for every catalogue admin; return how many rows were new."""
    findings = catalogue_health(today=today)
    if not findings:
        return 0
    titles = rule_titles()
    payload = {
        "date": today.isoformat(),
        "count": len(findings),
        "health_path": reverse("schemes:catalogue-health"),
        "groups": [
            {"title": title, "rows": [f.as_json() for f in findings if f.rule == code]}
            for code, title in titles.items() if any(f.rule == code for f in findings)
        ],
    }
    created = 0
    for user in catalogue_admin_recipients():
        key = f"catalogue-health:{today:%Y-%m}:{user.pk}"
        if FollowUp.objects.filter(idempotency_key=key).exists():
            continue
        if followup_schedule(kind=FollowUpKind.CATALOGUE_HEALTH, recipient=user.email, due_at=timezone.now(),
                             idempotency_key=key, payload=payload):
            created += 1
    return created
