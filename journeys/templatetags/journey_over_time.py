"""Template tags for the journey over time: the readiness checklist and "Houd mij op de hoogte" on pages
that other areas own, so each of those templates needs one include line only."""

from django import template
from django.urls import reverse
from django.utils import timezone

from journeys.journey_over_time.forms import RoundSubscribeForm
from journeys.journey_over_time.readiness import can_wait_for_round, checklist_for_match, checklist_for_scheme
from journeys.journey_over_time.selectors import rounds_opening_soon

register = template.Library()


@register.simple_tag
def scheme_readiness(scheme, availability) -> dict:
    """The public scheme page: its checklist (nothing ticked) and, while no round is open, the subscribe form."""
    can_wait = can_wait_for_round(state=availability.state) and scheme.status == "published"
    return {"checklist": checklist_for_scheme(requirements=scheme.requirements), "can_wait": can_wait,
            "form": RoundSubscribeForm() if can_wait else None}


@register.simple_tag
def match_readiness(match: dict) -> dict:
    """One route card: the checklist ticked from the intake; a link to subscribe while its round is not open."""
    state = (match.get("availability") or {}).get("status", "")
    subscribe_url = ""
    if match.get("detail_url") and can_wait_for_round(state=state):
        subscribe_url = reverse("journeys:round-subscribe", args=[match["slug"]])
    return {"checklist": checklist_for_match(match=match), "subscribe_url": subscribe_url}


@register.simple_tag
def request_rounds_soon(support_request) -> list:
    """The request page: rounds of its matched schemes that open soon."""
    return rounds_opening_soon(matches=support_request.intake.matches, today=timezone.localdate())


@register.simple_tag
def request_outcomes_panel(support_request, user) -> dict:
    """The request page: what came of it, and (closed, and the user may change it) the form to record it."""
    from journeys.journey_over_time.forms import OutcomeForm
    from journeys.journey_over_time.selectors import request_outcomes
    from journeys.models import RequestStatus
    from journeys.triage.selectors import can_change_request

    may_record = support_request.status == RequestStatus.CLOSED and can_change_request(
        user=user, support_request=support_request)
    return {"outcomes": request_outcomes(support_request=support_request),
            "form": OutcomeForm() if may_record else None}


@register.simple_tag
def company_journey_for(support_request) -> dict:
    from journeys.journey_over_time.selectors import company_journey

    return company_journey(support_request=support_request)
