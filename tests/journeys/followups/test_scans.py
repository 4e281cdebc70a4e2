"""Beat scans with a frozen clock: response targets for staff, scheme news for entrepreneurs."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from journeys.followups import dispatch, scans
from journeys.models import FollowUp, FollowUpKind, RequestStatus
from portal.celery import app
from schemes import vocabulary as v
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory, UserFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db

NOW = "2026-03-10 09:00:00+01:00"


@time_machine.travel(NOW, tick=False)
def test_staff_hear_once_when_a_request_nears_and_passes_its_target():
    support_request = SupportRequestFactory(due_at=timezone.now() + timedelta(hours=30))

    assert scans.scan_response_targets() == 0  # more than 24 hours left
    with time_machine.travel(timezone.now() + timedelta(hours=7), tick=False):
        assert scans.scan_response_targets() == 1
        assert scans.scan_response_targets() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=31), tick=False):
        assert scans.scan_response_targets() == 1
        dispatch.dispatch_due()

    kinds = list(FollowUp.objects.values_list("kind", flat=True))
    assert kinds == [FollowUpKind.RESPONSE_DUE_SOON, FollowUpKind.RESPONSE_OVERDUE]
    assert [m.to for m in mail.outbox] == [[support_request.hub.email]] * 2
    assert "Reactietermijn verlopen" in mail.outbox[1].subject
    assert "List-Unsubscribe" not in mail.outbox[1].extra_headers
    assert f"/medewerkers/hulpvragen/{support_request.reference}/" in mail.outbox[1].body


@time_machine.travel(NOW, tick=False)
def test_staff_reminders_go_to_the_assignee_and_stop_after_a_response():
    assignee = UserFactory()
    SupportRequestFactory(due_at=timezone.now() - timedelta(hours=1), assigned_to=assignee)
    SupportRequestFactory(due_at=timezone.now() - timedelta(hours=1), first_response_at=timezone.now())
    SupportRequestFactory(due_at=timezone.now() - timedelta(hours=1), status=RequestStatus.CLOSED)

    assert scans.scan_response_targets() == 1
    assert FollowUp.objects.get().recipient == assignee.email


def _matched_request(scheme, **kwargs):
    return SupportRequestFactory(intake__matches=[{"scheme_id": scheme.pk, "slug": scheme.slug, "name": scheme.name}],
                                 **kwargs)


@time_machine.travel(NOW, tick=False)
def test_a_new_round_of_a_matched_scheme_is_announced_once():
    scheme = SchemeFactory()
    with time_machine.travel("2026-02-01 10:00:00+01:00", tick=False):
        support_request = _matched_request(scheme)
    unmatched = SupportRequestFactory(intake__matches=[{"slug": "iets-anders"}])
    ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 3, 9), closes_on=date(2026, 6, 1))

    assert scans.scan_scheme_alerts() == 1
    assert scans.scan_scheme_alerts() == 0
    dispatch.dispatch_due()

    followup = FollowUp.objects.get()
    assert (followup.support_request, followup.payload["event"]) == (support_request, "opened")
    assert not FollowUp.objects.filter(support_request=unmatched).exists()
    assert mail.outbox[0].subject == f"Nu open: {scheme.name}"


@time_machine.travel(NOW, tick=False)
def test_a_round_closing_within_fourteen_days_is_announced():
    scheme = SchemeFactory()
    _matched_request(scheme)
    ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 1, 1), closes_on=date(2026, 3, 20))
    ApplicationRoundFactory(scheme=SchemeFactory(), opens_on=date(2026, 1, 1), closes_on=date(2026, 3, 30))

    assert scans.scan_scheme_alerts() == 1
    assert FollowUp.objects.get().payload["event"] == "closing"


@time_machine.travel(NOW, tick=False)
def test_a_budget_that_runs_out_after_the_intake_is_announced_but_not_one_already_gone():
    scheme = SchemeFactory()
    with time_machine.travel("2026-02-01 10:00:00+01:00", tick=False):
        round_ = ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 1, 1), budget_status=v.BudgetStatus.OPEN)
        old_gone = ApplicationRoundFactory(
            scheme=scheme, opens_on=date(2026, 1, 2), budget_status=v.BudgetStatus.EXHAUSTED
        )
        support_request = _matched_request(scheme)
    with time_machine.travel("2026-03-08 10:00:00+01:00", tick=False):
        round_.budget_status = v.BudgetStatus.EXHAUSTED
        round_.save()

    assert scans.scan_scheme_alerts() == 1
    followup = FollowUp.objects.get()
    assert followup.idempotency_key == f"scheme-alert:{support_request.pk}:{round_.pk}:exhausted"
    assert old_gone.pk != round_.pk


@time_machine.travel(NOW, tick=False)
def test_scheme_alerts_need_follow_up_consent():
    scheme = SchemeFactory()
    _matched_request(scheme, intake__followup_opt_in=False)
    ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 1, 1), closes_on=date(2026, 3, 20))

    assert scans.scan_scheme_alerts() == 0


@time_machine.travel(NOW, tick=False)
def test_a_scan_queues_one_sweep_for_everything_it_scheduled_not_a_task_per_row(django_capture_on_commit_callbacks):
    for _ in range(3):
        SupportRequestFactory(due_at=timezone.now() - timedelta(hours=1))
    app.control.purge()

    with django_capture_on_commit_callbacks(execute=True):
        assert scans.scan_response_targets() == 3

    with app.connection_for_write() as connection:
        client = connection.default_channel.client
        queued = {queue: [json.loads(raw)["headers"]["task"] for raw in client.lrange(queue, 0, -1)]
                  for queue in ("celery", "sweeps")}
        client.delete("sweeps")
    app.control.purge()
    # one sweep, on the sweeps queue of its own (issue 15.12), and no per-row task
    assert queued == {"celery": [], "sweeps": ["followups.dispatch_due"]}
