"""Public catalogue pages: browse and filter schemes, one scheme, and the hubs with a postcode lookup."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal import roles
from portal.htmx import render_page_or_partial
from schemes import selectors
from schemes import vocabulary as v
from schemes.availability import scheme_availability
from schemes.forms import CatalogueFilterForm, PostcodeForm
from schemes.models import Scheme
from schemes.official_link import official_link

PAGE_SIZE = 20


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    if form.is_bound:
        # Invalid values (an old link, a typo in the URL) are dropped; the valid ones still filter.
        form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    today = timezone.localdate()
    province = filters.get("province")
    schemes = selectors.catalogue_search(
        today=today, text=filters.get("q", ""), stages=filters.get("stage"), themes=filters.get("theme"),
        kinds=filters.get("kind"), province_code=province.code if province else "",
        open_now=filters.get("open_now", False),
    )
    page = Paginator(schemes, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(scheme, scheme_availability(scheme=scheme, today=today)) for scheme in page]
    query = request.GET.copy()
    query.pop("page", None)
    without_text = query.copy()
    without_text.pop("q", None)
    text = filters.get("q", "").strip()
    context = {
        "form": form, "page": page, "rows": rows, "total": len(schemes), "query": query.urlencode(),
        "searched": text, "terms": selectors.search_terms(text=text) if text else None,
        "filtered": any(filters.get(name) for name in ("stage", "theme", "kind", "province", "open_now")),
        "clear_text_query": without_text.urlencode(),
    }
    return render_page_or_partial(request, "schemes/catalogue.html", "results", context)


@require_GET
def scheme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = get_object_or_404(
        Scheme.objects.select_related("provider", "executor", "umbrella").prefetch_related(
            "rounds", "provinces", "municipalities"),
        slug=slug,
    )
    preview = scheme.status != v.PublicationStatus.PUBLISHED
    if preview and not roles.is_catalogue_admin(request.user):
        raise Http404
    today = timezone.localdate()
    context = {
        "scheme": scheme, "preview": preview, "availability": scheme_availability(scheme=scheme, today=today),
        "official_link": official_link(scheme=scheme),
        "rounds": sorted(scheme.rounds.all(), key=lambda r: r.opens_on, reverse=True),
        "labels": {
            "stages": v.labels(v.Stage, scheme.stages), "themes": v.labels(v.Theme, scheme.themes),
            "business_areas": v.labels(v.BusinessArea, scheme.business_areas),
            "sectors": v.labels(v.Sector, scheme.sectors), "requirements": v.labels(v.Requirement, scheme.requirements),
        },
    }
    return render(request, "schemes/scheme_detail.html", context)


@require_GET
def hubs(request: HttpRequest) -> HttpResponse:
    form = PostcodeForm(request.GET or None)
    lookup = None
    if form.is_bound and form.is_valid():
        lookup = selectors.postcode_lookup(
            postcode=form.cleaned_data["postcode"], municipality_code=form.cleaned_data["municipality"])
        if lookup.problem == "invalid":
            form.add_error("postcode", PostcodeForm.INVALID_MESSAGE)
            lookup = None
    context = {"form": form, "lookup": lookup, "hubs": selectors.active_hubs()}
    return render_page_or_partial(request, "schemes/hubs.html", "lookup", context)
