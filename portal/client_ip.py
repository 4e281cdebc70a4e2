"""The client's IP address, read the same way by the rate limits and by the staff log-in lock-out.

Behind the reverse proxy (``DJANGO_BEHIND_PROXY=true``) every connection comes from the proxy, so the
client's address is the ``X-Real-IP`` header the proxy sets (it overwrites any value a client sent; see
docker-compose.yml and deploy/Caddyfile). Without the proxy the header is client-controlled and ignored.

A request that arrives without a valid header behind the proxy (it bypassed the proxy, or the proxy is
misconfigured) is counted under its connecting address, and a request without any usable address under
one shared bucket: the limits then apply to everything arriving that way together instead of to nobody.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)

# All requests without a usable address share this one bucket (it is never a real client's address).
UNKNOWN_CLIENT = "0.0.0.0"  # noqa: S104 - a counter key, nothing listens on it
_warned = False


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address to count and lock by; always a valid IP address."""
    global _warned
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = _valid(request.META.get("HTTP_X_REAL_IP", ""))
        if forwarded:
            return forwarded
        if not _warned:  # once per process: a misconfigured proxy would otherwise log every request
            _warned = True
            logger.warning("Behind the proxy but a request had no valid X-Real-IP; counted by its connection.")
    return remote or UNKNOWN_CLIENT
