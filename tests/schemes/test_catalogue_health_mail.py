"""The monthly catalogue-health e-mail (issue 14.2): through the outbox, once per admin per month, none when healthy."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from journeys.followups import dispatch
from journeys.models import FollowUp, FollowUpKind
from portal.roles import ensure_catalogue_admin_group
from schemes.catalogue_health.tasks import catalogue_health_mail
from tests.factories.catalogue import SchemeFactory, UserFactory

pytestmark = pytest.mark.django_db
DEC_1 = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)
HEALTHY = {"last_verified_on": dt.date(2026, 11, 1), "url": "https://www.rvo.nl/x", "name_en": "x", "summary_en": "x"}


@pytest.fixture
def admins():
    group = ensure_catalogue_admin_group()
    rosa = UserFactory(username="rosa", is_staff=True, email="rosa@rvo.example")
    rosa.groups.add(group)
    nameless = UserFactory(username="zonder-mail", is_staff=True, email="")
    nameless.groups.add(group)
    UserFactory(username="loket", email="loket@hub.example")  # not a catalogue admin
    return rosa


@time_machine.travel(DEC_1, tick=False)
def test_nothing_is_sent_when_the_catalogue_is_healthy(admins):
    SchemeFactory(**HEALTHY)

    assert catalogue_health_mail() == 0
    assert not FollowUp.objects.exists()


@time_machine.travel(DEC_1, tick=False)
def test_it_mails_each_catalogue_admin_once_a_month_through_the_outbox(admins):
    SchemeFactory(name="Kale regeling", **{**HEALTHY, "url": ""})

    assert catalogue_health_mail() == 1
    assert catalogue_health_mail() == 0  # beat ran twice, or a retry: still one row
    [row] = FollowUp.objects.all()
    assert row.kind == FollowUpKind.CATALOGUE_HEALTH and row.recipient == "rosa@rvo.example"
    assert row.idempotency_key == f"catalogue-health:2026-12:{admins.pk}"

    assert dispatch.dispatch_due() == 1
    [message] = mail.outbox
    assert message.to == ["rosa@rvo.example"]
    assert message.subject == "Catalogus: 1 punt vraagt uw aandacht"
    assert "Kale regeling: Vul een officiële link in" in message.body
    assert "/beheer/schemes/scheme/" in message.body and "/medewerkers/catalogus/gezondheid/" in message.body
    assert dispatch.dispatch_due() == 0 and len(mail.outbox) == 1

    with time_machine.travel(dt.datetime(2027, 1, 1, 7, 0, tzinfo=dt.UTC), tick=False):
        assert catalogue_health_mail() == 1  # a new month, a new overview
