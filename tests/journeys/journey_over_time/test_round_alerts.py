""""Houd mij op de hoogte" with a frozen clock: subscribe, confirm, announcement, countdowns, opening,
budget almost full, and nothing after an opt-out (issue 20, item 1)."""

import re
from datetime import date
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from journeys.followups import dispatch
from journeys.journey_over_time import round_alerts
from journeys.models import FollowUp, FollowUpKind, FollowUpState, RoundSubscription
from schemes import vocabulary as v
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory

pytestmark = pytest.mark.django_db

EMAIL = "Ondernemer@Example.nl"


def _ckp_like_scheme():
    scheme = SchemeFactory(kind=v.SchemeKind.SUBSIDY,
                           requirements=[v.Requirement.DE_MINIMIS, v.Requirement.CHAIN_DIRECTOR])
    ApplicationRoundFactory(scheme=scheme, opens_on=date(2025, 4, 4), closes_on=date(2025, 9, 4))
    return scheme


def _link(message, name: str) -> str:
    found = re.search(rf"https?://[^\s\"]+/op-de-hoogte/{name}/[^\s\"/]+/", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


def _subscribe_and_confirm(client, scheme, email=EMAIL) -> RoundSubscription:
    response = client.post(reverse("journeys:round-subscribe", args=[scheme.slug]), {"email": email})
    assert response.status_code == 302
    mail.outbox.clear()
    dispatch.dispatch_due()
    (message,) = mail.outbox
    mail.outbox.clear()
    client.post(_link(message, "bevestigen"))
    return RoundSubscription.objects.get(email=email.lower())


def _scan_and_send() -> list:
    round_alerts.scan_round_alerts()
    mail.outbox.clear()
    dispatch.dispatch_due()
    return list(mail.outbox)


@time_machine.travel("2026-03-10 09:00:00+01:00", tick=False)
def test_it_sends_only_the_confirmation_until_the_link_is_used(client):
    scheme = _ckp_like_scheme()

    response = client.post(reverse("journeys:round-subscribe", args=[scheme.slug]), {"email": EMAIL})

    assert response.status_code == 302
    assert EMAIL.lower() not in response["Location"]
    dispatch.dispatch_due()
    (message,) = mail.outbox
    assert message.to == [EMAIL.lower()]
    assert message.subject == f"Bevestig: nieuws over {scheme.name}"
    confirm_path = _link(message, "bevestigen")
    assert "example" not in confirm_path.lower()
    subscription = RoundSubscription.objects.get()
    assert subscription.confirmed_at is None

    ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 5, 1), closes_on=date(2026, 9, 30))
    assert round_alerts.scan_round_alerts() == 0  # not confirmed: no news

    assert "Ja, houd mij op de hoogte" in client.get(confirm_path).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # a GET (a mail scanner) does not confirm
    assert "U bent aangemeld" in client.post(confirm_path).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_each_e_mail_goes_out_once_at_its_moment_and_none_after_the_opt_out(client):
    with time_machine.travel("2026-03-10 09:00:00+01:00", tick=False):
        scheme = _ckp_like_scheme()
        _subscribe_and_confirm(client, scheme)
        assert _scan_and_send() == []  # the closed round of 2025 is no news

    with time_machine.travel("2026-03-11 10:00:00+01:00", tick=False):
        round_ = ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 5, 1), closes_on=date(2026, 9, 30),
                                         budget_status=v.BudgetStatus.UPCOMING)
    with time_machine.travel("2026-03-11 10:15:00+01:00", tick=False):
        (announced,) = _scan_and_send()
        assert announced.subject == f"Nieuwe ronde: {scheme.name}"
        assert "1 mei 2026" in announced.body
        assert _scan_and_send() == []  # the next scan: no duplicate

    with time_machine.travel("2026-04-16 09:00:00+02:00", tick=False):
        assert _scan_and_send() == []  # 15 days before: nothing yet
    with time_machine.travel("2026-04-17 09:00:00+02:00", tick=False):
        (countdown,) = _scan_and_send()
        assert countdown.subject == f"{scheme.name} opent over 14 dagen"
        assert "de-minimisverklaring" in countdown.body
        assert "procesbegeleider" in countdown.body
    with time_machine.travel("2026-04-25 09:00:00+02:00", tick=False):
        assert _scan_and_send() == []  # still the 14-day window: sent already
    with time_machine.travel("2026-04-29 09:00:00+02:00", tick=False):
        (countdown,) = _scan_and_send()
        assert countdown.subject == f"{scheme.name} opent over 2 dagen"
    with time_machine.travel("2026-05-01 08:00:00+02:00", tick=False):
        (opened,) = _scan_and_send()
        assert opened.subject == f"Nu open: {scheme.name}"
    with time_machine.travel("2026-05-06 11:00:00+02:00", tick=False):
        round_.budget_status = v.BudgetStatus.ALMOST_FULL
        round_.save()
        (almost_full,) = _scan_and_send()
        assert almost_full.subject == f"Budget bijna op: {scheme.name}"
        assert _scan_and_send() == []

    keys = list(FollowUp.objects.filter(kind=FollowUpKind.ROUND_ALERT).values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys)) == 5

    # One click from the e-mail's List-Unsubscribe header (RFC 8058: a POST without CSRF token).
    header = almost_full.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/op-de-hoogte/afmelden/" in header
    with time_machine.travel("2026-10-01 09:00:00+02:00", tick=False):
        next_round = ApplicationRoundFactory(scheme=scheme, opens_on=date(2027, 4, 1),
                                             budget_status=v.BudgetStatus.UPCOMING)
    with time_machine.travel("2026-10-01 09:15:00+02:00", tick=False):
        assert round_alerts.scan_round_alerts() == 1  # stored before the opt-out ...
        assert Client(enforce_csrf_checks=True).post(urlsplit(header).path).status_code == 200
        mail.outbox.clear()
        dispatch.dispatch_due()
        assert mail.outbox == []  # ... and not sent after it
        assert FollowUp.objects.get(payload__round_id=next_round.pk).state == FollowUpState.CANCELLED
    with time_machine.travel("2027-03-18 09:00:00+01:00", tick=False):
        assert _scan_and_send() == []  # no countdown either


