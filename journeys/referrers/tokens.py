"""The set-password link of an advisor's invitation: Django's password-reset tokens with their own salt.

Opaque (a user id in base64 and an HMAC), expiring after ``PASSWORD_RESET_TIMEOUT`` and void once a password is
set or the user logs in (the token covers the password hash and the last login). No e-mail address in the URL.
A password-reset token does not open the invitation page and the other way round (different salt).
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "journeys.referrers.tokens.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


def invitation_path(*, user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("journeys:referrer-set-password", args=[uidb64, invitation_tokens.make_token(user)])
