"""Warm referrers: staff invite advisors; an advisor sets a password, sees "Mijn klanten" and their status.

Access: the invitation page is for hub staff and catalogue admins (403 for anyone else logged in). "Mijn
klanten" and the status views are for advisors only (404 for anyone else) and show only their own requests.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from journeys.intake.views import _remember_draft
from journeys.models.requests import RequestStatus
from journeys.referrers import forms, selectors, services
from journeys.referrers.tokens import invitation_tokens
from journeys.triage import selectors as triage_selectors
from journeys.triage import workflow


@login_required
def referrer_invite(request: HttpRequest) -> HttpResponse:
    if not selectors.may_invite_referrers(user=request.user):
        raise PermissionDenied
    form = forms.ReferrerInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referrer_invite(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("De uitnodiging is verstuurd."))
            return redirect("journeys:referrer-invite")
    return render(request, "journeys/referrers/invite.html", {
        "form": form, "referrers": selectors.referrers_list(),
    })


@login_required
@require_POST
def referrer_manage(request: HttpRequest, referrer_id: int, action: str) -> HttpResponse:
    """Staff: send the invitation again, or switch an advisor's account off or on (buttons on the invite page)."""
    if not selectors.may_invite_referrers(user=request.user):
        raise PermissionDenied
    referrer = get_object_or_404(selectors.referrers_list(), pk=referrer_id)
    name = referrer.organisation_name
    if action == "opnieuw-uitnodigen":
        try:
            services.referrer_invitation_resend(referrer=referrer, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("De uitnodiging voor %(name)s is opnieuw verstuurd.") % {"name": name})
    elif action in ("uitzetten", "aanzetten"):
        services.referrer_set_active(referrer=referrer, active=action == "aanzetten", actor=request.user)
        messages.success(request, (_("Het account van %(name)s staat nu uit.") if action == "uitzetten"
                                   else _("Het account van %(name)s staat weer aan.")) % {"name": name})
    else:
        raise Http404
    return redirect("journeys:referrer-invite")


class ReferrerSetPasswordView(auth_views.PasswordResetConfirmView):
    """Django's set-password page with the invitation tokens; the token leaves the URL after the first visit."""

    token_generator = invitation_tokens
    template_name = "journeys/referrers/set_password.html"
    success_url = reverse_lazy("journeys:referrer-password-set")
    reset_url_token = "uitnodiging"  # noqa: S105  (the URL segment that replaces the token)


referrer_set_password = ReferrerSetPasswordView.as_view()


def referrer_password_set(request: HttpRequest) -> HttpResponse:
    return render(request, "journeys/referrers/password_set.html")


def _referrer_or_404(request: HttpRequest):
    referrer = selectors.referrer_for_user(user=request.user)
    if referrer is None:
        raise Http404
    return referrer


@never_cache
@login_required
def my_clients(request: HttpRequest) -> HttpResponse:
    referrer = _referrer_or_404(request)
    return render(request, "journeys/referrers/my_clients.html", {
        "referrer": referrer, "requests": selectors.referrer_requests(referrer=referrer),
    })


@never_cache
@login_required
def client_request_status(request: HttpRequest, reference: str) -> HttpResponse:
    referrer = _referrer_or_404(request)
    support_request = selectors.referrer_request(referrer=referrer, reference=reference)
    if support_request is None:
        raise Http404
    return render(request, "journeys/referrers/status.html", {
        "referrer": referrer,
        "support_request": support_request,
        "status_text": workflow.PUBLIC_STATUS_TEXT[support_request.status],
        "is_closed": support_request.status == RequestStatus.CLOSED,
        "hub": support_request.hub,
        "updates": triage_selectors.request_public_timeline(support_request=support_request),
    })


@login_required
@require_POST
def referrer_intake_start(request: HttpRequest) -> HttpResponse:
    """"Nieuwe intake voor een klant": a fresh draft linked to the advisor, then the normal intake."""
    referrer = _referrer_or_404(request)
    intake = services.referred_intake_start(referrer=referrer, language=request.LANGUAGE_CODE or "nl")
    return _remember_draft(redirect("journeys:intake-start"), intake)
