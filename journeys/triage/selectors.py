"""Reads for the triage desk: who may see which request, and the request page's data.

Access rule, in one place: a request is visible to superusers, to staff of the hub it is in now
(who may also change it) and to staff of hubs it was referred away from (read-only). Everyone
else gets a 404, so a reference number never reveals that a request exists.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from journeys.intake import presenters
from journeys.models.requests import Outcome, RequestEvent, RequestStatus, SupportRequest
from portal.roles import staff_hub_ids
from schemes import vocabulary as v

User = AbstractBaseUser | AnonymousUser


def requests_for_user(*, user: User) -> QuerySet[SupportRequest]:
    """Requests the user may work on: those in the user's hubs (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return SupportRequest.objects.none()
    if user.is_superuser:
        return SupportRequest.objects.all()
    return SupportRequest.objects.filter(hub_id__in=staff_hub_ids(user))


def requests_passed_on_by_user_hubs(*, user: User) -> QuerySet[SupportRequest]:
    """Requests the user's hubs referred to another hub (and that are not back in one of them)."""
    hub_ids = staff_hub_ids(user)
    if not hub_ids:
        return SupportRequest.objects.none()
    return SupportRequest.objects.filter(hub_traces__hub_id__in=hub_ids).exclude(hub_id__in=hub_ids).distinct()


def _visible_filter(user: User) -> Q | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    hub_ids = staff_hub_ids(user)
    if not hub_ids:
        return None
    return Q(hub_id__in=hub_ids) | Q(hub_traces__hub_id__in=hub_ids)


def request_visible_to(*, user: User, reference: str) -> SupportRequest | None:
    """The request with this reference if the user may at least see it; ``None`` otherwise."""
    visible = _visible_filter(user)
    if visible is None:
        return None
    return (
        SupportRequest.objects.filter(visible, reference=reference)
        .select_related("hub", "assigned_to", "duplicate_of", "intake__municipality", "intake__province")
        .distinct()
        .first()
    )


def can_change_request(*, user: User, support_request: SupportRequest) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or support_request.hub_id in staff_hub_ids(user)


def request_timeline(*, support_request: SupportRequest) -> QuerySet[RequestEvent]:
    return support_request.events.select_related("actor", "hub").order_by("created_at", "id")


def request_public_timeline(*, support_request: SupportRequest) -> QuerySet[RequestEvent]:
    return support_request.events.filter(is_public=True).select_related("actor").order_by("created_at", "id")


def request_by_status_token(*, token: str) -> SupportRequest | None:
    # A NUL byte cannot reach a PostgreSQL text column (the lookup would raise); no token contains one.
    if not token or len(token) > 64 or "\x00" in token:
        return None
    return (
        SupportRequest.objects.filter(status_token=token, anonymised_at__isnull=True)
        .select_related("hub", "assigned_to")
        .first()
    )


def hub_colleagues(*, support_request: SupportRequest) -> QuerySet:
    return support_request.hub.staff.filter(is_active=True).order_by("first_name", "username")


def _answered_sections(answers: dict) -> list[dict]:
    # Staff scan this many times a day: only what the entrepreneur actually answered.
    sections = []
    for section in presenters.answer_rows(answers):
        rows = [row for row in section["rows"] if answers.get(row["key"]) not in (None, "", [])]
        if rows:
            sections.append({**section, "rows": rows})
    return sections


def intake_reasoning(*, support_request: SupportRequest) -> dict[str, Any]:
    """The intake's answers and reasoning as the entrepreneur saw them, plus the latest recompute.

    Words come from the intake's own presenters, so staff read exactly what the entrepreneur read.
    """
    intake = support_request.intake
    context = presenters.result_context(intake)
    latest = (
        support_request.events.filter(kind=RequestEvent.Kind.RECOMPUTED).select_related("actor")
        .order_by("-created_at", "-id").first()
    )
    return {
        "answer_sections": _answered_sections(intake.answers or {}),
        "stage_reasons": context["reasons"],
        "matches": context["matches"],
        "routing_reason": context["routing_reason"],
        "advice": context["advice"],
        "recomputed": latest,
        "recomputed_matches": [presenters.present_match(m) for m in (latest.data.get("matches", []) if latest else [])],
    }


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def describe_event(event: RequestEvent) -> str:
    """One plain line on what changed, from the event's data (the free text is shown separately)."""
    data, kind = event.data or {}, event.kind
    if kind == RequestEvent.Kind.STATUS_CHANGED:
        text = _("Van “%(from)s” naar “%(to)s”") % {
            "from": _label(RequestStatus, data.get("from", "")), "to": _label(RequestStatus, data.get("to", "")),
        }
        if data.get("outcome"):
            text += f" ({_label(Outcome, data['outcome'])})"
        return text
    if kind == RequestEvent.Kind.ASSIGNED:
        return _("Aan %(name)s") % {"name": data["to_name"]} if data.get("to_name") else str(_("Aan niemand"))
    if kind == RequestEvent.Kind.REFERRED:
        return _("Van %(from)s naar %(to)s") % {"from": data.get("from_hub", "?"), "to": data.get("to_hub", "?")}
    if kind == RequestEvent.Kind.STAGE_OVERRIDDEN:
        return _("Van %(from)s naar %(to)s") % {
            "from": _label(v.Stage, data.get("from", "")), "to": _label(v.Stage, data.get("to", "")),
        }
    if kind == RequestEvent.Kind.SCHEME_RECOMMENDED:
        return str(data.get("scheme_name", ""))
    if kind == RequestEvent.Kind.DUPLICATE_MARKED:
        return _("Dubbel van %(reference)s") % {"reference": data.get("duplicate_of", "?")}
    return ""


def trace_cutoff(*, user: User, support_request: SupportRequest):
    """When the user's hub last referred this request away, if the user only sees it through that trace.

    A referring hub keeps sight of what it saw, not of what the new hub does afterwards (its notes, messages,
    assignments): everything after this moment is hidden from it. ``None`` for staff who may change the request.
    """
    if can_change_request(user=user, support_request=support_request):
        return None
    return (support_request.hub_traces.filter(hub_id__in=staff_hub_ids(user))
            .order_by("-left_at").values_list("left_at", flat=True).first())


def request_timeline_with_summaries(*, support_request: SupportRequest, until=None) -> list[RequestEvent]:
    timeline = request_timeline(support_request=support_request)
    if until is not None:
        timeline = timeline.filter(created_at__lte=until)
    events = list(timeline)
    for event in events:
        event.summary = describe_event(event)
    return events
