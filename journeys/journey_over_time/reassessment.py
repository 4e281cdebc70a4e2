""""Waar staat u nu?": when the re-assessment e-mails are due, their links, and storing the answer.

The first ask is due ``FOLLOWUP_REASSESS_MONTHS`` (default 6) after the request was closed, the next ones a
year apart, for as long as the entrepreneur agreed to follow-up e-mails, did not unsubscribe (the outbox
honours the opt-out) and did not answer "no more" (``Reassessment.keep_asking``). The scan is safe to run
any number of times: ask number N of a request has the key ``reassess:<request>:<N>``.
"""

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from journeys.followups.services import followup_schedule
from journeys.intake.classification import SELF_ASSESSMENT_STAGE
from journeys.models import FollowUp, FollowUpKind, Reassessment, RequestOutcome, RequestStatus, SupportRequest
from portal.enqueue import enqueue_on_commit

_SALT = "journeys.journey_over_time.reassessment"
LINK_DAYS = 90


def ask_number_due(*, closed_at: datetime, now: datetime) -> int:
    """How many asks are due by ``now`` for a request closed at ``closed_at`` (0: none yet)."""
    first = closed_at + relativedelta(months=settings.FOLLOWUP_REASSESS_MONTHS)
    if now < first:
        return 0
    return 1 + relativedelta(now, first).years


def scan_reassessments(*, now: datetime | None = None) -> int:
    """Store the due "Waar staat u nu?" e-mails (one per request and ask); returns how many were new."""
    now = now or timezone.now()
    latest_close = now - relativedelta(months=settings.FOLLOWUP_REASSESS_MONTHS)
    requests = SupportRequest.objects.filter(
        status=RequestStatus.CLOSED, closed_at__lte=latest_close, anonymised_at__isnull=True,
        intake__followup_opt_in=True, intake__anonymised_at__isnull=True,
    ).exclude(intake__email="").exclude(reassessments__keep_asking=False).select_related("intake")
    created = 0
    for request in requests.iterator(chunk_size=500):
        number = ask_number_due(closed_at=request.closed_at, now=now)
        if number < 1:
            continue
        key = f"reassess:{request.pk}:{number}"
        if FollowUp.objects.filter(idempotency_key=key).exists():
            continue
        created += followup_schedule(
            kind=FollowUpKind.REASSESSMENT, recipient=request.intake.email, language=request.intake.language,
            due_at=now, idempotency_key=key, support_request=request, intake=request.intake,
            payload={"number": number}, send_now=False,
        ) is not None
    if created:
        from journeys.followups.tasks import dispatch_due

        enqueue_on_commit(dispatch_due)
    return created


def reassessment_token(*, support_request_id: int, number: int) -> str:
    return signing.dumps({"r": support_request_id, "n": number}, salt=_SALT)


def from_token(token: str) -> tuple[int, int] | None:
    """(request id, ask number), or None when the link is forged, damaged or older than LINK_DAYS."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not isinstance(data.get("n"), int):
        return None
    return data["r"], data["n"]


def barriers_named(*, support_request: SupportRequest) -> list[str]:
    """The barrier codes the intake named (its tags), in vocabulary order."""
    from journeys.models import IntakeTag
    from schemes import vocabulary as v

    tags = support_request.intake.tags.filter(dimension=IntakeTag.Dimension.BARRIER)
    named = set(tags.values_list("code", flat=True))
    return [code for code in v.Barrier.values if code in named]


def route_scheme_ids(*, support_request: SupportRequest) -> list[int]:
    """The schemes the intake's route named (its stored matches), to choose from in "what came of it"."""
    return [match["scheme_id"] for match in support_request.intake.matches or [] if match.get("scheme_id")]


def reassessment_answer(*, support_request: SupportRequest, number: int, data: dict) -> Reassessment | None:
    """Store the answer once (None when this ask was answered already), with its outcome if one was given."""
    try:
        with transaction.atomic():
            answer = Reassessment.objects.create(
                support_request=support_request, number=number, self_assessment=data["self_assessment"],
                stage=SELF_ASSESSMENT_STAGE[data["self_assessment"]], what_did=data.get("what_did", "").strip(),
                what_helped=data.get("what_helped", "").strip(), keep_asking=data["keep_asking"] == "ja",
                barriers_then=list(data.get("barriers_then") or []),
                barriers_resolved=list(data.get("barriers_resolved") or []),
            )
            if data.get("result"):
                RequestOutcome.objects.create(
                    support_request=support_request, source=RequestOutcome.Source.ENTREPRENEUR,
                    result=data["result"], scheme=data.get("scheme"), partner=(data.get("partner") or "").strip(),
                    amount_eur=data.get("amount_eur"), tonnes_saved=data.get("tonnes_saved"),
                    circular_revenue_eur=data.get("circular_revenue_eur"),
                )
    except IntegrityError:
        return None
    return answer
