"""Partner API keys: created once with a random secret, stored only as a hash, checked in constant time."""

import functools
import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import connection
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


def _active_key_orm(prefix: str) -> PartnerApiKey | None:
    """The ORM form of ``_active_key`` (other databases, and the tests' reference)."""
    return PartnerApiKey.objects.filter(prefix=prefix, is_active=True).first()


@functools.lru_cache(maxsize=1)
def _active_key_statement() -> str:
    """``_active_key_orm``'s query as SQL (``first()`` orders by id), built once per process from model metadata."""
    quote, meta = connection.ops.quote_name, PartnerApiKey._meta
    columns = ", ".join(quote(f.column) for f in meta.concrete_fields)
    return (f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('prefix').column)} = %s "  # noqa: S608
            f"AND {quote(meta.get_field('is_active').column)} ORDER BY {quote(meta.pk.column)} ASC LIMIT 1")


def _active_key(prefix: str) -> PartnerApiKey | None:
    """The active key with this prefix: one prepared SQL text instead of the ORM building it per request (issue 17)."""
    if connection.vendor != "postgresql":
        return _active_key_orm(prefix)
    with connection.cursor() as cursor:
        cursor.execute(_active_key_statement(), [prefix])
        row = cursor.fetchone()
    if row is None:
        return None
    return PartnerApiKey.from_db(connection.alias, [f.attname for f in PartnerApiKey._meta.concrete_fields], row)


def partner_key_authenticate(*, raw: str) -> PartnerApiKey | None:
    prefix, _sep, _secret = (raw or "").partition(".")
    key = _active_key(prefix) if prefix else None
    if key is None or not hmac.compare_digest(key.key_hash, _hash_key(raw)):
        return None
    now = timezone.now()
    # "Last used" to the minute: written at most once a minute per key, not on every request.
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
