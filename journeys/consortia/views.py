"""The consortium builder's pages: the entrepreneur's opt-in, withdrawal and answer; the hub's "Ketenpartners".

Public pages are reached only through signed, opaque links (journeys.consortia.tokens). Staff pages follow
the triage desk's rule: what the user may not see is a 404 (journeys.consortia.selectors).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journeys.consortia import forms, insight, presenters, selectors, services, tokens
from journeys.consortia.eligibility import offers_partner_search
from journeys.insights.filters import hub_scope_for_user
from journeys.models import Consortium, ConsortiumMember, Intake, PartnerProfile
from portal.roles import staff_hub_ids


def _private(response: HttpResponse) -> HttpResponse:
    """A page behind a secret link: keep the link out of other sites' Referer headers and search engines.

    "same-origin", not "no-referrer": with no referrer at all a browser sends ``Origin: null`` on the page's own
    form posts, which the CSRF check refuses.
    """
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _get_intake_for_opt_in(token: str) -> Intake:
    intake_id = tokens.intake_id_from_opt_in_token(token)
    intake = Intake.objects.select_related("hub", "province").filter(
        pk=intake_id, submitted_at__isnull=False, anonymised_at__isnull=True).first() if intake_id else None
    if intake is None or not offers_partner_search(intake):
        raise Http404
    return intake


def _get_profile_for_withdraw(token: str) -> PartnerProfile | None:
    profile_id = tokens.profile_id_from_withdraw_token(token)
    return PartnerProfile.objects.filter(pk=profile_id).first() if profile_id else None


def _get_profile_for_user(user, public_id) -> PartnerProfile:
    profile = selectors.profile_visible_to(user=user, public_id=public_id)
    if profile is None:
        raise Http404
    return profile


def _get_consortium_for_user(user, reference: str) -> tuple[Consortium, bool]:
    consortium = selectors.consortium_visible_to(user=user, reference=reference)
    if consortium is None:
        raise Http404
    return consortium, selectors.can_change_consortium(user=user, consortium=consortium)


@never_cache
@require_http_methods(["GET", "POST"])
def partner_opt_in(request: HttpRequest, token: str) -> HttpResponse:
    intake = _get_intake_for_opt_in(token)
    existing = PartnerProfile.objects.filter(intake=intake, withdrawn_at__isnull=True).first()
    needs_email = not intake.email
    if request.method == "POST":
        form = forms.OptInForm(request.POST, needs_email=needs_email)
        if form.is_valid():
            try:
                profile = services.partner_profile_create(intake=intake, data=form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                return _private(render(request, "journeys/consortia/opt_in_done.html", {
                    "profile": profile, "hub": intake.hub,
                    "withdraw_url": presenters.withdraw_path(profile=profile)}))
    else:
        initial = {"company_name": intake.company_name, "company_size": intake.company_size,
                   "materials": intake.answers.get("materials") or [],
                   "material_volume": intake.answers.get("material_volume") or "",
                   "roles_sought": [], "region_scope": ""}
        if existing is not None:
            initial |= {"roles_offered": existing.roles_offered, "roles_sought": existing.roles_sought,
                        "materials": existing.materials, "material_volume": existing.material_volume,
                        "region_scope": existing.region_scope, "company_name": existing.company_name}
        form = forms.OptInForm(initial=initial, needs_email=needs_email)
    return _private(render(request, "journeys/consortia/opt_in.html", {
        "form": form, "intake": intake, "hub": intake.hub, "existing": existing,
        "back_url": presenters.back_path(intake=intake)}))


@never_cache
@require_http_methods(["GET", "POST"])
def partner_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    profile = _get_profile_for_withdraw(token)
    if profile is None:
        return _private(render(request, "journeys/consortia/link_invalid.html", status=404))
    done = not profile.is_active
    if request.method == "POST" and not done:
        services.partner_profile_withdraw(profile=profile)
        done = True
    return _private(render(request, "journeys/consortia/withdraw.html", {"profile": profile, "done": done}))


@never_cache
@require_http_methods(["GET", "POST"])
def partner_answer(request: HttpRequest, token: str) -> HttpResponse:
    member_id = tokens.member_id_from_answer_token(token)
    member = (ConsortiumMember.objects.select_related("consortium__hub", "profile").filter(pk=member_id).first()
              if member_id else None)
    if member is None or not member.profile.is_active or member.removed_at:
        return _private(render(request, "journeys/consortia/link_invalid.html", status=404))
    if request.method == "POST" and request.POST.get("antwoord") in ("ja", "nee"):
        services.consortium_answer(member=member, yes=request.POST["antwoord"] == "ja")
        member.refresh_from_db()
    return _private(render(request, "journeys/consortia/answer.html", {
        "member": member, "hub": member.consortium.hub,
        "others": presenters.other_names(member=member),
        "withdraw_url": presenters.withdraw_path(profile=member.profile),
    }))


@login_required
@require_GET
def partner_desk(request: HttpRequest) -> HttpResponse:
    profiles = list(selectors.profiles_for_user(user=request.user).order_by("company_name")[:200])
    consortia = list(selectors.consortia_for_user(user=request.user).order_by("-created_at")[:100])
    return render(request, "journeys/consortia/desk.html", {
        "profiles": [presenters.profile_row(profile) for profile in profiles],
        "consortia": consortia,
        "has_hubs": request.user.is_superuser or bool(staff_hub_ids(request.user)),
    })


@login_required
@require_GET
def partner_profile(request: HttpRequest, public_id) -> HttpResponse:
    profile = _get_profile_for_user(request.user, public_id)
    found = selectors.proposals_for_profile(profile=profile)
    return render(request, "journeys/consortia/profile.html", {
        "profile": presenters.profile_row(profile),
        "proposals": presenters.proposal_cards(profile=profile, proposals=found),
        "consortia": presenters.memberships(profile=profile, user=request.user),
    })


@login_required
@require_POST
def consortium_create(request: HttpRequest, public_id) -> HttpResponse:
    profile = _get_profile_for_user(request.user, public_id)
    form = forms.ProposalForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Kies een voorstel uit de lijst."))
        consortium = services.consortium_create(
            profile=profile, member_ids=form.member_ids(), scheme_slug=form.cleaned_data["scheme"], actor=request.user)
    except (ValidationError, forms.forms.ValidationError) as error:
        messages.error(request, error.messages[0])
        return redirect("journeys:partner-profile", public_id=profile.public_id)
    messages.success(request, _("De groep is vastgelegd. Stel de bedrijven nu aan elkaar voor."))
    return redirect("journeys:consortium-detail", reference=consortium.reference)


@login_required
@require_GET
def consortium_detail(request: HttpRequest, reference: str) -> HttpResponse:
    consortium, can_change = _get_consortium_for_user(request.user, reference)
    return render(request, "journeys/consortia/consortium.html", presenters.consortium_context(
        consortium=consortium, can_change=can_change, status_form=forms.StatusForm(current=consortium.status)))


@login_required
@require_POST
def consortium_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    consortium, can_change = _get_consortium_for_user(request.user, reference)
    if action not in ("voorstellen", "status"):
        raise Http404
    if not can_change:
        raise Http404  # another hub decides: it may look, not act (its staff see no buttons)
    try:
        if action == "voorstellen":
            sent = services.consortium_introduce(consortium=consortium, actor=request.user)
            messages.success(request, _("De bedrijven zijn aan elkaar voorgesteld (%(count)s e-mails).")
                             % {"count": sent})
        else:
            form = forms.StatusForm(request.POST, current=consortium.status)
            if not form.is_valid():
                raise ValidationError(_("Kies een nieuwe status"))
            services.consortium_set_status(consortium=consortium, status=form.cleaned_data["status"],
                                           actor=request.user)
            messages.success(request, _("De status is opgeslagen."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("journeys:consortium-detail", reference=consortium.reference)



@login_required
@require_GET
def partner_insight(request: HttpRequest) -> HttpResponse:
    """Counts for hub staff (their own hubs) and catalogue admins (all hubs); anyone else gets a 403."""
    hub_ids = hub_scope_for_user(user=request.user)
    return render(request, "journeys/consortia/insight.html", insight.consortium_insight(hub_ids=hub_ids))
