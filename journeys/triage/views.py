"""The hub triage desk: the queue and the request page, with one POST endpoint per action.

Access: a request outside the user's hubs is a 404 (never a 403), so a reference number reveals
nothing. Staff of a hub the request was referred away from may look but not act (403 on actions).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from journeys.followups.selectors import followups_for_request
from journeys.models.requests import RequestStatus, SupportRequest
from journeys.triage import forms, queue, selectors, services
from journeys.working_days import almost_overdue_threshold
from portal import roles
from portal.htmx import render_page_or_partial, wants_partial
from schemes.models import Hub


def _get_request_for_user(user, reference: str) -> tuple[SupportRequest, bool]:
    """The request and whether the user may change it; 404 if the user may not even see it."""
    support_request = selectors.request_visible_to(user=user, reference=reference)
    if support_request is None:
        raise Http404
    return support_request, selectors.can_change_request(user=user, support_request=support_request)


def _user_hubs(user) -> tuple[list[Hub], bool]:
    if user.is_superuser:
        return list(Hub.objects.filter(is_active=True)), True
    return list(user.hubs.filter(is_active=True)), False


def _queue_url(params: QueryDict, **changes: str) -> str:
    query = params.copy()
    for paging in ("after", "before", "page"):
        query.pop(paging, None)
    for key, value in changes.items():
        if value:
            query[key] = value
        else:
            query.pop(key, None)
    encoded = query.urlencode()
    return reverse("journeys:queue") + (f"?{encoded}" if encoded else "")


def _paging_urls(params: QueryDict, page: queue.QueuePage) -> dict[str, str | None]:
    """Next, previous and first-page links. Keyset pages have no numbers, so the links carry one as a hint:
    on page 2 "Vorige pagina" leads to the first page, so no separate "Eerste pagina" is shown there.

    "Vorige pagina" still reads backwards from this page's first row, so paging back shows the very rows seen
    going forward even when new requests arrived in between; the hint only decides which links to show.
    """
    number = 1 if page.previous_cursor is None else _page_hint(params)
    urls: dict[str, str | None] = {"next_url": None, "previous_url": None, "first_url": None}
    if page.next_cursor:
        urls["next_url"] = _queue_url(params, after=page.next_cursor, page=str(number + 1) if number else "")
    if page.previous_cursor is None:
        return urls
    urls["previous_url"] = _queue_url(params, before=page.previous_cursor, page=str(number - 1) if number else "")
    if number != 2:
        urls["first_url"] = _queue_url(params)
    return urls


def _page_hint(params: QueryDict) -> int | None:
    value = params.get("page", "")
    if not (value.isascii() and value.isdigit() and len(value) <= 5):  # "²" is a digit to isdigit(), not to int()
        return None
    return int(value) if int(value) > 1 else None


@login_required
@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    hubs, all_hubs = _user_hubs(request.user)
    if not hubs and roles.is_referrer_only(request.user):
        raise Http404  # an advisor has no queue, not even an empty one (docs/security.md)
    data = None
    if request.GET:
        # Missing choices keep their defaults instead of showing the first option as if chosen.
        data = request.GET.copy()
        data.setdefault("per", str(forms.DEFAULT_PAGE_SIZE))
        data.setdefault("sort", queue.DEFAULT_SORT)
    form = forms.QueueFilterForm(data, hubs=hubs, all_hubs=all_hubs)
    context: dict[str, Any] = {"form": form, "hubs": hubs}
    if hubs:
        now = timezone.now()
        filters = form.filters() if form.is_bound else queue.QueueFilters()
        page_size = form.page_size() if form.is_bound else forms.DEFAULT_PAGE_SIZE
        after = queue.Cursor.decode(request.GET.get("after", ""))
        before = queue.Cursor.decode(request.GET.get("before", ""))
        page = queue.queue_page(
            user=request.user, filters=filters, after=after, before=before, page_size=page_size, now=now
        )
        counts = queue.queue_status_counts(user=request.user, filters=filters, now=now)
        tabs = [
            ("", _("Alle"), sum(counts.get(s, 0) for s in RequestStatus.values)),
            *[(status, label, counts.get(status, 0)) for status, label in RequestStatus.choices],
            (queue.PASSED_ON, _("Naar ander loket"), counts.get(queue.PASSED_ON, 0)),
        ]
        context.update(
            page=page,
            filters=filters,
            tabs=[
                {"code": code, "label": label, "count": count, "url": _queue_url(request.GET, status=code),
                 "current": code == filters.status}
                for code, label, count in tabs
            ],
            **_paging_urls(request.GET, page),
            now=now,
        )
    if not hubs:  # the page without hubs has no results part to swap
        return render(request, "journeys/triage/queue.html", context)
    return render_page_or_partial(request, "journeys/triage/queue.html", "results", context)


def _action_forms(support_request: SupportRequest, bound: Any = None) -> dict[str, Any]:
    colleagues = selectors.hub_colleagues(support_request=support_request)
    made = {
        "assign": forms.AssignForm(support_request=support_request, colleagues=colleagues),
        "status": forms.StatusForm(support_request=support_request),
        "note": forms.NoteForm(support_request=support_request),
        "public": forms.PublicUpdateForm(support_request=support_request),
        "contact": forms.ContactForm(support_request=support_request),
        "stage": forms.StageForm(support_request=support_request),
        "recommend": forms.RecommendForm(support_request=support_request),
        "duplicate": forms.DuplicateForm(support_request=support_request),
        "refer": forms.ReferForm(support_request=support_request),
    }
    if bound is not None:
        made[bound.prefix_name] = bound
    return made


def _detail_context(request: HttpRequest, support_request: SupportRequest, can_change: bool,
                    bound: Any = None) -> dict[str, Any]:
    now = timezone.now()
    unanswered = support_request.first_response_at is None and support_request.status != RequestStatus.CLOSED
    cutoff = None if can_change else selectors.trace_cutoff(user=request.user, support_request=support_request)
    followups = followups_for_request(support_request=support_request)
    return {
        "support_request": support_request,
        "trace_until": cutoff,
        "intake": support_request.intake,
        "can_change": can_change,
        **selectors.intake_reasoning(support_request=support_request),
        "timeline": selectors.request_timeline_with_summaries(support_request=support_request, until=cutoff),
        "followups": followups if cutoff is None else [f for f in followups if f.created_at <= cutoff],
        # Where the cancel button returns without JavaScript (htmx renders this page from action URLs too).
        "next_url": reverse("journeys:request-detail", args=[support_request.reference]),
        "traces": support_request.hub_traces.select_related("hub", "referred_to", "referred_by"),
        "forms": _action_forms(support_request, bound) if can_change else {},
        "error_form": bound,
        "can_assign_self": can_change and request.user.pk != support_request.assigned_to_id
        and support_request.hub.staff.filter(pk=request.user.pk).exists(),
        "overdue": unanswered and support_request.due_at < now,
        "almost_overdue": unanswered and now <= support_request.due_at < almost_overdue_threshold(now=now),
    }


@login_required
@require_GET
def request_detail(request: HttpRequest, reference: str) -> HttpResponse:
    support_request, can_change = _get_request_for_user(request.user, reference)
    return render(request, "journeys/triage/request.html", _detail_context(request, support_request, can_change))


@dataclass(frozen=True)
class _Action:
    form_class: type
    run: Callable[..., Any]
    done: Any  # the confirmation shown after it worked


def _assign(form, support_request, user):
    return services.request_assign(support_request=support_request, actor=user,
                                   version=form.cleaned_data["version"], assignee=form.cleaned_data["assignee"])


def _status(form, support_request, user):
    data = form.cleaned_data
    return services.request_change_status(support_request=support_request, actor=user, version=data["version"],
                                          status=data["status"], outcome=data["outcome"], note=data["note"])


def _note(form, support_request, user):
    return services.request_add_note(support_request=support_request, actor=user, text=form.cleaned_data["text"])


def _public(form, support_request, user):
    return services.request_post_public_update(support_request=support_request, actor=user,
                                               text=form.cleaned_data["text"])


def _contact(form, support_request, user):
    return services.request_log_contact(support_request=support_request, actor=user,
                                        channel=form.cleaned_data["channel"], note=form.cleaned_data["text"])


def _stage(form, support_request, user):
    data = form.cleaned_data
    return services.request_override_stage(support_request=support_request, actor=user, version=data["version"],
                                           stage=data["stage"], reason=data["reason"])


def _recommend(form, support_request, user):
    return services.request_recommend_scheme(support_request=support_request, actor=user,
                                             scheme=form.cleaned_data["scheme"], reason=form.cleaned_data["reason"])


def _duplicate(form, support_request, user):
    return services.request_mark_duplicate(support_request=support_request, actor=user,
                                           version=form.cleaned_data["version"],
                                           original_reference=form.cleaned_data["original"])


def _refer(form, support_request, user):
    data = form.cleaned_data
    return services.request_refer_to_hub(support_request=support_request, actor=user, version=data["version"],
                                         hub=data["hub"], reason=data["reason"])


def _recompute(form, support_request, user):
    return services.request_recompute_matches(support_request=support_request, actor=user)


ACTIONS: dict[str, _Action] = {
    "toewijzen": _Action(forms.AssignForm, _assign, _("De toewijzing is opgeslagen.")),
    "status": _Action(forms.StatusForm, _status, _("De status is gewijzigd.")),
    "notitie": _Action(forms.NoteForm, _note, _("De notitie is opgeslagen.")),
    "bericht": _Action(forms.PublicUpdateForm, _public, _("Het bericht staat op de statuspagina van de ondernemer.")),
    "contact": _Action(forms.ContactForm, _contact, _("Het contact is vastgelegd.")),
    "fase": _Action(forms.StageForm, _stage, _("De fase is aangepast.")),
    "regeling": _Action(forms.RecommendForm, _recommend, _("De regeling is aanbevolen.")),
    "dubbel": _Action(forms.DuplicateForm, _duplicate, _("De hulpvraag is als dubbel afgesloten.")),
    "doorverwijzen": _Action(forms.ReferForm, _refer, _("De hulpvraag is doorgestuurd.")),
    "herberekenen": _Action(forms.RecomputeForm, _recompute,
                            _("De regelingen zijn opnieuw berekend met de catalogus van vandaag.")),
}


# Which form field a service's refusal belongs to, so the error summary can link to it.
_ERROR_FIELDS = {
    "outcome_required": "outcome",
    "outcome_not_allowed": "outcome",
    "illegal_transition": "status",
    "same_status": "status",
    "unknown_status": "status",
    "not_hub_staff": "assignee",
    "unknown_stage": "stage",
    "unknown_channel": "channel",
    "unknown_original": "original",
    "self_duplicate": "original",
    "duplicate_cycle": "original",
    "same_hub": "hub",
    "inactive_hub": "hub",
}


def _add_service_error(form, error: ValidationError) -> None:
    field = _ERROR_FIELDS.get(getattr(error, "code", None) or "")
    form.add_error(field if field in form.fields else None, error)


@login_required
@require_POST
def request_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    support_request, can_change = _get_request_for_user(request.user, reference)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    if not can_change:
        raise PermissionDenied
    extra = {"colleagues": selectors.hub_colleagues(support_request=support_request)} \
        if spec.form_class is forms.AssignForm else {}
    form = spec.form_class(request.POST, support_request=support_request, **extra)
    if form.is_valid():
        try:
            spec.run(form, support_request, request.user)
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":
                # Show the new state; the form keeps what was typed but now names the current version.
                support_request.refresh_from_db()
                form.data = form.data.copy()
                form.data[form.add_prefix("version")] = str(support_request.version)
            _add_service_error(form, error)
        else:
            messages.success(request, spec.done)
            return _after_change(request, reference)
    support_request, can_change = _get_request_for_user(request.user, reference)
    context = _detail_context(request, support_request, can_change, bound=form)
    if wants_partial(request):
        return render_page_or_partial(request, "journeys/triage/request.html", "workspace",
                                      {**context, "is_partial": True})
    return render(request, "journeys/triage/request.html", context, status=400)


def _after_change(request: HttpRequest, reference: str) -> HttpResponse:
    if not wants_partial(request):
        return redirect("journeys:request-detail", reference=reference)
    support_request, can_change = _get_request_for_user(request.user, reference)
    context = _detail_context(request, support_request, can_change)
    return render_page_or_partial(request, "journeys/triage/request.html", "workspace",
                                  {**context, "is_partial": True})
