"""The catalogue health page and its JSON export, for catalogue admins only."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.roles import is_catalogue_admin
from schemes.catalogue_health.rules import RULES, catalogue_health, rule_titles


def _require_catalogue_admin(request: HttpRequest) -> None:
    if not is_catalogue_admin(request.user):
        raise PermissionDenied


@never_cache
@login_required
@require_GET
def health_page(request: HttpRequest) -> HttpResponse:
    _require_catalogue_admin(request)
    today = timezone.localdate()
    findings = catalogue_health(today=today)
    groups = [(code, title, [f for f in findings if f.rule == code]) for code, title in RULES.items()]
    return render(request, "schemes/catalogue_health.html", {
        "today": today, "groups": groups, "total": len(findings)})


@never_cache
@login_required
@require_GET
def health_json(request: HttpRequest) -> HttpResponse:
    _require_catalogue_admin(request)
    today = timezone.localdate()
    findings = catalogue_health(today=today)
    body = {"date": today.isoformat(), "rules": rule_titles(), "count": len(findings),
            "findings": [f.as_json() for f in findings]}
    response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="catalogus-gezondheid-{today:%Y-%m-%d}.json"'
    return response
