"""Scheduling: rows in the caller's transaction, once per key, due at the configured times."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from journeys.followups import services
from journeys.models import EmailOptOut, FollowUp, FollowUpKind, FollowUpState, RequestEvent
from tests.factories.journeys import IntakeFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db

NOON = "2026-03-02 12:00:00+01:00"


def test_it_schedules_the_confirmation_now_and_queues_it_after_commit(django_capture_on_commit_callbacks):
    support_request = SupportRequestFactory(intake__language="en")
    with django_capture_on_commit_callbacks() as callbacks:
        followup = services.followup_schedule_request_confirmation(support_request=support_request)

    assert followup.kind == FollowUpKind.REQUEST_CONFIRMATION
    assert followup.recipient == support_request.intake.email
    assert followup.language == "en"
    assert followup.due_at <= timezone.now()
    assert len(callbacks) == 1
    event = support_request.events.get()
    assert (event.kind, event.is_public) == (RequestEvent.Kind.EMAIL_SCHEDULED, False)


def test_it_schedules_each_follow_up_once():
    support_request = SupportRequestFactory()
    first = services.followup_schedule_request_confirmation(support_request=support_request)
    second = services.followup_schedule_request_confirmation(support_request=support_request)

    assert first.pk == second.pk
    assert FollowUp.objects.count() == 1


def test_it_rolls_back_with_the_event_that_caused_it():
    support_request = SupportRequestFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.followup_schedule_request_confirmation(support_request=support_request)
        raise RuntimeError("the intake save failed")

    assert not FollowUp.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_it_reminds_about_a_saved_intake_after_two_days(settings):
    intake = IntakeFactory(draft=True)
    followup = services.followup_schedule_intake_reminder(intake=intake, resume_url="/intake/verder/abc/")

    assert followup.due_at == timezone.now() + timedelta(hours=48)
    assert followup.payload["resume_url"] == settings.SITE_URL + "/intake/verder/abc/"
    assert services.followup_schedule_intake_reminder(intake=intake, resume_url="/intake/verder/def/").pk == followup.pk


def test_it_uses_the_configured_reminder_delay(settings):
    settings.FOLLOWUP_INTAKE_REMINDER_HOURS = 6
    with time_machine.travel(NOON, tick=False):
        followup = services.followup_schedule_intake_reminder(intake=IntakeFactory(draft=True), resume_url="/x/")
        assert followup.due_at == timezone.now() + timedelta(hours=6)


def test_it_refuses_a_reminder_without_an_address():
    with pytest.raises(ValidationError):
        services.followup_schedule_intake_reminder(intake=IntakeFactory(draft=True, email=""), resume_url="/x/")


@time_machine.travel(NOON, tick=False)
def test_it_asks_did_this_help_fourteen_days_later_only_with_consent():
    support_request = SupportRequestFactory()
    followup = services.followup_schedule_survey(support_request=support_request)

    assert followup.due_at == timezone.now() + timedelta(days=14)
    opted_out = SupportRequestFactory(intake__followup_opt_in=False)
    assert services.followup_schedule_survey(support_request=opted_out) is None


def test_it_schedules_nothing_for_an_address_that_unsubscribed():
    support_request = SupportRequestFactory(intake__email="Weg@Example.nl")
    EmailOptOut.objects.create(email="weg@example.nl")

    assert services.followup_schedule_survey(support_request=support_request) is None
    assert not FollowUp.objects.exists()


def test_it_still_confirms_a_contact_request_the_unsubscribed_address_just_made():
    support_request = SupportRequestFactory(intake__email="weg@example.nl")
    EmailOptOut.objects.create(email="weg@example.nl")

    confirmation = services.followup_schedule_request_confirmation(support_request=support_request)

    assert confirmation.kind == FollowUpKind.REQUEST_CONFIRMATION
    assert confirmation.state == FollowUpState.SCHEDULED


def test_unsubscribe_cancels_scheduled_mail_for_that_address_only():
    mine = services.followup_schedule_survey(support_request=SupportRequestFactory(intake__email="ik@example.nl"))
    other = services.followup_schedule_survey(support_request=SupportRequestFactory(intake__email="ander@example.nl"))

    assert services.email_unsubscribe(email=" IK@example.nl ") == 1

    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.state, mine.cancel_reason) == (FollowUpState.CANCELLED, "unsubscribed")
    assert other.state == FollowUpState.SCHEDULED
    assert mine.support_request.events.filter(kind=RequestEvent.Kind.EMAIL_CANCELLED).exists()


def test_a_survey_answer_is_stored_once():
    support_request = SupportRequestFactory()

    assert services.survey_answer(support_request_id=support_request.pk, helped=True, rating=4)
    assert not services.survey_answer(support_request_id=support_request.pk, helped=False, rating=1)

    support_request.refresh_from_db()
    assert (support_request.survey_helped, support_request.survey_rating) == (True, 4)
    assert support_request.survey_answered_at is not None
    assert support_request.events.filter(kind=RequestEvent.Kind.SURVEY_ANSWERED).count() == 1


def test_a_survey_answer_needs_a_valid_choice():
    support_request = SupportRequestFactory()
    with pytest.raises(ValidationError):
        services.survey_answer(support_request_id=support_request.pk, helped=None, rating=None)
    with pytest.raises(ValidationError):
        services.survey_answer(support_request_id=support_request.pk, helped=None, rating=9)
