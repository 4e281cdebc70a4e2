"""Staff sessions: idle timeout and absolute lifetime (issue 15, item 4; portal/staff_sessions.py)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories.catalogue import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def log_in(client):
    UserFactory(username="jan")
    response = client.post(reverse("login"), {"username": "jan", "password": PASSWORD})
    assert response.status_code == 302
    return client


def staff_home(client):
    return client.get(reverse("staff-home"))


def test_a_session_idle_longer_than_the_limit_is_logged_out(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        log_in(client)
        clock.move_to(start + dt.timedelta(minutes=29))
        assert staff_home(client).status_code == 200
        clock.move_to(start + dt.timedelta(minutes=29 + 31))
        response = staff_home(client)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_an_active_session_ends_at_the_absolute_lifetime(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    settings.STAFF_SESSION_MAX_HOURS = 12
    start = timezone.now()
    statuses = []
    with time_machine.travel(start, tick=False) as clock:
        log_in(client)
        for minutes in range(20, 13 * 60, 20):  # a request every 20 minutes for 13 hours
            clock.move_to(start + dt.timedelta(minutes=minutes))
            statuses.append((minutes, staff_home(client).status_code))

    assert all(status == 200 for minutes, status in statuses if minutes < 12 * 60)
    assert all(status == 302 for minutes, status in statuses if minutes > 12 * 60)


def test_the_session_cookie_expires_with_the_idle_limit(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    log_in(client)

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 30 * 60
