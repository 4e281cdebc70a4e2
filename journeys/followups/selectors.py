"""Reads for follow-ups."""

from django.db.models import QuerySet

from journeys.models import FollowUp, SupportRequest


def followups_for_request(*, support_request: SupportRequest) -> QuerySet[FollowUp]:
    """Every follow-up of the request, scheduled and done, in the order they are (or were) due."""
    return FollowUp.objects.filter(support_request=support_request).order_by("due_at", "id")
