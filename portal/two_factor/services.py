"""Setting up, checking and removing a user's second factor (writes; django-otp does the cryptography)."""

import logging
import math

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"
RECOVERY_CODE_COUNT = 10


def seconds_to_wait(device) -> int:
    """How long django-otp's throttle still refuses codes for this device after wrong ones (0: not at all)."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details or not details.get("locked_until"):
        return 0
    return max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))


def has_second_factor(user: AbstractBaseUser) -> bool:
    """Remembered on the user object (one request): the middleware and the page may both ask."""
    if not hasattr(user, "_has_second_factor"):
        user._has_second_factor = user_has_device(user, confirmed=True)
    return user._has_second_factor


def pending_authenticator(*, user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator being set up: the same secret on every reload until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


@transaction.atomic
def authenticator_confirm(*, request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending authenticator with its first code; returns fresh recovery codes, None if wrong."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = recovery_codes_renew(user=device.user)
    _mark_verified(request, device)
    logger.info("second factor set up for user id %s", device.user_id)
    return codes


def recovery_codes_renew(*, user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes; each works once and is shown once (django-otp stores them as they
    are, so they are as secret as the database: docs/security.md)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, request: HttpRequest, code: str) -> tuple[bool, int]:
    """Check a code from the authenticator or a recovery code (used up) and mark the session verified.

    Returns (accepted, seconds to wait): a device still throttled after wrong codes is not asked at all.
    """
    code = "".join(code.split()).replace("-", "").lower()
    # Each kind of code is checked against its own device only, so each keeps its own throttle.
    model = TOTPDevice if code.isdigit() else StaticDevice
    wait = 0
    for device in model.objects.filter(user=request.user, confirmed=True):
        if device_wait := seconds_to_wait(device):
            wait = max(wait, device_wait)
        elif device.verify_token(code):
            _mark_verified(request, device)
            return True, 0
    logger.info("second factor refused for user id %s", request.user.pk)
    return False, wait


@transaction.atomic
def second_factor_remove(*, user: AbstractBaseUser) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.info("second factor removed for user id %s", user.pk)


def _mark_verified(request: HttpRequest, device) -> None:
    # A new session key at the moment the session gains its second factor, as at log-in (session fixation).
    request.session.cycle_key()
    otp_login(request, device)


def recovery_codes_left(*, user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
