"""Staff sessions end after ``STAFF_SESSION_IDLE_MINUTES`` without a request, and in any case
``STAFF_SESSION_MAX_HOURS`` after the log-in (defaults 30 minutes and 12 hours, as NIST SP 800-63B asks for
AAL2). Entrepreneurs have no log-in; their session (the references of requests they sent) is unaffected.

The idle clock is written at most once a minute, so a busy staff member does not write the session on every
request; the session cookie's own expiry follows it, so the browser drops the cookie too.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

STARTED_KEY = "_staff_session_started"
LAST_SEEN_KEY = "_staff_session_last_seen"
WRITE_EVERY_SECONDS = 60


def _limits() -> tuple[int, int]:
    return settings.STAFF_SESSION_IDLE_MINUTES * 60, settings.STAFF_SESSION_MAX_HOURS * 3600


def start(request: HttpRequest) -> None:
    """Called at log-in (``user_logged_in``): both clocks start now."""
    now = int(time.time())
    idle, _absolute = _limits()
    request.session[STARTED_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    request.session.set_expiry(idle)


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        start(request)


class StaffSessionTimeoutMiddleware:
    """Log out a staff session that was idle too long or is older than the absolute lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = int(time.time())
        idle, absolute = _limits()
        session = request.session
        started = session.get(STARTED_KEY)
        last_seen = session.get(LAST_SEEN_KEY)
        if not isinstance(started, int) or not isinstance(last_seen, int):
            start(request)  # a session from before these limits: its clocks start now
            return
        if now - last_seen > idle or now - started > absolute:
            logout(request)  # flushes the session; the view now sees an anonymous visitor (log-in page)
            return
        if now - last_seen >= WRITE_EVERY_SECONDS:
            session[LAST_SEEN_KEY] = now
            session.set_expiry(max(1, min(idle, absolute - (now - started))))
