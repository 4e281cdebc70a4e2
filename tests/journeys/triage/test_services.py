from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from journeys.models.requests import Outcome, RequestEvent, RequestHubTrace, RequestStatus
from journeys.triage import services
from tests.factories.catalogue import HubFactory, SchemeFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db
Kind = RequestEvent.Kind


def test_it_changes_status_and_records_an_event_but_no_first_response(cast):
    request = cast.request_a
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=request.version, status=RequestStatus.TRIAGE
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.TRIAGE
    assert request.version == 2
    assert request.first_response_at is None  # a status change reaches nobody (test_first_response.py)
    event = request.events.get()
    assert (event.kind, event.actor, event.hub, event.data["from"], event.data["to"]) == (
        Kind.STATUS_CHANGED, cast.staff_a, cast.hub_a, "new", "triage"
    )


def test_it_keeps_the_first_response_moment(cast):
    request = cast.request_a
    services.request_log_contact(support_request=request, actor=cast.staff_a, channel="phone")
    services.request_change_status(support_request=request, actor=cast.staff_a, version=1, status=RequestStatus.TRIAGE)
    first = request.first_response_at
    assert first is not None
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=2, status=RequestStatus.IN_PROGRESS
    )
    assert request.first_response_at == first


def test_it_closes_with_an_outcome_and_sets_closed_at(cast):
    request = SupportRequestFactory(hub=cast.hub_a, in_progress=True)
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=request.version,
        status=RequestStatus.CLOSED, outcome=Outcome.HELPED,
    )
    assert (request.status, request.outcome) == (RequestStatus.CLOSED, Outcome.HELPED)
    assert request.closed_at is not None
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=request.version, status=RequestStatus.IN_PROGRESS
    )
    assert (request.status, request.outcome, request.closed_at) == (RequestStatus.IN_PROGRESS, "", None)


def test_it_refuses_an_illegal_transition_and_writes_nothing(cast):
    request = cast.request_a
    with pytest.raises(ValidationError):
        services.request_change_status(
            support_request=request, actor=cast.staff_a, version=1, status=RequestStatus.IN_PROGRESS
        )
    request.refresh_from_db()
    assert (request.status, request.version, request.events.count()) == (RequestStatus.NEW, 1, 0)


def test_it_refuses_a_stale_version(cast):
    request = cast.request_a
    # Two staff members opened the page at version 1; Anna saves first.
    services.request_assign(support_request=request, actor=cast.staff_a, version=1, assignee=cast.staff_a)
    stale_copy = type(request).objects.get(pk=request.pk)
    stale_copy.version = 1
    with pytest.raises(ValidationError) as error:
        services.request_assign(
            support_request=stale_copy, actor=cast.colleague_a, version=1, assignee=cast.colleague_a
        )
    assert error.value.code == "stale"
    assert "Iemand anders heeft deze hulpvraag net gewijzigd" in error.value.messages[0]
    request.refresh_from_db()
    assert request.assigned_to == cast.staff_a
    assert request.events.filter(kind=Kind.ASSIGNED).count() == 1


def test_it_assigns_only_to_staff_of_the_same_hub(cast):
    with pytest.raises(ValidationError) as error:
        services.request_assign(support_request=cast.request_a, actor=cast.staff_a, version=1, assignee=cast.staff_b)
    assert error.value.code == "not_hub_staff"
    services.request_assign(support_request=cast.request_a, actor=cast.staff_a, version=1, assignee=cast.colleague_a)
    assert cast.request_a.assigned_to == cast.colleague_a


def test_it_refuses_changes_by_staff_of_another_hub(cast):
    with pytest.raises(PermissionDenied):
        services.request_add_note(support_request=cast.request_a, actor=cast.staff_b, text="Hallo")
    with pytest.raises(PermissionDenied):
        services.request_change_status(
            support_request=cast.request_a, actor=cast.admin, version=1, status=RequestStatus.TRIAGE
        )


