"""A database that is down or restarting gives a clean 503 page with Retry-After, never a 500.

The page is rendered without the request's context processors: those read the session and the user,
which live in the database that just failed. Whatever the view had written is rolled back by its own
transaction (services are atomic), so the entrepreneur can simply send the form again.
"""

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def _close_broken_connections() -> None:
    # A connection that saw the server go away is unusable; close it so the next request reconnects.
    for connection in connections.all(initialized_only=True):
        try:
            connection.close_if_unusable_or_obsolete()
        except Exception:  # closing a dead socket may itself raise
            logger.debug("Closing a broken database connection failed.", exc_info=True)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"detail": _("De website is even niet beschikbaar. Probeer het over een minuut opnieuw.")}, status=503
        )
    else:
        html = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost or refused database connection during a view into a 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # Only names: driver messages can quote SQL parameters and paths can hold secret link tokens.
        view_name = request.resolver_match.view_name if request.resolver_match else "?"
        logger.error("Database unavailable during %s %s: %s", request.method, view_name,
                     exception.__class__.__name__)
        _close_broken_connections()
        return service_unavailable(request)


class ApiRequestTooBigMiddleware:
    """A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (or with too many fields) sent to ``/api/`` is a JSON 413 in
    the API's problem format (``{"detail": ...}``), not Django's HTML 400 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith("/api/") or not isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
            return None
        logger.info("Request body too large on %s.", request.path)
        return JsonResponse(
            {"detail": _("Het verzoek is te groot. Stuur hoogstens %(kb)s kB.")
             % {"kb": max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024)}},
            status=413,
        )


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """``handler500``: a database failure outside a view (e.g. in a middleware) is still a 503."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        _close_broken_connections()
        return service_unavailable(request)
    return defaults.server_error(request)
