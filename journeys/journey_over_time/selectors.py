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


def company_journey(*, support_request) -> dict:
    """The same company's other requests and answers, oldest first: one journey (issue 20, item 3).

    Linked by KvK number when the intake has one, else by e-mail address (case-insensitive); an intake
    with neither stands alone. Anonymised requests are left out. ``stage_then`` is the stage of the first
    request; ``stage_now`` the latest known one: the newest re-assessment answer, else this request's stage.
    """
    from journeys.models import Reassessment, SupportRequest

    intake = support_request.intake
    if intake.kvk_number:
        same = SupportRequest.objects.filter(intake__kvk_number=intake.kvk_number)
        linked_by = "kvk"
    elif intake.email:
        same = SupportRequest.objects.filter(intake__email__iexact=intake.email)
        linked_by = "email"
    else:
        same, linked_by = SupportRequest.objects.none(), ""
    requests = list(same.filter(anonymised_at__isnull=True).select_related("hub").order_by("created_at", "id"))
    if support_request not in requests:
        requests.append(support_request)
        requests.sort(key=lambda r: (r.created_at, r.pk))
    answers = list(Reassessment.objects.filter(support_request__in=requests).order_by("answered_at", "id"))
    earlier = [r for r in requests if r.pk != support_request.pk]
    return {
        "linked_by": linked_by,
        "requests": earlier,
        "answers": answers,
        "stage_then": requests[0].stage,
        "stage_now": answers[-1].stage if answers else support_request.stage,
        "stage_then_label": requests[0].get_stage_display(),
        "stage_now_label": answers[-1].get_stage_display() if answers else support_request.get_stage_display(),
        "has_history": bool(earlier or answers),
    }
