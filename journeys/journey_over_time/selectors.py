"""Reads for the journey over time: which matched schemes of a request open soon."""

from datetime import date, timedelta

from journeys.followups.scans import matched_scheme_refs
from schemes import vocabulary as v
from schemes.models import ApplicationRound

# "Opens soon" on the request page: a hub that sees it this early can help the company get ready.
OPENS_SOON_DAYS = 90


def rounds_opening_soon(*, matches: list, today: date, days: int = OPENS_SOON_DAYS) -> list[ApplicationRound]:
    """The next rounds (within ``days``) of the schemes matched at intake, soonest first; one query."""
    refs = matched_scheme_refs(matches)
    ids = [int(ref[3:]) for ref in refs if ref.startswith("id:")]
    slugs = [ref[5:] for ref in refs if ref.startswith("slug:")]
    if not ids and not slugs:
        return []
    rounds = ApplicationRound.objects.filter(
        scheme__status=v.PublicationStatus.PUBLISHED, opens_on__gt=today, opens_on__lte=today + timedelta(days=days)
    ).filter(scheme_id__in=ids) | ApplicationRound.objects.filter(
        scheme__status=v.PublicationStatus.PUBLISHED, opens_on__gt=today, opens_on__lte=today + timedelta(days=days),
        scheme__slug__in=slugs,
    )
    return list(rounds.select_related("scheme").order_by("opens_on", "scheme__name"))


def request_outcomes(*, support_request) -> list:
    """Every report of what came of the request, newest first."""
    return list(support_request.journey_outcomes.select_related("scheme", "recorded_by"))
