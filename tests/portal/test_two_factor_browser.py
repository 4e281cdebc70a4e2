"""Setting up the second factor and logging in with it, in a real browser, with axe on each page."""

import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories.catalogue import UserFactory
from tests.portal.test_two_factor import PASSWORD, code_for
from tests.support import screenshots
from tests.support.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server):
    page.goto(live_server.url + "/medewerkers/login/")
    page.get_by_label("Gebruikersnaam").fill("jan")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_staff_member_sets_it_up_and_logs_in_with_a_code(page, live_server):
    user = UserFactory(username="jan")
    log_in(page, live_server)
    expect(page.get_by_role("heading", name="Mijn werk")).to_be_visible()

    page.get_by_role("link", name=re.compile("Inloggen in twee stappen: uit")).click()
    page.get_by_role("link", name="Inloggen in twee stappen instellen").click()
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    assert_accessible(page)
    screenshots.save(page, "two-factor-setup")

    page.get_by_label("Code uit uw app").fill("000000")
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_role("link", name=re.compile("Deze code klopt niet"))).to_be_visible()
    assert_accessible(page)
    screenshots.save(page, "two-factor-setup-error")

    # django-otp refuses codes for a second after a wrong one; a person is never that quick, a browser is.
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=3), tick=True):
        page.get_by_label("Code uit uw app").fill(code_for(TOTPDevice.objects.get(user=user)))
        page.get_by_role("button", name="Aanzetten").click()
        expect(page.get_by_role("heading", name="Bewaar uw herstelcodes")).to_be_visible()
        expect(page.locator(".recovery-codes li")).to_have_count(10)
        assert_accessible(page)
        screenshots.save(page, "two-factor-recovery-codes")
        page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
        expect(page.get_by_role("link", name="Inloggen in twee stappen: aan")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server)
    expect(page.get_by_role("heading", name="Vul uw inlogcode in")).to_be_visible()
    assert_accessible(page)
    screenshots.save(page, "two-factor-verify")
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=40), tick=True):
        page.get_by_label("Code").fill(code_for(TOTPDevice.objects.get(user=user)))
        page.get_by_role("button", name="Doorgaan").click()
        expect(page.get_by_role("heading", name="Mijn werk")).to_be_visible()
        expect(page.get_by_role("link", name="Inloggen in twee stappen: aan")).to_be_visible()
