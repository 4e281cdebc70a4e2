"""Partner API keys: created once with a random secret, stored only as a hash, checked in constant time."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.utils import timezone

from journeys.models import PartnerApiKey

LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash_key(raw: str) -> str:
    # Keys are 256-bit random, so a fast hash is enough: no dictionary attack is possible.
    return hashlib.sha256(raw.encode()).hexdigest()


def partner_key_create(*, name: str, organisation: str = "") -> tuple[PartnerApiKey, str]:
    """A new partner API key; the raw key is returned once and only its hash is stored."""
    prefix = secrets.token_hex(4)
    raw = f"{prefix}.{secrets.token_urlsafe(32)}"
    key = PartnerApiKey.objects.create(name=name, organisation=organisation, prefix=prefix, key_hash=_hash_key(raw))
    return key, raw


def partner_key_authenticate(*, raw: str) -> PartnerApiKey | None:
    prefix, _sep, _secret = (raw or "").partition(".")
    key = PartnerApiKey.objects.filter(prefix=prefix, is_active=True).first() if prefix else None
    if key is None or not hmac.compare_digest(key.key_hash, _hash_key(raw)):
        return None
    now = timezone.now()
    # "Last used" to the minute: written at most once a minute per key, not on every request.
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
