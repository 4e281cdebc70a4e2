"""Staff passwords: reset requests are rate-limited, and a new password has at least 12 characters
(issue 15, item 8)."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.catalogue import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def ask_reset(client, email, ip="10.3.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_mails_one_address_only_a_few_times_an_hour(client):
    UserFactory(username="jan", email="jan@hub.example")
    statuses = [ask_reset(client, "jan@hub.example", ip=f"10.3.0.{n}").status_code for n in range(5)]

    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address_across_e_mail_addresses(client):
    statuses = [ask_reset(client, f"guess{n}@hub.example").status_code for n in range(12)]

    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]


@pytest.mark.parametrize(("new", "accepted"), [("Zq8#vLm2pW4", False), ("Zq8#vLm2pW4x", True)])
def test_a_staff_password_needs_twelve_characters(client, new, accepted):
    user = UserFactory(username="jan")
    client.force_login(user)

    response = client.post(reverse("password_change"),
                           {"old_password": PASSWORD, "new_password1": new, "new_password2": new})

    assert (response.status_code == 302) is accepted
    user.refresh_from_db()
    assert user.check_password(new) is accepted
