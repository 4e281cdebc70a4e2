"""Referral to a partner from the request page: two POST endpoints; the panel itself is a template tag.

Access as on the request page: a request outside the user's hubs is a 404; staff who may only look (a hub the
request left) get a 403. Without JavaScript each form posts and comes back to the request page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journeys.models import SupportRequest
from journeys.referrals import forms, selectors, services
from journeys.triage import selectors as triage_selectors


def _get_changeable_request(user, reference: str) -> SupportRequest:
    support_request = triage_selectors.request_visible_to(user=user, reference=reference)
    if support_request is None:
        raise Http404
    if not triage_selectors.can_change_request(user=user, support_request=support_request):
        raise PermissionDenied
    return support_request


def _back(reference: str) -> HttpResponse:
    return redirect("journeys:request-detail", reference=reference)


@login_required
@require_POST
def referral_create(request: HttpRequest, reference: str) -> HttpResponse:
    support_request = _get_changeable_request(request.user, reference)
    suggestions = selectors.partner_suggestions(support_request=support_request)
    form = forms.PartnerReferralForm(request.POST, partners=[s.partner for s in suggestions])
    if form.is_valid():
        try:
            referral = services.partner_referral_create(
                support_request=support_request, partner=form.cleaned_data["partner"],
                note=form.cleaned_data["note"], actor=request.user)
        except ValidationError as error:
            form.add_error("note" if error.code in ("note_required", "note_length") else "partner", error)
        else:
            if referral.delivery == referral.Delivery.TO_PARTNER:
                messages.success(request, _("De vraag is doorgestuurd naar %(partner)s.") % {
                    "partner": referral.partner.name})
            elif referral.mailed:
                messages.success(request, _("De ondernemer krijgt een e-mail met de gegevens van %(partner)s.") % {
                    "partner": referral.partner.name})
            else:
                messages.warning(request, _("De doorverwijzing is vastgelegd, maar de ondernemer wil geen e-mails. "
                                            "Geef de gegevens van %(partner)s zelf door.") % {
                    "partner": referral.partner.name})
            return _back(reference)
    return render(request, "journeys/referrals/form_errors.html", {
        "support_request": support_request, "form": form, "suggestions": suggestions,
        "consent": selectors.referral_consent_given(intake=support_request.intake),
    }, status=400)


@login_required
@require_POST
def referral_outcome(request: HttpRequest, reference: str, referral_id: int) -> HttpResponse:
    support_request = _get_changeable_request(request.user, reference)
    referral = get_object_or_404(support_request.partner_referrals.select_related("partner"), pk=referral_id)
    form = forms.ReferralOutcomeForm(request.POST)
    if form.is_valid():
        services.partner_referral_record_outcome(referral=referral, outcome=form.cleaned_data["outcome"],
                                                 actor=request.user)
        messages.success(request, _("De uitkomst van de doorverwijzing is opgeslagen."))
    else:
        messages.error(request, _("Kies wat de doorverwijzing opleverde."))
    return _back(reference)
