"""Insight for hub staff (their own hubs) and catalogue admins (all hubs): dashboard, CSV and barrier report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from journeys.insights import barrier_report, filters
from journeys.insights import dashboard as dash
from journeys.insights.charts import chart_svg
from journeys.insights.csv_export import figure_csv
from journeys.insights.forms import InsightFilterForm, default_period

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def _scope_context(hub_ids: tuple[int, ...] | None) -> dict:
    return {"scope_hubs": None if hub_ids is None else list(filters.hubs_in_scope(hub_ids=hub_ids))}


def _csv_response(figure, *, filename: str) -> HttpResponse:
    # The BOM makes Excel read the file as UTF-8; the separator is ";" as Dutch Excel expects.
    response = HttpResponse("\ufeff" + figure_csv(figure), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    hub_ids = filters.hub_scope_for_user(user=request.user)
    params = {**default_period(), **{key: request.GET.get(key) for key in request.GET}}
    form = InsightFilterForm(data=params)
    wants_csv = request.GET.get("format") == "csv"
    if not form.is_valid():
        if wants_csv:
            return HttpResponse(" ".join(str(e) for errors in form.errors.values() for e in errors), status=400,
                                content_type="text/plain; charset=utf-8")
        return render(request, "journeys/insights/dashboard.html", {"form": form, **_scope_context(hub_ids)})
    insight_filters = form.to_filters(hub_ids=hub_ids)
    if wants_csv:
        name = request.GET.get("figure", "")
        figure = dash.dashboard_figure(insight_filters, name=name)
        if figure is None:
            raise Http404
        period = f"{insight_filters.date_from:%Y%m%d}-{insight_filters.date_to:%Y%m%d}"
        return _csv_response(figure, filename=f"inzicht-{name}-{period}.csv")
    sections = dash.dashboard_sections(insight_filters)
    query = request.GET.copy()
    for key in ("format", "figure"):
        query.pop(key, None)
    for key, value in default_period().items():
        query.setdefault(key, value)
    return render(request, "journeys/insights/dashboard.html", {
        "form": form,
        "filters": insight_filters,
        "sections": [
            (section, [(figure, chart_svg(figure)) for figure in section.figures]) for section in sections
        ],
        "csv_query": query.urlencode(),
        "report_year": insight_filters.date_to.year,
        **_scope_context(hub_ids),
    })


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def barrier_report_page(request: HttpRequest, year: int) -> HttpResponse:
    hub_ids = filters.hub_scope_for_user(user=request.user)
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    report = barrier_report.cached_yearly_report(year=year, hub_ids=hub_ids)
    if request.GET.get("format") == "csv":
        figure = report.figure(request.GET.get("figure", ""))
        if figure is None:
            raise Http404
        return _csv_response(figure, filename=f"rode-draden-{year}-{figure.name}.csv")
    return render(request, "journeys/insights/barrier_report.html", {
        "report": report, "year": year, "previous_year": year - 1,
        "next_year": year + 1 if year < timezone.localdate().year else None,
        "figures": [(figure, chart_svg(figure)) for figure in report.figures],
        **_scope_context(hub_ids),
    })
