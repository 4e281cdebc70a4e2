"""Catalogue admins handle an entrepreneur's request to see or erase their data.

Every form posts: e-mail addresses never appear in a URL, so never in an access log.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from journeys.models import PrivacyAction
from journeys.privacy import selectors, services
from journeys.privacy.forms import EmailLookupForm, EraseConfirmForm
from portal.roles import is_catalogue_admin


def _require_catalogue_admin(request: HttpRequest) -> None:
    if not is_catalogue_admin(request.user):
        raise PermissionDenied


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def privacy_lookup(request: HttpRequest) -> HttpResponse:
    _require_catalogue_admin(request)
    form = EmailLookupForm(request.POST or None)
    summary = selectors.privacy_summary(email=form.cleaned_data["email"]) if form.is_bound and form.is_valid() else None
    recent = PrivacyAction.objects.all()[:10]
    return render(request, "journeys/privacy/lookup.html", {"form": form, "summary": summary, "recent": recent})


@never_cache
@login_required
@require_POST
def privacy_export(request: HttpRequest) -> HttpResponse:
    _require_catalogue_admin(request)
    form = EmailLookupForm(request.POST)
    if not form.is_valid():
        return render(request, "journeys/privacy/lookup.html", {"form": form, "summary": None}, status=400)
    data = services.privacy_export_record(email=form.cleaned_data["email"], actor=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"circulair-loket-gegevens-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_POST
def privacy_erase(request: HttpRequest) -> HttpResponse:
    _require_catalogue_admin(request)
    lookup = EmailLookupForm(request.POST)
    if not lookup.is_valid():
        return render(request, "journeys/privacy/lookup.html", {"form": lookup, "summary": None}, status=400)
    email = lookup.cleaned_data["email"]
    # The first post (from the summary) only shows the confirm step; nothing is erased without the tick.
    confirming = "confirm_step" in request.POST
    form = EraseConfirmForm(request.POST) if confirming else EraseConfirmForm(initial={"email": email})
    if form.is_bound and form.is_valid():
        erased = services.privacy_erase(email=email, actor=request.user)
        messages.success(
            request,
            _("De gegevens zijn gewist. %(count)s intake(s) zijn anoniem gemaakt.") % {"count": erased},
        )
        return redirect("journeys:privacy")
    summary = selectors.privacy_summary(email=email)
    return render(request, "journeys/privacy/erase_confirm.html", {"form": form, "email": email, "summary": summary})
