"""The entrepreneur's intake: one generic step view, check answers, save and resume, result, contact.

The route needs no personal data: name, e-mail, phone and consent are asked on the contact request's own
page (``intake_request_contact``), only when the entrepreneur asks their hub for contact.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect, push_url
from django_ratelimit.decorators import ratelimit

from journeys.intake import questions as q
from journeys.intake import selectors, services
from journeys.intake.forms import ResumeEmailForm, contact_form, contact_initial, form_class_for, initial_for
from journeys.intake.presenters import answer_rows, result_context
from journeys.models import Intake, SupportRequest
from journeys.referrers.intake_hooks import client_consent_form, client_consent_record, client_wording
from portal.htmx import render_page_or_partial, wants_partial

REQUESTS_KEY = "intake_requests"  # references this browser created, for the confirmation page


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _remember_draft(response: HttpResponse, intake: Intake) -> HttpResponse:
    """Point this browser at its draft (selectors.draft_public_id); renewed on every answer, like a session."""
    response.set_signed_cookie(
        selectors.DRAFT_COOKIE, str(intake.public_id), salt=selectors.DRAFT_SALT,
        max_age=settings.SESSION_COOKIE_AGE, secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )
    return response


def _forget_draft(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    response.delete_cookie(selectors.DRAFT_COOKIE, samesite="Lax")
    request.session.pop(selectors.SESSION_KEY, None)  # a draft started before the cookie existed
    return response


def intake_start(request: HttpRequest) -> HttpResponse:
    intake = selectors.intake_for_request(request=request)
    if intake is not None and intake.answers:
        step = q.first_incomplete_step(intake.answers)
        return redirect("journeys:intake-step", slug=step.slug) if step else redirect("journeys:intake-check")
    return redirect("journeys:intake-step", slug=q.STEPS[0].slug)


def _step_context(request, *, step, form, answers, returning) -> dict:
    previous = q.previous_step(answers, step)
    if returning:
        back_url = reverse("journeys:intake-check")
    elif previous:
        back_url = reverse("journeys:intake-step", args=[previous.slug])
    else:
        back_url = reverse("home")
    action = reverse("journeys:intake-step", args=[step.slug]) + ("?terug=controleren" if returning else "")
    return {"step": step, "form": form, "progress": q.progress(answers, step), "back_url": back_url,
            "action": action, "single_question": len(step.questions) == 1}


@require_http_methods(["GET", "POST"])
def intake_step(request: HttpRequest, slug: str) -> HttpResponse:
    step = q.STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404
    intake = selectors.intake_for_request(request=request)
    answers = intake.answers if intake else {}
    if intake is None and step is not q.STEPS[0]:
        return redirect("journeys:intake-step", slug=q.STEPS[0].slug)
    if not step.applies(answers):
        following = q.next_step(answers, step)
        return redirect("journeys:intake-step", slug=following.slug) if following else redirect("journeys:intake-check")
    returning = request.GET.get("terug") == "controleren"
    form_class = form_class_for(step)
    if request.method == "GET":
        form = form_class(initial=initial_for(step, answers))
        return render(request, "journeys/intake/step.html", _step_context(
            request, step=step, form=form, answers=answers, returning=returning))

    form = form_class(request.POST)
    saving_for_later = request.POST.get("action") == "save"
    if form.is_valid() or saving_for_later:
        new_answers = form.cleaned_answers() if form.is_valid() else form.valid_partial_answers()
        intake = services.intake_save_step(
            intake=intake, step=step, answers=new_answers, language=translation.get_language() or "nl"
        )
        response = _after_saved_step(request, intake=intake, step=step, saving_for_later=saving_for_later,
                                     returning=returning)
        return _remember_draft(response, intake)
    context = _step_context(request, step=step, form=form, answers=answers, returning=returning)
    return render_page_or_partial(request, "journeys/intake/step.html", "step", context)


def _after_saved_step(request, *, intake, step, saving_for_later, returning) -> HttpResponse:
    """Where a saved step leads: the save page, the next open step, or the check page."""
    if saving_for_later:
        return _redirect(request, reverse("journeys:intake-save"))
    following = q.next_step(intake.answers, step)
    if returning and not (following and not q.is_step_complete(following, intake.answers)):
        following = None
    if following is None:
        return _redirect(request, reverse("journeys:intake-check"))
    next_form = form_class_for(following)(initial=initial_for(following, intake.answers))
    context = _step_context(request, step=following, form=next_form, answers=intake.answers, returning=returning)
    next_url = context["action"]
    if wants_partial(request):
        return push_url(render_page_or_partial(request, "journeys/intake/step.html", "step", context), next_url)
    return redirect(next_url)


@require_http_methods(["GET", "POST"])
def intake_check(request: HttpRequest) -> HttpResponse:
    intake = selectors.intake_for_request(request=request)
    if intake is None:
        return redirect("journeys:intake-start")
    incomplete = q.first_incomplete_step(intake.answers)
    if incomplete is not None:
        return redirect("journeys:intake-step", slug=incomplete.slug)
    if request.method == "POST":
        try:
            services.intake_submit(intake=intake)
        except ValidationError:
            return redirect("journeys:intake-start")
        return redirect("journeys:intake-result", public_id=intake.public_id)
    last = q.applicable_steps(intake.answers)[-1]
    return render(request, "journeys/intake/check.html", {
        "intake": intake, "rows": answer_rows(intake.answers, include_contact=False),
        "back_url": reverse("journeys:intake-step", args=[last.slug]),
    })


@ratelimit(key="ip", rate="10/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def intake_save(request: HttpRequest) -> HttpResponse:
    intake = selectors.intake_for_request(request=request)
    if intake is None:
        return redirect("journeys:intake-start")
    # A draft saved before the contact questions left the intake may still name the old "contact" step.
    step = q.STEPS_BY_SLUG.get(intake.current_step) or q.first_incomplete_step(intake.answers)
    back_url = reverse("journeys:intake-step", args=[step.slug]) if step else reverse("journeys:intake-check")
    if request.method == "POST":
        form = ResumeEmailForm(request.POST)
        if getattr(request, "limited", False):
            form.add_error("email", _too_many())
        elif form.is_valid():
            services.intake_send_resume_link(intake=intake, email=form.cleaned_data["email"])
            return render(request, "journeys/intake/save_sent.html", {
                "email": form.cleaned_data["email"], "days": settings.INTAKE_RESUME_DAYS, "back_url": back_url})
    else:
        form = ResumeEmailForm(initial={"email": intake.answers.get("email") or intake.email})
    return render(request, "journeys/intake/save.html", {"form": form, "back_url": back_url,
                                                         "days": settings.INTAKE_RESUME_DAYS})


def _too_many() -> str:
    return gettext("U heeft al veel links aangevraagd. Probeer het over een uur opnieuw.")


def intake_resume(request: HttpRequest, token: str) -> HttpResponse:
    intake = selectors.intake_from_resume_token(token=token)
    if intake is None:
        return render(request, "journeys/intake/resume_invalid.html", status=400)
    # The draft cookie is replaced as a whole; the session holds no draft, so there is no key to rotate.
    return _remember_draft(redirect("journeys:intake-start"), intake)


def intake_result(request: HttpRequest, public_id) -> HttpResponse:
    intake = get_object_or_404(Intake, public_id=public_id, submitted_at__isnull=False, anonymised_at__isnull=True)
    owned = selectors.intake_for_request(request=request)
    existing = SupportRequest.objects.filter(intake=intake).first()
    context = result_context(intake)
    context |= {"can_request": owned is not None and owned.pk == intake.pk, "support_request": existing,
                "owns_request": existing is not None and existing.reference in request.session.get(REQUESTS_KEY, [])}
    return render(request, "journeys/intake/result.html", context)


@require_http_methods(["GET", "POST"])
def intake_request_contact(request: HttpRequest, public_id) -> HttpResponse:
    """The contact request: a short form with what the hub will see; sending it puts the request in the queue.

    A POST without any contact field is the one-click button of a route page shown before the contact
    questions left the intake: it still works when the draft already holds complete contact answers.
    """
    intake = get_object_or_404(Intake, public_id=public_id, anonymised_at__isnull=True)
    references = request.session.get(REQUESTS_KEY, [])
    existing = SupportRequest.objects.filter(intake=intake).first()
    if existing is not None and existing.reference in references:
        # Idempotent: a double click (or a second tab) gets the request the first click created.
        return redirect("journeys:intake-confirmation", reference=existing.reference)
    if selectors.draft_public_id(request=request) != str(intake.public_id) or existing is not None:
        raise Http404
    if intake.submitted_at is None:
        return redirect("journeys:intake-check")  # the route first (an answer changed since)
    if intake.hub is None:  # no hub to ask: the route page says whom to call
        return redirect("journeys:intake-result", public_id=intake.public_id)
    if request.method == "GET":
        form = contact_form(initial=contact_initial(answers=intake.answers, email=intake.email))
        return _contact_page(request, intake=intake, form=form)
    one_click = not q.CONTACT_KEYS & set(request.POST)
    form = contact_form(_stored_contact(intake) if one_click else request.POST)
    # An advisor filling in a client's intake (issue 19.4) also ticks "my client agreed".
    client_consent = client_consent_form(intake=intake, user=request.user, data=request.POST)
    if client_consent is not None:
        client_wording(form)
    if not form.is_valid() or (client_consent is not None and not client_consent.is_valid()):
        if one_click:
            return redirect("journeys:intake-request-contact", public_id=intake.public_id)
        return _contact_page(request, intake=intake, form=form, client_consent=client_consent)
    if client_consent is not None:
        client_consent_record(intake=intake)
    try:
        support_request = services.support_request_create_with_contact(intake=intake, contact=form.cleaned_answers())
    except ValidationError as error:
        form.add_error(None, error.messages[0])
        return _contact_page(request, intake=intake, form=form)
    if support_request.reference not in references:
        request.session[REQUESTS_KEY] = [*references, support_request.reference][-20:]
    return _forget_draft(request, redirect("journeys:intake-confirmation", reference=support_request.reference))


def _stored_contact(intake: Intake) -> dict:
    """Contact answers a draft got from the old contact step, as form data."""
    data = {key: value for key, value in intake.answers.items() if key in q.CONTACT_KEYS}
    for key in ("consent_share", "followup_opt_in"):
        if not data.get(key):
            data.pop(key, None)  # an unticked checkbox is absent from a form post
    return data


def _contact_page(request: HttpRequest, *, intake: Intake, form, client_consent=None) -> HttpResponse:
    client_consent = client_consent or client_consent_form(intake=intake, user=request.user)
    if client_consent is not None:
        client_wording(form)
    return render(request, "journeys/intake/contact.html", {
        "intake": intake, "hub": intake.hub, "form": form,
        "client_consent": client_consent,
        "rows": answer_rows(intake.answers, include_contact=False),
    })


def intake_confirmation(request: HttpRequest, reference: str) -> HttpResponse:
    if reference not in request.session.get(REQUESTS_KEY, []):
        raise Http404
    support_request = get_object_or_404(SupportRequest.objects.select_related("hub", "intake"), reference=reference)
    return render(request, "journeys/intake/confirmation.html", {"request_obj": support_request,
                                                                 "hub": support_request.hub,
                                                                 "intake": support_request.intake})