def test_a_late_subscriber_gets_one_countdown_and_no_announcement(client):
    with time_machine.travel("2026-03-01 09:00:00+01:00", tick=False):
        scheme = SchemeFactory()
        ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 5, 1), budget_status=v.BudgetStatus.UPCOMING)
    with time_machine.travel("2026-04-26 09:00:00+02:00", tick=False):  # 5 days before the opening
        _subscribe_and_confirm(client, scheme)
        (countdown,) = _scan_and_send()
        assert countdown.subject == f"{scheme.name} opent over 5 dagen"
    with time_machine.travel("2026-04-29 09:00:00+02:00", tick=False):
        (countdown,) = _scan_and_send()
        assert countdown.subject == f"{scheme.name} opent over 2 dagen"
    kinds = sorted(FollowUp.objects.filter(kind=FollowUpKind.ROUND_ALERT).values_list("payload__event", flat=True))
    assert kinds == ["countdown-14", "countdown-2"]


def test_an_address_subscribed_after_the_announcement_is_not_told_again(client):
    with time_machine.travel("2026-01-05 09:00:00+01:00", tick=False):
        scheme = SchemeFactory()
        ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 6, 1), budget_status=v.BudgetStatus.UPCOMING)
    with time_machine.travel("2026-01-06 09:00:00+01:00", tick=False):
        _subscribe_and_confirm(client, scheme)
        assert _scan_and_send() == []


@time_machine.travel("2026-04-20 09:00:00+02:00", tick=False)
def test_the_reminder_days_come_from_the_setting(client, settings):
    settings.ROUND_REMINDER_DAYS = [30]
    scheme = SchemeFactory()
    ApplicationRoundFactory(scheme=scheme, opens_on=date(2026, 5, 1), budget_status=v.BudgetStatus.UPCOMING)
    _subscribe_and_confirm(client, scheme)

    round_alerts.scan_round_alerts()

    assert list(FollowUp.objects.filter(kind=FollowUpKind.ROUND_ALERT).values_list("payload__event", flat=True)) == [
        "countdown-30"]


@time_machine.travel("2026-04-20 09:00:00+02:00", tick=False)
def test_asking_twice_sends_one_confirmation_a_day_and_names_no_one(client):
    scheme = _ckp_like_scheme()
    url = reverse("journeys:round-subscribe", args=[scheme.slug])

    first = client.post(url, {"email": EMAIL})
    second = client.post(url, {"email": EMAIL.lower()})
    dispatch.dispatch_due()

    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 1
    assert RoundSubscription.objects.count() == 1


def test_the_form_explains_a_wrong_address_and_an_open_scheme_has_no_form(client):
    scheme = _ckp_like_scheme()
    url = reverse("journeys:round-subscribe", args=[scheme.slug])

    response = client.post(url, {"email": "geen-adres"})

    assert response.status_code == 200
    assert "Vul een e-mailadres in zoals naam@bedrijf.nl" in response.content.decode()
    assert not RoundSubscription.objects.exists()
    open_scheme = SchemeFactory()
    ApplicationRoundFactory(scheme=open_scheme, opens_on=date(2020, 1, 1), closes_on=None)
    assert client.get(reverse("journeys:round-subscribe", args=[open_scheme.slug])).status_code == 404
    assert client.get(reverse("journeys:round-confirm", args=["verzonnen"])).status_code == 404
