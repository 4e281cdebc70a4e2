"""Sending in-process: headers, skips decided at send time, retries with backoff, expired claims."""

from datetime import timedelta

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import OperationalError
from django.utils import timezone

from journeys.followups import dispatch, services
from journeys.models import FollowUp, FollowUpState, RequestEvent
from tests.factories.journeys import IntakeFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_it_sends_a_due_confirmation_with_text_html_and_one_click_unsubscribe(settings):
    support_request = SupportRequestFactory()
    followup = services.followup_schedule_request_confirmation(support_request=support_request)

    assert dispatch.dispatch_due() == 1

    [message] = mail.outbox
    assert message.to == [support_request.intake.email]
    assert support_request.reference in message.subject
    assert f"/status/{support_request.status_token}/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{settings.SITE_URL}/afmelden/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    followup.refresh_from_db()
    assert followup.state == FollowUpState.SENT and followup.sent_at is not None
    assert support_request.events.filter(kind=RequestEvent.Kind.EMAIL_SENT).exists()


def test_it_sends_a_row_only_once_however_often_it_is_asked():
    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())

    assert dispatch.send_followup(followup_id=followup.pk) == FollowUpState.SENT
    assert dispatch.send_followup(followup_id=followup.pk) == "not_claimed"
    assert dispatch.dispatch_due() == 0
    assert len(mail.outbox) == 1


def test_only_one_claim_wins():
    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())

    assert dispatch.claim(followup_id=followup.pk) is not None
    assert dispatch.claim(followup_id=followup.pk) is None


def test_it_does_not_send_before_the_due_time():
    services.followup_schedule_survey(support_request=SupportRequestFactory())

    assert dispatch.dispatch_due() == 0
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        assert dispatch.dispatch_due() == 1
    assert "Heeft dit u geholpen?" in mail.outbox[0].subject


def test_it_skips_the_reminder_when_the_intake_was_submitted_meanwhile():
    intake = IntakeFactory(draft=True)
    followup = services.followup_schedule_intake_reminder(intake=intake, resume_url="/intake/verder/abc/")
    intake.submitted_at = timezone.now()
    intake.save()

    with time_machine.travel(timezone.now() + timedelta(days=3)):
        dispatch.dispatch_due()

    followup.refresh_from_db()
    assert (followup.state, followup.cancel_reason) == (FollowUpState.CANCELLED, "intake_submitted")
    assert not mail.outbox


def test_it_never_sends_to_an_address_that_unsubscribed_after_scheduling():
    followup = services.followup_schedule_survey(support_request=SupportRequestFactory(intake__email="x@example.nl"))
    services.email_unsubscribe(email="x@example.nl")
    # Even a row that escaped the cancellation (e.g. scheduled concurrently) is checked again at send time.
    FollowUp.objects.filter(pk=followup.pk).update(state="scheduled", due_at=timezone.now())

    dispatch.dispatch_due()

    assert not mail.outbox


def test_it_retries_with_growing_delays_and_ends_failed_and_visible(settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    settings.FOLLOWUP_MAX_ATTEMPTS = 3
    settings.FOLLOWUP_RETRY_BASE_SECONDS = 60
    support_request = SupportRequestFactory()
    followup = services.followup_schedule_request_confirmation(support_request=support_request)

    delays = []
    for _ in range(3):
        with time_machine.travel(followup.due_at, tick=False):
            dispatch.send_followup(followup_id=followup.pk)
            followup.refresh_from_db()
            delays.append(followup.due_at - timezone.now())

    assert delays[:2] == [timedelta(seconds=60), timedelta(seconds=120)]
    assert followup.state == FollowUpState.FAILED
    assert followup.attempts == 3
    assert "mail server down" in followup.last_error
    assert support_request.events.filter(kind=RequestEvent.Kind.EMAIL_FAILED).count() == 1


def test_an_expired_claim_that_never_reached_the_mail_server_is_sent_later():
    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())
    dispatch.claim(followup_id=followup.pk)  # the worker died right after claiming

    assert dispatch.dispatch_due() == 0  # still within the lease
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert dispatch.dispatch_due() == 1

    followup.refresh_from_db()
    assert followup.state == FollowUpState.SENT
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("resend", "state"), [(True, FollowUpState.SENT), (False, FollowUpState.FAILED)])
def test_an_interrupted_send_follows_the_configured_guarantee(settings, resend, state):
    settings.FOLLOWUP_RESEND_INTERRUPTED = resend
    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())
    token = dispatch.claim(followup_id=followup.pk)
    FollowUp.objects.filter(pk=followup.pk, claimed_by=token).update(send_started_at=timezone.now())

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        dispatch.dispatch_due()

    followup.refresh_from_db()
    assert followup.state == state
    assert len(mail.outbox) == (1 if resend else 0)