def test_it_keeps_notes_internal_and_public_updates_public(cast):
    note = services.request_add_note(support_request=cast.request_a, actor=cast.staff_a, text=" Gebeld. ")
    update = services.request_post_public_update(
        support_request=cast.request_a, actor=cast.staff_a, text="We bellen u donderdag."
    )
    assert (note.text, note.is_public) == ("Gebeld.", False)
    assert update.is_public
    cast.request_a.refresh_from_db()
    assert cast.request_a.first_response_at == update.created_at
    assert cast.request_a.version == 1  # appending never conflicts with someone else's change


def test_it_refuses_an_empty_note(cast):
    with pytest.raises(ValidationError):
        services.request_add_note(support_request=cast.request_a, actor=cast.staff_a, text="   ")


def test_it_overrides_the_stage_with_a_reason(cast):
    request = cast.request_a
    services.request_override_stage(
        support_request=request, actor=cast.staff_a, version=1, stage="frontrunner", reason="Heeft al een keten."
    )
    assert (request.stage, request.computed_stage, request.stage_override_reason) == (
        "frontrunner", "peloton", "Heeft al een keten."
    )
    with pytest.raises(ValidationError):
        services.request_override_stage(support_request=request, actor=cast.staff_a, version=2, stage="starter",
                                        reason="")


def test_it_recommends_a_scheme(cast):
    scheme = SchemeFactory(name="CIRCO-workshop")
    event = services.request_recommend_scheme(
        support_request=cast.request_a, actor=cast.staff_a, scheme=scheme, reason="Ontwerpvraag"
    )
    assert (event.kind, event.data["scheme_name"]) == (Kind.SCHEME_RECOMMENDED, "CIRCO-workshop")


def test_it_marks_a_duplicate_of_a_visible_request(cast):
    original = SupportRequestFactory(hub=cast.hub_a)
    services.request_mark_duplicate(
        support_request=cast.request_a, actor=cast.staff_a, version=1, original_reference=original.reference.lower()
    )
    assert (cast.request_a.status, cast.request_a.outcome, cast.request_a.duplicate_of) == (
        RequestStatus.CLOSED, Outcome.DUPLICATE, original
    )


def test_it_refuses_a_duplicate_of_a_request_in_another_hub(cast):
    other = SupportRequestFactory(hub=cast.hub_b)
    with pytest.raises(ValidationError) as error:
        services.request_mark_duplicate(
            support_request=cast.request_a, actor=cast.staff_a, version=1, original_reference=other.reference
        )
    assert error.value.code == "unknown_original"


def test_it_refers_to_another_hub_with_a_trace_and_a_new_deadline(cast):
    request = cast.request_a
    services.request_assign(support_request=request, actor=cast.staff_a, version=1, assignee=cast.staff_a)
    before = timezone.now()
    services.request_refer_to_hub(
        support_request=request, actor=cast.staff_a, version=2, hub=cast.hub_b, reason="Bedrijf zit in Groningen."
    )
    request.refresh_from_db()
    assert (request.hub, request.status, request.assigned_to) == (cast.hub_b, RequestStatus.NEW, None)
    assert request.due_at > before + timedelta(days=2)
    trace = RequestHubTrace.objects.get(request=request)
    assert (trace.hub, trace.referred_to, trace.referred_by) == (cast.hub_a, cast.hub_b, cast.staff_a)
    event = request.events.get(kind=Kind.REFERRED)
    assert (event.hub, event.text) == (cast.hub_a, "Bedrijf zit in Groningen.")


def test_it_refuses_to_refer_a_closed_request_or_to_the_same_hub(cast):
    with pytest.raises(ValidationError):
        services.request_refer_to_hub(
            support_request=cast.request_a, actor=cast.staff_a, version=1, hub=cast.hub_a, reason="x"
        )
    closed = SupportRequestFactory(hub=cast.hub_a, closed=True)
    with pytest.raises(ValidationError):
        services.request_refer_to_hub(
            support_request=closed, actor=cast.staff_a, version=1, hub=cast.hub_b, reason="x"
        )
    inactive = HubFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.request_refer_to_hub(
            support_request=cast.request_a, actor=cast.staff_a, version=1, hub=inactive, reason="x"
        )
