"""One page per hub where its own staff edit the hub's public contact details and texts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal import roles
from schemes.hub_profile.forms import HubProfileForm
from schemes.hub_profile.services import hub_update_profile
from schemes.models import Hub


def _get_hub_for_user(request: HttpRequest, slug: str) -> Hub:
    # Another hub's page answers 404, as everywhere in the staff area: it does not say the hub exists.
    hub = Hub.objects.filter(slug=slug, id__in=roles.staff_hub_ids(request.user)).first()
    if hub is None:
        raise Http404
    return hub


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def hub_profile(request: HttpRequest, slug: str) -> HttpResponse:
    hub = _get_hub_for_user(request, slug)
    form = HubProfileForm(request.POST or None, instance=Hub.objects.get(pk=hub.pk))
    if request.method == "POST" and form.is_valid():
        changed = hub_update_profile(hub=hub, values=form.cleaned_data, user=request.user)
        messages.success(request, _("De gegevens van uw loket zijn opgeslagen.") if changed else _(
            "Er was niets veranderd."))
        return redirect("schemes:hub-profile", slug=hub.slug)
    return render(request, "schemes/hub_profile.html", {"hub": hub, "form": form})
