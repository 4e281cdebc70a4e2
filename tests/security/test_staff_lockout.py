"""Staff log-in locks after repeated failures (django-axes), per user name and address."""

import logging

import pytest

from tests.factories.catalogue import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def fail(client, settings, username="jan", times=None, ip="10.0.0.1"):
    for _ in range(times or settings.AXES_FAILURE_LIMIT):
        client.post("/medewerkers/login/", {"username": username, "password": "wrong-guess"}, REMOTE_ADDR=ip)


def test_it_refuses_even_the_right_password_once_locked(client, settings):
    UserFactory(username="jan")
    fail(client, settings)

    response = client.post("/medewerkers/login/", {"username": "jan", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_does_not_lock_out_a_colleague_or_another_address(client, settings):
    UserFactory(username="jan")
    UserFactory(username="piet")
    fail(client, settings, username="jan")

    colleague = client.post("/medewerkers/login/", {"username": "piet", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    client.logout()
    elsewhere = client.post("/medewerkers/login/", {"username": "jan", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")

    assert colleague.status_code == 302
    assert elsewhere.status_code == 302


def test_it_allows_one_less_than_the_limit(client, settings):
    UserFactory(username="jan")
    fail(client, settings, times=settings.AXES_FAILURE_LIMIT - 1)

    response = client.post("/medewerkers/login/", {"username": "jan", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 302


def test_it_never_logs_the_password(client, settings, caplog):
    UserFactory(username="jan")
    with caplog.at_level(logging.DEBUG):
        fail(client, settings, times=2)

    assert "wrong-guess" not in caplog.text
