"""Reads: everything stored about one e-mail address, as a JSON-ready export and as a short summary."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from journeys.models import EmailOptOut, FollowUp, Intake, RequestStatus, RoundSubscription, SupportRequest


def normalise_email(email: str) -> str:
    return email.strip().lower()


def intakes_for_email(*, email: str) -> QuerySet[Intake]:
    """Submitted intakes carry the address in a column; drafts only in their answers."""
    email = normalise_email(email)
    return Intake.objects.filter(Q(email__iexact=email) | Q(answers__email__iexact=email)).order_by("created_at", "id")


def followups_for_email(*, email: str) -> QuerySet[FollowUp]:
    email = normalise_email(email)
    intake_ids = intakes_for_email(email=email).values("id")
    return FollowUp.objects.filter(
        Q(recipient=email) | Q(intake_id__in=intake_ids) | Q(support_request__intake_id__in=intake_ids)
    ).filter(audience=FollowUp.Audience.ENTREPRENEUR).order_by("due_at", "id")


def round_subscriptions_for_email(*, email: str) -> QuerySet[RoundSubscription]:
    """"Houd mij op de hoogte" sign-ups (journeys/journey_over_time): an address without any intake."""
    return RoundSubscription.objects.filter(email__iexact=normalise_email(email)).order_by("created_at", "id")


@dataclass(frozen=True)
class Summary:
    intakes: int
    requests: int
    open_requests: int
    references: list[str]
    followups: int
    opted_out: bool
    round_subscriptions: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.intakes or self.followups or self.opted_out or self.round_subscriptions)


def privacy_summary(*, email: str) -> Summary:
    """What an erasure would touch, for the admin's confirm step. Anonymised intakes no longer match."""
    intakes = intakes_for_email(email=email)
    requests = SupportRequest.objects.filter(intake__in=intakes)
    return Summary(
        intakes=intakes.count(),
        requests=requests.count(),
        open_requests=requests.exclude(status=RequestStatus.CLOSED).count(),
        references=list(requests.order_by("created_at").values_list("reference", flat=True)),
        followups=followups_for_email(email=email).exclude(recipient="").count(),
        opted_out=EmailOptOut.objects.filter(email=normalise_email(email)).exists(),
        round_subscriptions=round_subscriptions_for_email(email=email).count(),
    )


def _dt(value):
    return value.isoformat() if value else None


def _request_export(request: SupportRequest) -> dict:
    return {
        "reference": request.reference,
        "hub": request.hub.name,
        "status": request.status,
        "outcome": request.outcome,
        "stage": request.stage,
        "created_at": _dt(request.created_at),
        "due_at": _dt(request.due_at),
        "first_response_at": _dt(request.first_response_at),
        "closed_at": _dt(request.closed_at),
        "survey_helped": request.survey_helped,
        "survey_rating": request.survey_rating,
        # Staff names are the staff's own personal data: the timeline says what and when, not who.
        "timeline": [
            {"kind": event.kind, "at": _dt(event.created_at), "text": event.text, "shown_to_you": event.is_public}
            for event in request.events.all()
        ],
    }


def _intake_export(intake: Intake) -> dict:
    request = getattr(intake, "support_request", None)
    return {
        "id": str(intake.public_id),
        "source": intake.source,
        "language": intake.language,
        "created_at": _dt(intake.created_at),
        "updated_at": _dt(intake.updated_at),
        "submitted_at": _dt(intake.submitted_at),
        "company_name": intake.company_name,
        "kvk_number": intake.kvk_number,
        "company_size": intake.company_size,
        "postcode": intake.postcode,
        "municipality": intake.municipality.name if intake.municipality else None,
        "province": intake.province.display_name if intake.province else None,
        "contact_name": intake.contact_name,
        "email": intake.email,
        "phone": intake.phone,
        "consent_share": intake.consent_share,
        "followup_opt_in": intake.followup_opt_in,
        "answers": intake.answers,
        "stage": intake.stage,
        "stage_reasons": intake.stage_reasons,
        "matches": intake.matches,
        "routing": intake.routing,
        "support_request": _request_export(request) if request else None,
    }


def privacy_export(*, email: str) -> dict:
    """Everything stored under this address, as plain JSON types."""
    email = normalise_email(email)
    intakes = intakes_for_email(email=email).select_related(
        "municipality", "province", "support_request", "support_request__hub"
    ).prefetch_related("support_request__events")
    opt_out = EmailOptOut.objects.filter(email=email).first()
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "intakes": [_intake_export(intake) for intake in intakes],
        "emails": [
            {"kind": f.kind, "due_at": _dt(f.due_at), "state": f.state, "sent_at": _dt(f.sent_at)}
            for f in followups_for_email(email=email).exclude(recipient="")
        ],
        "unsubscribed_at": _dt(opt_out.created_at) if opt_out else None,
        "round_news": [
            {"scheme": s.scheme.slug, "created_at": _dt(s.created_at), "confirmed_at": _dt(s.confirmed_at),
             "unsubscribed_at": _dt(s.unsubscribed_at)}
            for s in round_subscriptions_for_email(email=email).select_related("scheme")
        ],
    }
