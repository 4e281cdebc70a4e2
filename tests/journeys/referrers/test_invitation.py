"""Inviting an advisor: staff page, outbox e-mail with an opaque set-password link, password, log-in."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from journeys.followups.emails import render_email
from journeys.models import FollowUp, FollowUpKind, Referrer

pytestmark = pytest.mark.django_db

EMAIL = "Eva@Accountants.example"
DATA = {"invite-name": "Eva Jansen", "invite-email": EMAIL, "invite-organisation_name": "Jansen Accountants",
        "invite-kind": "accountant"}


def _invite(client, user):
    client.force_login(user)
    return client.post(reverse("journeys:referrer-invite"), DATA)


def _link_path(followup):
    body = render_email(followup).body
    match = re.search(r"https?://[^/\s]+(/medewerkers/doorverwijzers/wachtwoord/\S+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.parametrize("actor", ["staff_a", "admin"])
def test_hub_staff_and_catalogue_admins_invite_an_advisor_with_an_outbox_email(client, cast, actor):
    response = _invite(client, getattr(cast, actor))
    assert response.status_code == 302
    referrer = Referrer.objects.get()
    assert (referrer.organisation_name, referrer.kind) == ("Jansen Accountants", "accountant")
    assert referrer.user.username == "eva@accountants.example"
    assert not referrer.user.has_usable_password()
    followup = FollowUp.objects.get(kind=FollowUpKind.REFERRER_INVITATION)
    assert followup.recipient == "eva@accountants.example"
    assert followup.payload == {"referrer_id": referrer.pk}  # no link, no token in the row
    path = _link_path(followup)
    assert "eva" not in path.lower() and "@" not in path
    assert "Jansen Accountants" in render_email(followup).body


def test_the_same_address_cannot_be_invited_twice(client, cast):
    _invite(client, cast.staff_a)
    response = client.post(reverse("journeys:referrer-invite"), DATA)
    assert response.status_code == 200
    assert "Er is al een account met dit e-mailadres." in response.content.decode()
    assert Referrer.objects.count() == 1


@pytest.mark.parametrize("actor", ["anonymous", "staff_b_without_hub"])
def test_others_cannot_invite(client, cast, actor):
    if actor != "anonymous":
        client.force_login(get_user_model().objects.create_user(username="nobody"))
    response = client.post(reverse("journeys:referrer-invite"), DATA)
    assert response.status_code == (302 if actor == "anonymous" else 403)
    assert not Referrer.objects.exists()
    assert not FollowUp.objects.filter(kind=FollowUpKind.REFERRER_INVITATION).exists()


def test_the_advisor_sets_a_password_once_and_logs_in(client, cast):
    _invite(client, cast.staff_a)
    client.logout()
    path = _link_path(FollowUp.objects.get(kind=FollowUpKind.REFERRER_INVITATION))
    response = client.get(path)
    assert response.status_code == 302  # Django moves the token out of the URL into the session
    set_url = response["Location"]
    assert set_url.endswith("/uitnodiging/")
    response = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200  # too short: the validators apply
    assert not get_user_model().objects.get(username="eva@accountants.example").has_usable_password()
    password = "Een lang wachtwoord 2026"
    response = client.post(set_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("journeys:referrer-password-set")
    response = client.post(reverse("login"), {"username": "eva@accountants.example", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("journeys:referrer-clients")).status_code == 200
    client.logout()
    # The link is used up once the password is set.
    response = client.get(path, follow=True)
    assert "Deze link werkt niet meer" in response.content.decode()


def test_a_password_reset_token_does_not_open_the_invitation_page(client, cast):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = get_user_model().objects.create_user(username="x@example.nl")
    Referrer.objects.create(user=user, organisation_name="X", kind="accountant")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("journeys:referrer-set-password", args=[uid, default_token_generator.make_token(user)])
    response = client.get(path, follow=True)
    assert "Deze link werkt niet meer" in response.content.decode()
