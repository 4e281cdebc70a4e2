from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from journeys.triage.my_work import my_work
from journeys.working_days import almost_overdue_threshold
from portal import health, roles
from portal.accessibility import KNOWN_ISSUES
from portal.two_factor.services import has_second_factor


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def _operator() -> dict[str, str]:
    return {"operator_name": settings.OPERATOR_NAME, "operator_email": settings.OPERATOR_EMAIL}


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    # Periods from the settings that enforce them, so the statement cannot drift from what the site does.
    return render(request, "portal/privacy.html", {
        **_operator(),
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
        "resume_days": settings.INTAKE_RESUME_DAYS,
        "survey_link_days": settings.FOLLOWUP_SURVEY_LINK_DAYS,
        "lockout_hours": settings.AXES_COOLOFF_TIME,
    })


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html", {**_operator(), "known_issues": KNOWN_ISSUES})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: the hashed name exists only once collectstatic has written the manifest.
    return HttpResponsePermanentRedirect(static("favicon.ico"))


@login_required
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    hubs = request.user.hubs.filter(is_active=True).order_by("name")
    now = timezone.now()
    work = my_work(user=request.user, now=now) if hubs or request.user.is_superuser else None
    return render(request, "portal/staff_home.html", {
        "hubs": hubs,
        "is_catalogue_admin": roles.is_catalogue_admin(request.user),
        "has_second_factor": has_second_factor(request.user),
        "work": work,
        "now": now,
        "soon": almost_overdue_threshold(now=now),
    })


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """A plain status for anyone (load balancers, uptime checks): 200 ``ok`` or 503 ``unavailable``.

    What is behind it (database vendor, broker, worker time) is for the internal check, ``manage.py healthcheck``.
    """
    healthy = health.check_database()["ok"] and health.check_broker()["ok"]
    return JsonResponse({"status": "ok" if healthy else "unavailable"}, status=200 if healthy else 503)
