"""``Idempotency-Key`` on the partner API: a retry after a time-out gets the first answer, not a second intake."""

import hashlib
import json
import re

from django.utils.translation import gettext as _
from rest_framework.response import Response

from journeys.intake.partner_api.serializers import intake_response
from journeys.models import PartnerApiKey, PartnerIdempotencyKey

HEADER = "Idempotency-Key"
KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as header values travel safely


def is_valid_key(key: str) -> bool:
    return bool(KEY_RE.match(key))


def body_hash(data: dict) -> str:
    """The body as canonical JSON (sorted keys, no spaces), hashed: the same JSON however it was formatted."""
    # ASCII escapes: a lone surrogate in the JSON ("\ud800") is hashed too, instead of failing to encode
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def earlier_answer(*, partner: PartnerApiKey, key: str, body_hash: str) -> Response | None:
    """The first answer again (same key, same body), a 422 (same key, other body), or None (a new key)."""
    stored = (PartnerIdempotencyKey.objects.filter(partner=partner, key=key)
              .select_related("intake__hub", "intake__support_request").first())
    if stored is None:
        return None
    if stored.body_hash != body_hash:
        return Response({"errors": {HEADER: [
            _("Deze Idempotency-Key is al gebruikt voor een andere inzending. Gebruik per inzending een nieuwe.")
        ]}}, status=422)
    return Response(intake_response(stored.intake), status=201, headers={"Idempotent-Replayed": "true"})
