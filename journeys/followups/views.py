"""Entrepreneur links from follow-up e-mails (unsubscribe, survey) and the staff cancel action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from journeys.followups import services, tokens
from journeys.followups.forms import SurveyForm
from journeys.followups.selectors import followups_for_request
from journeys.models import FollowUp, SupportRequest
from journeys.triage.selectors import can_change_request
from portal.htmx import wants_partial


def _get_followup_for_staff(user, pk: int) -> FollowUp:
    """Only those who may change the request (its current hub's staff, superusers) touch its follow-ups;
    anyone else gets a 404, as on the request page."""
    followup = FollowUp.objects.select_related("support_request").filter(pk=pk, support_request__isnull=False).first()
    if followup is None or not can_change_request(user=user, support_request=followup.support_request):
        raise Http404
    return followup


def _message(request: HttpRequest, *, title: str, text: str, status: int = 200) -> HttpResponse:
    return render(request, "journeys/followups/message.html", {"title": title, "text": text}, status=status)


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return _message(
        request,
        title=_("Deze link werkt niet"),
        text=_(
            "De link is niet compleet of te oud. Kopieer de hele link uit de e-mail, of neem contact op met uw loket."
        ),
        status=404,
    )


# Mail providers send the RFC 8058 one-click POST without a CSRF token; the signed token is the authority.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    email = tokens.email_from_unsubscribe_token(token)
    if email is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.email_unsubscribe(email=email)
        return _message(
            request,
            title=_("U bent afgemeld"),
            text=_(
                "U krijgt van ons geen e-mails meer over uw hulpvraag of regelingen. Uw hulpvraag blijft bestaan."
            ),
        )
    return render(
        request, "journeys/followups/unsubscribe.html",
        {"email": email, "already": services.is_opted_out(email=email)},
    )


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    request_id = tokens.request_id_from_survey_token(token)
    support_request = SupportRequest.objects.filter(pk=request_id, anonymised_at__isnull=True).first()
    if request_id is None or support_request is None:
        return _invalid_link(request)
    already = _message(
        request, title=_("U heeft deze vraag al beantwoord"),
        text=_("Wij hebben uw antwoord al ontvangen. U hoeft niets meer te doen. Dank u wel."),
    )
    if support_request.survey_answered_at:
        return already
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            if not services.survey_answer(
                support_request_id=support_request.pk, helped=form.helped_value, rating=form.rating_value
            ):
                return already
            return _message(
                request, title=_("Dank u wel"),
                text=_("Wij hebben uw antwoord opgeslagen. Zo kunnen de loketten hun hulp verbeteren."),
            )
    else:
        form = SurveyForm(initial=SurveyForm.initial_from_link(request.GET.get("antwoord", "")))
    return render(request, "journeys/followups/survey.html", {"form": form, "support_request": support_request})


@login_required
@require_POST
def followup_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _get_followup_for_staff(request.user, pk)
    if services.followup_cancel(followup=followup, actor=request.user):
        messages.success(request, _("De e-mail is geannuleerd. Hij wordt niet verstuurd."))
    else:
        messages.error(request, _("Deze e-mail kan niet meer worden geannuleerd: hij is al verstuurd of geannuleerd."))
    if wants_partial(request):
        response = render(
            request, "journeys/followups/_request_followups.html",
            {"support_request": followup.support_request,
             "followups": followups_for_request(support_request=followup.support_request),
             "next_url": request.POST.get("next", ""), "show_messages": True},
        )
        # The request page reloads its timeline on this event, so the cancellation shows there too.
        return trigger_client_event(response, "followups-changed")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("staff-home")
