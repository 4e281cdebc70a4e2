"""Public pages of "Houd mij op de hoogte": ask, the confirm link and the one-click unsubscribe link."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from journeys.journey_over_time import reassessment as reassessment_module
from journeys.journey_over_time import services
from journeys.journey_over_time.forms import OutcomeForm, ReassessmentForm, RoundSubscribeForm
from journeys.journey_over_time.readiness import can_wait_for_round, checklist_for_scheme
from journeys.models import RequestStatus, RoundSubscription, SupportRequest
from schemes import vocabulary as v
from schemes.availability import scheme_availability
from schemes.models import Scheme


def _get_waitable_scheme(slug: str) -> tuple[Scheme, object]:
    """A published scheme whose next round one can wait for; anything else is a 404."""
    scheme = get_object_or_404(
        Scheme.objects.prefetch_related("rounds"), slug=slug, status=v.PublicationStatus.PUBLISHED
    )
    availability = scheme_availability(scheme=scheme, today=timezone.localdate())
    if not can_wait_for_round(state=availability.state):
        raise Http404
    return scheme, availability


def _get_subscription(token: str) -> RoundSubscription | None:
    return RoundSubscription.objects.select_related("scheme").filter(token=token).first()


def _message(request: HttpRequest, *, title: str, text: str, status: int = 200, scheme=None) -> HttpResponse:
    return render(request, "journeys/journey_over_time/message.html",
                  {"title": title, "text": text, "scheme": scheme}, status=status)


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return _message(
        request, title=_("Deze link werkt niet"), status=404,
        text=_("De link is niet compleet of niet meer geldig. Kopieer de hele link uit de e-mail."),
    )


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    scheme, availability = _get_waitable_scheme(slug)
    form = RoundSubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.round_subscription_request(
            scheme=scheme, email=form.cleaned_data["email"], language=(get_language() or "nl")[:2]
        )
        return redirect("journeys:round-subscribe-sent", slug=scheme.slug)
    return render(request, "journeys/journey_over_time/subscribe.html", {
        "scheme": scheme, "availability": availability, "form": form,
        "checklist": checklist_for_scheme(requirements=scheme.requirements),
    })


@require_GET
def subscribe_sent(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = get_object_or_404(Scheme, slug=slug, status=v.PublicationStatus.PUBLISHED)
    # The same page whether the address was new or known: it tells no one who else subscribed.
    return _message(
        request, scheme=scheme, title=_("Kijk in uw e-mail"),
        text=_("Wij hebben u een e-mail gestuurd. Klik op de link in die e-mail om te bevestigen. "
               "Pas daarna krijgt u bericht over nieuwe rondes. Geen e-mail gekregen? Kijk ook in uw map met spam."),
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _get_subscription(token)
    if subscription is None or subscription.unsubscribed_at is not None:
        return _invalid_link(request)
    # A GET only shows the button: mail scanners open links, and must not confirm for the person.
    if request.method == "POST" or subscription.confirmed_at is not None:
        if request.method == "POST":
            services.round_subscription_confirm(subscription=subscription)
        return _message(
            request, scheme=subscription.scheme, title=_("U bent aangemeld"),
            text=_("Wij sturen u een e-mail als er een nieuwe ronde komt, kort voordat die opent, en als het "
                   "budget bijna op is. In elke e-mail staat een link om u af te melden."),
        )
    return render(request, "journeys/journey_over_time/confirm.html", {"subscription": subscription})


# Mail providers send the RFC 8058 one-click POST without a CSRF token; the secret in the link is the authority.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _get_subscription(token)
    if subscription is None:
        return _invalid_link(request)
    if request.method == "POST" or subscription.unsubscribed_at is not None:
        if request.method == "POST":
            services.round_subscription_unsubscribe(subscription=subscription)
        return _message(
            request, scheme=subscription.scheme, title=_("U bent afgemeld"),
            text=_("U krijgt geen e-mails meer over de rondes van deze regeling."),
        )
    return render(request, "journeys/journey_over_time/unsubscribe.html", {"subscription": subscription})


def _get_closed_request_for_staff(user, reference: str):
    """A closed request the user may change (its hub's staff, superusers); anything else is a 404."""
    from journeys.triage.selectors import can_change_request, request_visible_to

    support_request = request_visible_to(user=user, reference=reference)
    if support_request is None or not can_change_request(user=user, support_request=support_request):
        raise Http404
    if support_request.status != RequestStatus.CLOSED:
        raise Http404
    return support_request


@login_required
@require_http_methods(["GET", "POST"])
def request_outcome(request: HttpRequest, reference: str) -> HttpResponse:
    support_request = _get_closed_request_for_staff(request.user, reference)
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.request_outcome_record(support_request=support_request, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Het resultaat is opgeslagen."))
        return redirect(reverse("journeys:request-detail", args=[support_request.reference]) + "#outcomes-title")
    return render(request, "journeys/journey_over_time/outcome.html",
                  {"support_request": support_request, "form": form})


@require_http_methods(["GET", "POST"])
def reassessment(request: HttpRequest, token: str) -> HttpResponse:
    found = reassessment_module.from_token(token)
    support_request = None
    if found is not None:
        support_request = SupportRequest.objects.filter(pk=found[0], anonymised_at__isnull=True).first()
    if support_request is None:
        return _invalid_link(request)
    number = found[1]
    already = _message(request, title=_("U heeft deze vragen al beantwoord"),
                       text=_("Wij hebben uw antwoord al ontvangen. U hoeft niets meer te doen. Dank u wel."))
    if support_request.reassessments.filter(number=number).exists():
        return already
    barriers = reassessment_module.barriers_named(support_request=support_request)
    form = ReassessmentForm(request.POST if request.method == "POST" else None, barriers=barriers,
                            scheme_ids=reassessment_module.route_scheme_ids(support_request=support_request))
    if request.method == "POST" and form.is_valid():
        if reassessment_module.reassessment_answer(
            support_request=support_request, number=number, data={**form.cleaned_data, "barriers_then": barriers}
        ) is None:
            return already
        return _message(request, title=_("Dank u wel"),
                        text=_("Wij hebben uw antwoord opgeslagen. Zo zien de loketten wat hun hulp oplevert."))
    return render(request, "journeys/journey_over_time/reassessment.html",
                  {"form": form, "support_request": support_request})


@login_required
@require_GET
def insight_cohorts(request: HttpRequest) -> HttpResponse:
    """Cohort figures for hub staff (their hubs) and catalogue admins (all), by start period; CSV per figure."""
    from journeys.insights import cohorts, filters
    from journeys.insights.charts import chart_svg
    from journeys.insights.csv_export import figure_csv
    from journeys.insights.forms import CohortPeriodForm

    hub_ids = filters.hub_scope_for_user(user=request.user)
    form = CohortPeriodForm(data=request.GET)
    context = {"form": form, "scope_hubs": None if hub_ids is None else list(filters.hubs_in_scope(hub_ids=hub_ids))}
    if not form.is_valid():
        if request.GET.get("format") == "csv":
            return HttpResponse(" ".join(str(e) for errors in form.errors.values() for e in errors), status=400,
                                content_type="text/plain; charset=utf-8")
        return render(request, "journeys/journey_over_time/cohorts.html", context)
    figures = cohorts.cohort_figures(hub_ids=hub_ids, started=form.started())
    if request.GET.get("format") == "csv":
        figure = next((f for f in figures if f.name == request.GET.get("figure", "")), None)
        if figure is None:
            raise Http404
        response = HttpResponse("\ufeff" + figure_csv(figure), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="inzicht-{figure.name}.csv"'
        return response
    query = request.GET.copy()
    for key in ("format", "figure"):
        query.pop(key, None)
    query = {key: value for key, value in query.items() if key in form.fields and value}
    return render(request, "journeys/journey_over_time/cohorts.html", {
        **context, "figures": [(figure, chart_svg(figure)) for figure in figures],
        "csv_query": urlencode({**query, "format": "csv"}),
    })
