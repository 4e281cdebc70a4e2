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


def test_invitations_are_limited_per_staff_member(client, cast, settings):
    # Every invitation sends an e-mail: a stolen staff session must not become a mail cannon.
    settings.RATELIMITS = [{**rule, "rate": "2/h"} if rule["group"] == "referrer-invite" else rule
                           for rule in settings.RATELIMITS]
    client.force_login(cast.staff_a)
    for n in range(2):
        response = client.post(reverse("journeys:referrer-invite"), {**DATA, "invite-email": f"adviseur{n}@example.nl"})
        assert response.status_code == 302
    refused = client.post(reverse("journeys:referrer-invite"), {**DATA, "invite-email": "derde@example.nl"})

    assert refused.status_code == 429
    assert FollowUp.objects.filter(kind=FollowUpKind.REFERRER_INVITATION).count() == 2
    assert client.get(reverse("journeys:referrer-invite")).status_code == 200  # reading the page is not limited


def _manage(client, referrer, action):
    return client.post(reverse("journeys:referrer-manage", args=[referrer.pk, action]), follow=True)


def test_staff_send_the_invitation_again_until_a_password_is_chosen(client, cast):
    _invite(client, cast.staff_a)
    referrer = Referrer.objects.get()

    page = _manage(client, referrer, "opnieuw-uitnodigen").content.decode()

    assert "De uitnodiging voor Jansen Accountants is opnieuw verstuurd." in page
    invitations = FollowUp.objects.filter(kind=FollowUpKind.REFERRER_INVITATION)
    assert invitations.count() == 2 and {f.recipient for f in invitations} == {"eva@accountants.example"}
    referrer.user.set_password("Een lang wachtwoord 2026")
    referrer.user.save()
    page = _manage(client, referrer, "opnieuw-uitnodigen").content.decode()
    assert "Deze doorverwijzer heeft al een wachtwoord of staat uit." in page
    assert invitations.count() == 2
    assert "Stuur de uitnodiging opnieuw" not in page  # no button once the password is chosen


def test_switching_an_advisor_off_ends_their_session_and_log_in_until_switched_on(client, cast, advisors):
    from django.test import Client

    advisor = advisors["advisor"]
    advisor.set_password("Een lang wachtwoord 2026")
    advisor.save()
    advisor_browser = Client()
    assert advisor_browser.post(reverse("login"), {"username": advisor.username,
                                                   "password": "Een lang wachtwoord 2026"}).status_code == 302
    assert advisor_browser.get(reverse("journeys:referrer-clients")).status_code == 200
    client.force_login(cast.staff_a)

    page = _manage(client, advisor.referrer_profile, "uitzetten").content.decode()

    assert "Het account van Accountants Eva staat nu uit." in page
    assert advisor_browser.get(reverse("journeys:referrer-clients")).status_code == 302  # logged out at once
    assert advisor_browser.post(reverse("login"), {"username": advisor.username,
                                                   "password": "Een lang wachtwoord 2026"}).status_code == 200
    assert cast.request_a.intake.referred_by.referrer == advisor.referrer_profile  # nothing is taken from the hub
    _manage(client, advisor.referrer_profile, "aanzetten")
    assert advisor_browser.post(reverse("login"), {"username": advisor.username,
                                                   "password": "Een lang wachtwoord 2026"}).status_code == 302


def test_only_staff_manage_advisors_and_never_a_staff_account(client, cast, advisors):
    client.force_login(advisors["other_advisor"])
    assert _manage(client, advisors["advisor"].referrer_profile, "uitzetten").status_code == 403
    staff_as_referrer = Referrer.objects.create(user=cast.staff_b, organisation_name="Loket B", kind="accountant")
    client.force_login(cast.staff_a)
    assert _manage(client, staff_as_referrer, "uitzetten").status_code == 403
    assert _manage(client, advisors["advisor"].referrer_profile, "verwijderen").status_code == 404
    cast.staff_b.refresh_from_db()
    advisors["advisor"].refresh_from_db()
    assert cast.staff_b.is_active and advisors["advisor"].is_active