def _database_fails(monkeypatch, name: str) -> None:
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(dispatch, name, fail)


def test_a_database_error_between_claim_and_hand_over_gives_the_claim_back_at_once(monkeypatch):
    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())
    _database_fails(monkeypatch, "opted_out_among")

    with pytest.raises(OperationalError):
        dispatch.send_followup(followup_id=followup.pk)

    followup.refresh_from_db()
    # Not left in "sending" for the 300 s lease: scheduled again, not counted as an attempt, nothing sent.
    assert (followup.state, followup.attempts, followup.claimed_by) == (FollowUpState.SCHEDULED, 0, "")
    assert not mail.outbox
    monkeypatch.undo()
    assert dispatch.send_followup(followup_id=followup.pk) == FollowUpState.SENT  # no lease to wait out
    assert len(mail.outbox) == 1


def test_a_claim_that_could_not_be_given_back_is_taken_up_again_by_the_retry(monkeypatch):
    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())
    _database_fails(monkeypatch, "opted_out_among")
    _database_fails(monkeypatch, "_release")  # the database is still down when the claim is to be given back

    with pytest.raises(dispatch.ClaimInterrupted) as interrupted:
        dispatch.send_followup(followup_id=followup.pk)

    monkeypatch.undo()
    followup.refresh_from_db()
    assert followup.state == FollowUpState.SENDING and followup.send_started_at is None
    assert dispatch.send_followup(followup_id=followup.pk) == "not_claimed"  # nobody else takes it meanwhile
    assert dispatch.send_followup(followup_id=followup.pk, token=interrupted.value.token) == FollowUpState.SENT
    followup.refresh_from_db()
    assert followup.attempts == 1 and len(mail.outbox) == 1


def test_the_send_task_retries_after_a_database_error_before_sending(monkeypatch):
    from journeys.followups import tasks

    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())
    _database_fails(monkeypatch, "opted_out_among")
    _database_fails(monkeypatch, "_release")
    retries = []

    def retry(**kwargs):
        retries.append(kwargs)
        return Retry()

    monkeypatch.setattr(tasks.send_followup, "retry", retry)

    with pytest.raises(Retry):
        tasks.send_followup.run(followup.pk)

    token = FollowUp.objects.get(pk=followup.pk).claimed_by
    assert retries[0]["kwargs"] == {"followup_id": followup.pk, "token": token}
    assert retries[0]["countdown"] == tasks.SEND_RETRY_SECONDS


def test_a_sweep_gives_back_the_rows_it_had_not_handed_over_when_the_database_fails(monkeypatch):
    first, second = (services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())
                     for _ in range(2))
    sent = []
    real = dispatch._send_one

    def send_one_then_fail(followup, *args):
        if sent:
            raise OperationalError("server closed the connection unexpectedly")
        sent.append(followup.pk)
        return real(followup, *args)

    monkeypatch.setattr(dispatch, "_send_one", send_one_then_fail)

    with pytest.raises(OperationalError):
        dispatch.dispatch_due()

    states = dict(FollowUp.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "state"))
    assert sorted(states.values()) == [FollowUpState.SCHEDULED, FollowUpState.SENT]
    assert len(mail.outbox) == 1


def test_an_expired_claim_says_the_claim_expired_not_that_the_worker_stopped():
    followup = services.followup_schedule_request_confirmation(support_request=SupportRequestFactory())
    dispatch.claim(followup_id=followup.pk)

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        dispatch.recover_expired_claims()

    followup.refresh_from_db()
    assert followup.last_error == "claim expired before sending; nothing was sent"
