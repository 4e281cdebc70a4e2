from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from portal.two_factor import services
from portal.two_factor.forms import CodeForm, SetupCodeForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("staff-home")


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified() or not services.has_second_factor(request.user):
        return HttpResponseRedirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        accepted, wait = services.second_factor_verify(request=request, code=form.cleaned_data["code"])
        if accepted:
            return HttpResponseRedirect(_next_url(request))
        form.reject(wait=wait)
    return render(request, "portal/two_factor/verify.html", {"form": form, "next": _next_url(request)},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    # A second authenticator only from a session that gave the first: otherwise a stolen password adds one.
    if services.has_second_factor(request.user):
        return redirect("two-factor-manage")
    device = services.pending_authenticator(user=request.user)
    form = SetupCodeForm(request.POST or None)
    if form.is_valid() and (wait := services.seconds_to_wait(device)):
        form.reject(wait=wait)
    elif form.is_valid():
        codes = services.authenticator_confirm(request=request, device=device, code=form.cleaned_data["code"].strip())
        if codes is not None:
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "portal/two_factor/recovery_codes.html", context)
        form.reject()
    return render(request, "portal/two_factor/setup.html", {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": _grouped(b32encode(device.bin_key).decode()),
        "required": settings.STAFF_TWO_FACTOR_REQUIRED,
        "next": _next_url(request),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """Turn the second factor off (unless required) or renew the recovery codes; both ask for a fresh code."""
    enabled = services.has_second_factor(request.user)
    form = CodeForm(request.POST or None)
    action = request.POST.get("action")
    if enabled and form.is_valid() and action in {"remove", "renew"}:
        if action == "remove" and settings.STAFF_TWO_FACTOR_REQUIRED:
            return redirect("two-factor-manage")
        accepted, wait = services.second_factor_verify(request=request, code=form.cleaned_data["code"])
        if accepted:
            if action == "renew":
                codes = services.recovery_codes_renew(user=request.user)
                return render(request, "portal/two_factor/recovery_codes.html",
                              {"codes": codes, "next": reverse("staff-home")})
            services.second_factor_remove(user=request.user)
            return redirect("two-factor-manage")
        form.reject(wait=wait)
    return render(request, "portal/two_factor/manage.html", {
        "enabled": enabled,
        "form": form,
        "required": settings.STAFF_TWO_FACTOR_REQUIRED,
        "recovery_left": services.recovery_codes_left(user=request.user) if enabled else 0,
    }, status=400 if form.errors else 200)


def _qr_svg(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, omitsize=True)
    label = escape(gettext("QR-code met de sleutel, om te scannen met uw app"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
