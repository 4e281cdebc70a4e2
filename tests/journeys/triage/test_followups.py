"""Triage and the outbox: referral and closing schedule the survey; the request page lists and cancels mails."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from journeys.followups import services as followups
from journeys.models import FollowUp, FollowUpKind, FollowUpState
from journeys.models.requests import Outcome, RequestEvent, RequestStatus, SupportRequest
from journeys.triage import services
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _surveys(request: SupportRequest):
    return FollowUp.objects.filter(support_request=request, kind=FollowUpKind.SURVEY)


def _page(request: SupportRequest) -> str:
    return reverse("journeys:request-detail", args=[request.reference])


@pytest.mark.parametrize(("status", "outcome"), [(RequestStatus.REFERRED, ""), (RequestStatus.CLOSED, Outcome.HELPED)])
def test_referring_or_closing_schedules_the_survey_once(cast, settings, status, outcome):
    request = SupportRequestFactory(hub=cast.hub_a, in_progress=True)
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=request.version, status=status, outcome=outcome
    )

    [survey] = _surveys(request)
    assert survey.recipient == request.intake.email and survey.idempotency_key == f"survey:{request.pk}"
    expected = timezone.now() + timedelta(days=settings.FOLLOWUP_SURVEY_DAYS)
    assert abs(survey.due_at - expected) < timedelta(minutes=1)
    # Reopen and close again: still one survey.
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=request.version, status=RequestStatus.IN_PROGRESS
    )
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=request.version, status=RequestStatus.CLOSED,
        outcome=Outcome.HELPED,
    )
    assert _surveys(request).count() == 1


def test_other_status_changes_schedule_nothing(cast):
    request = cast.request_a
    services.request_change_status(support_request=request, actor=cast.staff_a, version=1, status=RequestStatus.TRIAGE)
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=2, status=RequestStatus.IN_PROGRESS
    )
    assert not FollowUp.objects.exists()


def test_referral_to_another_hub_schedules_the_survey(cast):
    services.request_refer_to_hub(
        support_request=cast.request_a, actor=cast.staff_a, version=1, hub=cast.hub_b, reason="Zit in Groningen."
    )
    [survey] = _surveys(cast.request_a)
    assert survey.state == FollowUpState.SCHEDULED
    event = cast.request_a.events.get(kind=RequestEvent.Kind.EMAIL_SCHEDULED)
    assert event.hub == cast.hub_b and not event.is_public


def test_a_duplicate_gets_no_survey(cast):
    original = SupportRequestFactory(hub=cast.hub_a)
    services.request_mark_duplicate(
        support_request=cast.request_a, actor=cast.staff_a, version=1, original_reference=original.reference
    )
    request = SupportRequestFactory(hub=cast.hub_a)
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=1, status=RequestStatus.CLOSED,
        outcome=Outcome.DUPLICATE,
    )
    assert not FollowUp.objects.exists()


def test_no_survey_without_follow_up_consent(cast):
    request = SupportRequestFactory(hub=cast.hub_a, intake__followup_opt_in=False)
    services.request_change_status(
        support_request=request, actor=cast.staff_a, version=1, status=RequestStatus.CLOSED, outcome=Outcome.HELPED
    )
    assert not FollowUp.objects.exists()


def test_a_stale_close_schedules_nothing(cast):
    request = cast.request_a
    with pytest.raises(ValidationError):
        services.request_change_status(
            support_request=request, actor=cast.staff_a, version=7, status=RequestStatus.CLOSED,
            outcome=Outcome.HELPED,
        )
    assert not FollowUp.objects.exists()


def test_the_survey_rolls_back_with_the_status_change(cast, monkeypatch):
    original = services.followup_schedule_survey

    def schedule_then_fail(**kwargs):
        original(**kwargs)  # the survey row is written...
        raise RuntimeError("...and then the transaction fails")

    monkeypatch.setattr(services, "followup_schedule_survey", schedule_then_fail)
    with pytest.raises(RuntimeError):
        services.request_change_status(
            support_request=cast.request_a, actor=cast.staff_a, version=1, status=RequestStatus.CLOSED,
            outcome=Outcome.HELPED,
        )
    cast.request_a.refresh_from_db()
    assert cast.request_a.status == RequestStatus.NEW and not FollowUp.objects.exists()


def test_closing_keeps_a_survey_answer_written_meanwhile(cast):
    request = SupportRequestFactory(hub=cast.hub_a, in_progress=True)
    stale_copy = SupportRequest.objects.get(pk=request.pk)  # what the staff member's page loaded
    assert followups.survey_answer(support_request_id=request.pk, helped=True, rating=5)

    services.request_change_status(
        support_request=stale_copy, actor=cast.staff_a, version=stale_copy.version, status=RequestStatus.CLOSED,
        outcome=Outcome.HELPED,
    )

    request.refresh_from_db()
    assert (request.status, request.survey_helped, request.survey_rating) == (RequestStatus.CLOSED, True, 5)
    assert request.survey_answered_at is not None
    assert not _surveys(request).exists()  # already answered: no need to ask


def test_the_request_page_shows_the_scheduled_survey_after_closing_by_htmx(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("journeys:request-action", args=[cast.request_a.reference, "status"]),
        {"status-version": 1, "status-status": "closed", "status-outcome": "helped"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    survey = _surveys(cast.request_a).get()
    assert "Vraag: heeft dit u geholpen?" in body and "Gepland" in body
    assert reverse("journeys:followups-cancel", args=[survey.pk]) in body
    # The no-JS fallback of the cancel button returns to the request page, not to the action URL.
    assert f'name="next" value="{_page(cast.request_a)}"' in body


def test_staff_cancel_from_the_request_page_without_javascript(client, cast):
    survey = followups.followup_schedule_survey(support_request=cast.request_a)
    client.force_login(cast.staff_a)
    page = client.get(_page(cast.request_a)).content.decode()
    assert "Vraag: heeft dit u geholpen?" in page and "E-mail gepland" in page

    response = client.post(reverse("journeys:followups-cancel", args=[survey.pk]), {"next": _page(cast.request_a)})

    assert response.status_code == 302 and response["Location"] == _page(cast.request_a)
    page = client.get(response["Location"]).content.decode()
    assert "De e-mail is geannuleerd." in page
    assert "Geannuleerd" in page and "E-mail geannuleerd" in page  # the list and the timeline
    survey.refresh_from_db()
    assert survey.state == FollowUpState.CANCELLED and survey.cancelled_by == cast.staff_a


def test_staff_cancel_with_htmx_swaps_the_list_and_refreshes_the_timeline(client, cast):
    survey = followups.followup_schedule_survey(support_request=cast.request_a)
    client.force_login(cast.staff_a)
    page = client.get(_page(cast.request_a)).content.decode()
    assert 'hx-trigger="followups-changed from:body"' in page and 'hx-select="#timeline"' in page

    response = client.post(
        reverse("journeys:followups-cancel", args=[survey.pk]), {"next": _page(cast.request_a)},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert "followups-changed" in json.loads(response["HX-Trigger"])
    assert "<html" not in body and "De e-mail is geannuleerd." in body and "Geannuleerd" in body
    # The message was shown in the swapped list; it does not pop up again on the next page.
    assert "De e-mail is geannuleerd." not in client.get(_page(cast.request_a)).content.decode()


def test_a_superuser_can_cancel_and_a_read_only_hub_sees_no_button(client, cast):
    services.request_refer_to_hub(
        support_request=cast.request_a, actor=cast.staff_a, version=1, hub=cast.hub_b, reason="Zit in Groningen."
    )
    survey = _surveys(cast.request_a).get()
    cancel_url = reverse("journeys:followups-cancel", args=[survey.pk])

    client.force_login(cast.staff_a)  # the hub it was referred away from: may look, not act
    page = client.get(_page(cast.request_a)).content.decode()
    assert "Vraag: heeft dit u geholpen?" in page and cancel_url not in page
    assert client.post(cancel_url).status_code == 404

    client.force_login(cast.superuser)
    assert cancel_url in client.get(_page(cast.request_a)).content.decode()
    assert client.post(cancel_url, {"next": _page(cast.request_a)}).status_code == 302
    survey.refresh_from_db()
    assert survey.state == FollowUpState.CANCELLED
