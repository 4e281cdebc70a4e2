"""Rate limits applied by URL name from one settings mapping, so no view has to know about them.

``settings.RATELIMITS`` is a list of rules::

    {"group": "intake", "views": ["journeys:intake-*"], "methods": ["POST"], "key": "ip", "rate": "60/h"}

``views`` are ``fnmatch`` patterns on ``request.resolver_match.view_name``; ``key`` is any key that
django-ratelimit understands (``ip``, ``header:x-api-key``, a dotted path to a function) or one of the
key functions below. Every matching rule counts the request; when one is over its rate the view is never
called and the client gets a 429 with ``Retry-After``, as a Dutch page or as JSON for the API.

When the cache (Redis) is unreachable the limits fail open: refusing every entrepreneur because the
rate-limit counter is down would lose real requests, which is worse than a short unlimited period.
"""

import fnmatch
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import _get_ip, get_usage

try:  # the shared cache in production; its errors mean "counter unreachable"
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a dependency of celery[redis]
    RedisError = OSError

# Only an unreachable counter fails open; any other error (a bad rule, an unreadable address) is a bug
# that must not switch the limits off quietly.
CACHE_ERRORS = (OSError, RedisError)

logger = logging.getLogger(__name__)


def email_key(group: str, request: HttpRequest) -> str:
    """The e-mail address in the POST body, normalised; hashed so the cache never holds the address."""
    email = request.POST.get("email", "").strip().lower()
    if not email:
        return ""
    return hashlib.sha256(email.encode()).hexdigest()


def _checked_partner_key(request: HttpRequest) -> str | None:
    """The prefix of a partner key that passes the hash check, else None (checked once per request).

    Only a key that checks out is counted per key: counting made-up secrets with a real key's public prefix
    would let anyone lock that partner out. Failed checks are counted per IP address instead.
    """
    if not hasattr(request, "_ratelimit_partner_key"):
        from journeys.intake.partner_api.keys import partner_key_authenticate

        scheme, _sep, raw = request.headers.get("Authorization", "").strip().partition(" ")
        raw = raw.strip()
        try:
            key = partner_key_authenticate(raw=raw) if scheme == "Api-Key" and raw and "\x00" not in raw else None
        except DatabaseError:
            # The database is down: count per IP and let the view answer with its clean 503 (the error
            # middleware only sees exceptions raised by views, not by this middleware).
            request._ratelimit_partner_key = None
            return None
        request._ratelimit_partner_key = key.prefix if key is not None else None
        # The view's authentication reads the same header of the same request: it reuses this check
        # instead of hashing and looking up the key a second time.
        request.partner_key_checked = key
    return request._ratelimit_partner_key


def partner_key(group: str, request: HttpRequest) -> str:
    """The public prefix of a key that passed the check (never the secret); empty (not counted) otherwise."""
    prefix = _checked_partner_key(request)
    return "key:" + prefix if prefix else ""


def partner_failed_ip_key(group: str, request: HttpRequest) -> str:
    """The client's address, for requests whose key is missing or fails the check; empty otherwise."""
    return "" if _checked_partner_key(request) else "ip:" + _get_ip(request)


@dataclass(frozen=True)
class Rule:
    group: str
    views: tuple[str, ...]
    key: str
    rate: str
    methods: tuple[str, ...] | None = None

    def applies_to(self, view_name: str, method: str) -> bool:
        if self.methods and method not in self.methods:
            return False
        return any(fnmatch.fnmatchcase(view_name, pattern) for pattern in self.views)


def load_rules(config: list[dict]) -> list[Rule]:
    return [
        Rule(
            group=item["group"],
            views=tuple(item["views"]),
            key=item["key"],
            rate=item["rate"],
            methods=tuple(m.upper() for m in item["methods"]) if item.get("methods") else None,
        )
        for item in config
    ]


def seconds_until_allowed(request: HttpRequest) -> int | None:
    """Count this request against every rule for its view; the wait in seconds if one is over its rate."""
    match = request.resolver_match
    if match is None or not getattr(settings, "RATELIMIT_ENABLE", True):
        return None
    wait = None
    for rule in load_rules(getattr(settings, "RATELIMITS", [])):
        if not rule.applies_to(match.view_name, request.method):
            continue
        if rule.key.endswith(".email_key") and not email_key(rule.group, request):
            continue  # no address to count; the per-IP rule still applies
        if rule.key.endswith(".partner_key") and not partner_key(rule.group, request):
            continue  # no checked key: counted by partner_failed_ip_key instead
        if rule.key.endswith(".partner_failed_ip_key") and not partner_failed_ip_key(rule.group, request):
            continue  # the key checked out: counted per key
        try:
            usage = get_usage(
                request, group=rule.group, key=rule.key, rate=rule.rate,
                method=list(rule.methods) if rule.methods else ALL, increment=True,
            )
        except CACHE_ERRORS:  # cache unreachable: fail open, see the module docstring
            logger.warning("Rate-limit cache unavailable; %s not limited.", rule.group, exc_info=True)
            continue
        if usage and usage["should_limit"]:
            time_left = max(int(usage["time_left"]), 1)
            wait = max(wait or 0, time_left)
    return wait


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    minutes = max(1, -(-retry_after // 60))
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {
                "detail": _("U heeft te veel verzoeken gedaan. Probeer het over %(minutes)s minuten opnieuw.")
                % {"minutes": minutes},
                "retry_after": retry_after,
            },
            status=429,
        )
    else:
        response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Apply ``settings.RATELIMITS`` before the view runs (after URL resolution)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        retry_after = seconds_until_allowed(request)
        if retry_after is None:
            return None
        logger.info("Rate limit reached on %s.", request.resolver_match.view_name)
        return too_many_requests(request, retry_after=retry_after)
