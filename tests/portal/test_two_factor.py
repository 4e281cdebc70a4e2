"""The optional second factor (TOTP app + recovery codes): set-up, log-in with a code, recovery, removal, and
the setting that makes it compulsory — all through the pages a staff member uses."""

import re

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.catalogue import HubFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
SETUP = "/medewerkers/twee-stappen/instellen/"
VERIFY = "/medewerkers/twee-stappen/code/"
MANAGE = "/medewerkers/twee-stappen/"


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def set_up(client, user) -> tuple[TOTPDevice, list[str]]:
    client.force_login(user)
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(SETUP, {"code": code_for(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    client.logout()
    return device, codes


def log_in(client, username="jan"):
    return client.post("/medewerkers/login/", {"username": username, "password": PASSWORD})


def test_the_setup_page_shows_a_qr_code_and_the_key_and_keeps_it_on_reload(client):
    user = UserFactory(username="jan")
    client.force_login(user)

    first = client.get(SETUP).content.decode()
    second = client.get(SETUP).content.decode()

    assert '<svg role="img" aria-label=' in first
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", first).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert secret in second  # a reload does not change the key the app already scanned
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_wrong_first_code_is_explained_at_the_field_and_turns_nothing_on(client):
    user = UserFactory(username="jan")
    client.force_login(user)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "000000"})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_code"' in page
    assert "Deze code klopt niet" in page
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_setting_it_up_gives_ten_recovery_codes_shown_once(client):
    user = UserFactory(username="jan")

    _device, codes = set_up(client, user)

    assert len(codes) == 10 and len(set(codes)) == 10
    client.force_login(user)
    assert not any(code in client.get(MANAGE).content.decode() for code in codes)


def test_with_a_second_factor_the_password_alone_opens_nothing(client):
    user = UserFactory(username="jan")
    HubFactory().staff.add(user)
    set_up(client, user)

    assert log_in(client).status_code == 302
    for url in ("/medewerkers/", "/medewerkers/hulpvragen/", "/beheer/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY + "?next=")


def test_the_code_from_the_app_opens_the_page_asked_for(client):
    user = UserFactory(username="jan")
    HubFactory().staff.add(user)
    device, _codes = set_up(client, user)
    log_in(client)
    before = client.session.session_key

    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=31)):
        response = client.post(VERIFY, {"code": code_for(device), "next": "/medewerkers/hulpvragen/"})
        assert response.status_code == 302
        assert response["Location"] == "/medewerkers/hulpvragen/"
        assert client.get("/medewerkers/hulpvragen/").status_code == 200
    assert client.session.session_key != before  # a new session key once the second factor is given


def test_a_wrong_code_is_refused_with_a_message_at_the_field(client):
    user = UserFactory(username="jan")
    set_up(client, user)
    log_in(client)

    response = client.post(VERIFY, {"code": "123456"})

    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/medewerkers/").status_code == 302


def test_right_after_a_wrong_code_it_asks_to_wait_then_accepts_the_right_one(client):
    user = UserFactory(username="jan")
    device, _codes = set_up(client, user)
    log_in(client)
    client.post(VERIFY, {"code": "123456"})

    too_soon = client.post(VERIFY, {"code": code_for(device)})
    assert too_soon.status_code == 400
    assert "Wacht 1 seconde" in too_soon.content.decode()
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=33)):
        assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


def test_an_outside_next_address_is_not_followed(client):
    user = UserFactory(username="jan")
    device, _codes = set_up(client, user)
    log_in(client)

    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=31)):
        response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})

    assert response["Location"] == "/medewerkers/"


def test_a_recovery_code_works_once(client):
    user = UserFactory(username="jan")
    _device, codes = set_up(client, user)

    log_in(client)
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get("/medewerkers/").status_code == 200
    client.logout()

    log_in(client)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert client.get("/medewerkers/").status_code == 302


def test_when_required_an_account_without_one_must_set_it_up_first(client, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    user = UserFactory(username="jan")
    HubFactory().staff.add(user)

    log_in(client)
    response = client.get("/medewerkers/hulpvragen/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP + "?next=")
    assert "Nu niet" not in client.get(SETUP).content.decode()

    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"code": code_for(device)})
    assert client.get("/medewerkers/hulpvragen/").status_code == 200


def test_it_can_be_turned_off_with_a_fresh_code_unless_required(client, settings):
    user = UserFactory(username="jan")
    _device, codes = set_up(client, user)
    log_in(client)
    client.post(VERIFY, {"code": codes[0]})

    settings.STAFF_TWO_FACTOR_REQUIRED = True
    client.post(MANAGE, {"code": codes[1], "action": "remove"})
    assert TOTPDevice.objects.filter(user=user).exists()

    settings.STAFF_TWO_FACTOR_REQUIRED = False
    assert client.post(MANAGE, {"code": "99999999", "action": "remove"}).status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()
    client.post(MANAGE, {"code": codes[1], "action": "remove"})
    assert not TOTPDevice.objects.filter(user=user).exists()

    client.logout()
    log_in(client)
    assert client.get("/medewerkers/").status_code == 200


def test_a_second_authenticator_cannot_be_added_over_the_first(client):
    user = UserFactory(username="jan")
    _device, codes = set_up(client, user)
    log_in(client)
    client.post(VERIFY, {"code": codes[0]})

    response = client.get(SETUP)

    assert response.status_code == 302 and response["Location"] == MANAGE
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_guessing_codes_is_rate_limited(client):
    user = UserFactory(username="jan")
    _device, codes = set_up(client, user)  # its one post counts against the same limit of 10
    log_in(client)

    statuses = [client.post(VERIFY, {"code": f"{n:06d}"}).status_code for n in range(10)]

    assert statuses == [400] * 9 + [429]
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 429  # even a right code waits


def test_the_staff_home_says_whether_it_is_on(client):
    user = UserFactory(username="jan")
    client.force_login(user)
    assert "Inloggen in twee stappen: uit" in client.get("/medewerkers/").content.decode()

    set_up(client, user)
    log_in(client)
    client.post(VERIFY, {"code": "x"})  # refused; the page below needs the code first
    assert client.get("/medewerkers/").status_code == 302
