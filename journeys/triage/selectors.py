"""Reads for the triage desk: who may see which request, and the request page's data.

Access rule, in one place: a request is visible to superusers, to staff of the hub it is in now
(who may also change it) and to staff of hubs it was referred away from (read-only). Everyone
else gets a 404, so a reference number never reveals that a request exists.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from journeys.models.intake import IntakeTag
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
    if not token or len(token) > 64:
        return None
    return (
        SupportRequest.objects.filter(status_token=token, anonymised_at__isnull=True)
        .select_related("hub", "assigned_to")
        .first()
    )


def hub_colleagues(*, support_request: SupportRequest) -> QuerySet:
    return support_request.hub.staff.filter(is_active=True).order_by("first_name", "username")


# The request page shows what the intake stored. The intake owns the exact shape of these
# snapshots; the helpers below accept plain strings or dicts with the usual keys, so a new key
# in the intake never breaks this page.
def _texts(value: Any) -> list[str]:
    if value in (None, "", [], {}):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        for key in ("text", "label", "reason", "message", "name"):
            if value.get(key):
                return [str(value[key])]
        return [", ".join(f"{k}: {val}" for k, val in value.items())]
    if isinstance(value, list | tuple):
        texts: list[str] = []
        for item in value:
            texts.extend(_texts(item))
        return texts
    return [str(value)]


@dataclass(frozen=True)
class MatchView:
    name: str
    url: str
    reasons: list[str]
    gaps: list[str]
    status: str


def intake_matches(*, matches: Any) -> list[MatchView]:
    views: list[MatchView] = []
    for match in matches if isinstance(matches, list) else []:
        if not isinstance(match, dict):
            views.append(MatchView(name=str(match), url="", reasons=[], gaps=[], status=""))
            continue
        scheme = match.get("scheme") if isinstance(match.get("scheme"), dict) else {}
        views.append(
            MatchView(
                name=str(match.get("name") or match.get("scheme_name") or scheme.get("name")
                         or match.get("slug") or match.get("scheme_slug") or "?"),
                url=str(match.get("url") or scheme.get("url") or ""),
                reasons=_texts(match.get("reasons") or match.get("why")),
                gaps=_texts(match.get("gaps") or match.get("missing")),
                status=" ".join(_texts(match.get("status_text") or match.get("availability") or match.get("status"))),
            )
        )
    return views


def intake_reasons(*, value: Any) -> list[str]:
    return _texts(value)


def intake_routing(*, routing: Any) -> list[str]:
    if isinstance(routing, dict):
        return _texts(routing.get("reasons") or routing.get("reason") or routing.get("text")) or (
            _texts(routing) if routing else []
        )
    return _texts(routing)


_TAG_LABELS = {
    IntakeTag.Dimension.SECTOR: v.Sector,
    IntakeTag.Dimension.THEME: v.Theme,
    IntakeTag.Dimension.BUSINESS_AREA: v.BusinessArea,
    IntakeTag.Dimension.DRIVER: v.Driver,
    IntakeTag.Dimension.BARRIER: v.Barrier,
}


def intake_tag_groups(*, intake) -> list[tuple[str, list[str]]]:
    """The multi-choice answers, grouped by question, with Dutch labels."""
    groups: dict[str, list[str]] = {}
    for tag in intake.tags.all():
        choices = _TAG_LABELS.get(tag.dimension)
        label = str(choices(tag.code).label) if choices and tag.code in choices.values else tag.code
        groups.setdefault(tag.dimension, []).append(label)
    return [
        (str(IntakeTag.Dimension(dimension).label), labels)
        for dimension in IntakeTag.Dimension.values
        if (labels := groups.get(dimension))
    ]


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


def request_timeline_with_summaries(*, support_request: SupportRequest) -> list[RequestEvent]:
    events = list(request_timeline(support_request=support_request))
    for event in events:
        event.summary = describe_event(event)
    return events
