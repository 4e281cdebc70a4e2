"""Closed requests are anonymised after RETENTION_MONTHS by a scheduled task; the figures stay right."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from journeys.models import FollowUp, FollowUpKind, FollowUpState, Intake, IntakeTag, RequestEvent
from journeys.privacy.retention import anonymise_expired, retention_cutoff
from journeys.privacy.tasks import anonymise_expired_task
from tests.factories.journeys import IntakeFactory, RequestEventFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "company_name": "Houtwerk B.V.", "kvk_number": "12345678", "postcode": "3511 AB", "company_size": "small",
    "sectors": ["construction"], "themes": ["regulation"], "self_assessment": "investigating",
    "mra_problem": "Buurman Jansen klaagt over ons afval", "contact_name": "Anna de Vries",
    "email": "anna@houtwerk.example", "phone": "06 12345678", "preferred_contact": "email",
    "consent_share": True, "chain_partners": 3, "municipality_code": "GM0344", "unknown_extra": "vrije tekst",
}


def months_ago(months: int, days: int = 1):
    return retention_cutoff(months=months) - timedelta(days=days)


def closed_request(*, closed_at, **intake_fields):
    request = SupportRequestFactory(
        closed=True, closed_at=closed_at,
        intake__answers=ANSWERS, intake__kvk_number="12345678", intake__phone="06 12345678",
        intake__company_name="Houtwerk B.V.", intake__contact_name="Anna de Vries",
        intake__email="anna@houtwerk.example", **intake_fields,
    )
    IntakeTag.objects.create(intake=request.intake, dimension=IntakeTag.Dimension.SECTOR, code="construction")
    RequestEventFactory(request=request, text="Gebeld met Anna de Vries, 06 12345678")
    RequestEventFactory(request=request, kind=RequestEvent.Kind.CREATED, text="Hulpvraag ontvangen",
                        data={"answers": ANSWERS, "stage": "peloton"})
    return request


def test_it_anonymises_a_request_closed_longer_ago_than_the_retention(settings):
    request = closed_request(closed_at=months_ago(settings.RETENTION_MONTHS))
    old_token = request.status_token

    assert anonymise_expired() == 1

    intake = Intake.objects.get(pk=request.intake_id)
    request.refresh_from_db()
    assert intake.anonymised_at is not None and request.anonymised_at is not None
    for field in ("company_name", "kvk_number", "postcode", "contact_name", "email", "phone"):
        assert getattr(intake, field) == "", field
    assert "Anna" not in str(intake.answers) and "Houtwerk" not in str(intake.answers)
    assert "Jansen" not in str(intake.answers) and "vrije tekst" not in str(intake.answers)
    assert request.status_token != old_token
    events = str(list(RequestEvent.objects.filter(request=request).values("text", "data")))
    assert "Anna" not in events and "12345678" not in events and "Houtwerk" not in events


def test_it_keeps_the_anonymous_facts_the_dashboard_counts(settings):
    request = closed_request(closed_at=months_ago(settings.RETENTION_MONTHS))
    intake_before = Intake.objects.get(pk=request.intake_id)

    anonymise_expired()

    intake = Intake.objects.get(pk=request.intake_id)
    request.refresh_from_db()
    assert intake.stage == intake_before.stage
    assert intake.company_size == "small"
    assert intake.province_id == intake_before.province_id
    assert intake.hub_id == intake_before.hub_id
    assert intake.answers["sectors"] == ["construction"] and intake.answers["chain_partners"] == 3
    assert intake.answers["municipality_code"] == "GM0344"
    assert list(intake.tags.values_list("code", flat=True)) == ["construction"]
    assert request.status == "closed" and request.outcome == "helped"
    assert RequestEvent.objects.filter(request=request).count() == 2
    created = RequestEvent.objects.get(request=request, kind=RequestEvent.Kind.CREATED)
    assert created.data["stage"] == "peloton" and created.data["answers"]["sectors"] == ["construction"]


def test_it_leaves_recent_and_open_requests_alone(settings):
    recent = closed_request(closed_at=months_ago(settings.RETENTION_MONTHS, days=-2))
    still_open = SupportRequestFactory(intake__email="open@example.nl")
    type(still_open).objects.filter(pk=still_open.pk).update(created_at=months_ago(settings.RETENTION_MONTHS + 6))

    assert anonymise_expired() == 0

    assert Intake.objects.get(pk=recent.intake_id).email == "anna@houtwerk.example"
    assert Intake.objects.get(pk=still_open.intake_id).email == "open@example.nl"


def test_it_anonymises_abandoned_drafts_too(settings):
    draft = IntakeFactory(draft=True, answers={"email": "draft@example.nl", "company_name": "Oud B.V."})
    Intake.objects.filter(pk=draft.pk).update(updated_at=months_ago(settings.RETENTION_MONTHS))
    fresh = IntakeFactory(draft=True, answers={"email": "fresh@example.nl"})

    assert anonymise_expired() == 1

    assert Intake.objects.get(pk=draft.pk).answers == {}
    assert Intake.objects.get(pk=fresh.pk).answers == {"email": "fresh@example.nl"}


def test_it_follows_a_configured_period(settings):
    settings.RETENTION_MONTHS = 6
    request = closed_request(closed_at=months_ago(6))

    assert anonymise_expired() == 1
    assert Intake.objects.get(pk=request.intake_id).email == ""


def test_it_cancels_pending_emails_and_forgets_their_address(settings):
    request = closed_request(closed_at=months_ago(settings.RETENTION_MONTHS))
    now = timezone.now()
    pending = FollowUp.objects.create(
        kind=FollowUpKind.SURVEY, recipient="anna@houtwerk.example", due_at=now + timedelta(days=1),
        idempotency_key="survey:x", support_request=request, payload={"name": "Anna"},
    )
    sent = FollowUp.objects.create(
        kind=FollowUpKind.REQUEST_CONFIRMATION, recipient="anna@houtwerk.example", due_at=now,
        idempotency_key="confirmation:x", support_request=request, state=FollowUpState.SENT, sent_at=now,
    )

    anonymise_expired()

    pending.refresh_from_db()
    sent.refresh_from_db()
    assert pending.state == FollowUpState.CANCELLED and pending.cancel_reason == "anonymised"
    assert sent.state == FollowUpState.SENT
    assert pending.recipient == sent.recipient == "" and pending.payload == {}


def test_it_is_idempotent(settings):
    closed_request(closed_at=months_ago(settings.RETENTION_MONTHS))
    assert anonymise_expired() == 1
    stamp = Intake.objects.get().anonymised_at

    assert anonymise_expired() == 0
    assert Intake.objects.get().anonymised_at == stamp


def test_it_runs_as_the_scheduled_task(settings):
    closed_request(closed_at=months_ago(settings.RETENTION_MONTHS))

    assert anonymise_expired_task.name == "journeys.anonymise_expired"
    assert anonymise_expired_task.apply().get() == 1
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "journeys.anonymise_expired" in schedule


def test_it_counts_calendar_months():
    from datetime import datetime

    now = timezone.make_aware(datetime(2026, 3, 31, 12, 0))
    assert retention_cutoff(now=now, months=24) == timezone.make_aware(datetime(2024, 3, 31, 12, 0))
    assert retention_cutoff(now=now, months=1) == timezone.make_aware(datetime(2026, 2, 28, 12, 0))
    assert settings.RETENTION_MONTHS == 24
