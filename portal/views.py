from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import health, roles


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    # Cookie lifetimes from the settings that set them, so the page cannot drift from what the site does.
    return render(request, "portal/privacy.html", {
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
    })


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    hubs = request.user.hubs.filter(is_active=True).order_by("name")
    return render(
        request,
        "portal/staff_home.html",
        {"hubs": hubs, "is_catalogue_admin": roles.is_catalogue_admin(request.user)},
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """A plain status for anyone (load balancers, uptime checks): 200 ``ok`` or 503 ``unavailable``.

    What is behind it (database vendor, broker, worker time) is for the internal check, ``manage.py healthcheck``.
    """
    healthy = health.check_database()["ok"] and health.check_broker()["ok"]
    return JsonResponse({"status": "ok" if healthy else "unavailable"}, status=200 if healthy else 503)
