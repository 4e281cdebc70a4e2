"""The dashboard's figures, each computed with a few GROUP BY queries in the database.

Every function takes ``InsightFilters`` (period, user's hub scope, province, sector, stage) and returns a
``Figure`` whose numbers already went through small-group suppression (``privacy``). Python only loops over
the aggregated rows (a handful per figure), never over intakes or requests.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict

from django.db import connection
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.insights import filters as f
from journeys.insights.aggregates import Median
from journeys.insights.counts import Counts
from journeys.insights.figures import Chart, Figure, Row
from journeys.insights.suppression import (
    Cell,
    count_cell,
    measure_cell,
    partition_cells,
    partition_shares,
    share_cell,
)
from journeys.models import IntakeTag, Outcome, RequestStatus
from schemes import vocabulary as v
from schemes.models import Province

PICKED_UP = [RequestStatus.TRIAGE, RequestStatus.IN_PROGRESS, RequestStatus.REFERRED, RequestStatus.CLOSED]
TAG_CHOICES = {
    IntakeTag.Dimension.SECTOR: v.Sector,
    IntakeTag.Dimension.THEME: v.Theme,
    IntakeTag.Dimension.BUSINESS_AREA: v.BusinessArea,
    IntakeTag.Dimension.DRIVER: v.Driver,
    IntakeTag.Dimension.BARRIER: v.Barrier,
}


def funnel(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    started_rows = (counts or Counts(filters)).started.items()
    counts = {
        "started": sum(n for _key, n in started_rows),
        "submitted": sum(n for (sent, _status, _outcome), n in started_rows if sent),
        "requested": sum(n for (_sent, status, _outcome), n in started_rows if status is not None),
        "picked_up": sum(n for (_sent, status, _outcome), n in started_rows if status in PICKED_UP),
        "closed": sum(n for (_sent, status, _outcome), n in started_rows if status == RequestStatus.CLOSED),
    }
    steps = [
        ("started", _("Intake gestart")),
        ("submitted", _("Intake ingestuurd")),
        ("requested", _("Contact gevraagd")),
        ("picked_up", _("In behandeling genomen")),
        ("closed", _("Afgesloten")),
    ]
    started = counts["started"]
    rows = [
        Row(label, [count_cell(counts[code]), share_cell(counts[code], started)], code=code)
        for code, label in steps
    ]
    notes = []
    if filters.has_intake_filters:
        notes.append(_(
            "U filtert op provincie, sector of fase. Die kennen we pas als de intake is ingestuurd. "
            "Daarom tellen alleen ingestuurde intakes mee als gestart."
        ))
    summary = _(
        "Van de %(started)s gestarte intakes zijn er %(submitted)s ingestuurd. "
        "%(requested)s bedrijven vroegen om contact en %(closed)s hulpvragen zijn afgesloten."
    ) % {key: rows[i].cells[0] for i, key in enumerate(["started", "submitted", "requested", "picked_up", "closed"])}
    return Figure(
        name="funnel", title=_("Van intake tot afgesloten hulpvraag"), label_header=_("Stap"),
        columns=[_("Aantal"), _("% van gestart")], rows=rows, summary=summary, notes=notes,
        chart=Chart("bars", (0,)),
    )


def outcomes(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    grouped = Counter()
    for (_sent, status, outcome), n in (counts or Counts(filters)).started.items():
        if status == RequestStatus.CLOSED:
            grouped[outcome] += n
    codes = [(code, label) for code, label in Outcome.choices]
    if grouped.get(""):
        codes.append(("", _("Geen uitkomst vastgelegd")))
    counts = [grouped.get(code, 0) for code, _label in codes]
    cells = partition_cells(counts)
    shares = partition_shares(counts, cells)
    rows = [
        Row(str(label), [cell, share], code=code or "unknown")
        for (code, label), cell, share in zip(codes, cells, shares, strict=True)
    ]
    total = sum(counts)
    summary = _("%(total)s hulpvragen uit deze intakes zijn afgesloten.") % {"total": count_cell(total)}
    if total:
        best = max(range(len(counts)), key=lambda i: counts[i])
        if cells[best].shown:
            summary += " " + _("De meest voorkomende uitkomst is: %(label)s.") % {"label": codes[best][1]}
    return Figure(
        name="outcomes", title=_("Afgesloten hulpvragen per uitkomst"), label_header=_("Uitkomst"),
        columns=[_("Aantal"), _("% van afgesloten")], rows=rows, summary=summary, chart=Chart("bars", (0,)),
    )


def stages(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    grouped = (counts or Counts(filters)).submitted_by_stage
    codes = list(v.Stage.choices)
    if grouped.get(""):
        codes.append(("", _("Onbekend")))
    counts = [grouped.get(code, 0) for code, _label in codes]
    cells = partition_cells(counts)
    shares = partition_shares(counts, cells)
    rows = [
        Row(str(label), [cell, share], code=code or "unknown")
        for (code, label), cell, share in zip(codes, cells, shares, strict=True)
    ]
    parts = [f"{label}: {share}" for (_code, label), share in zip(codes, shares, strict=True)]
    summary = _("Ingestuurde intakes per fase: %(parts)s.") % {"parts": "; ".join(parts)}
    return Figure(
        name="stages", title=_("Fase van de bedrijven"), label_header=_("Fase"),
        columns=[_("Aantal"), _("% van ingestuurd")], rows=rows, summary=summary, chart=Chart("bars", (0,)),
    )


def stages_by_month(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    grouped = (counts or Counts(filters)).submitted_by_month
    stage_codes = [code for code, _label in v.Stage.choices]
    rows = []
    for month in _months(filters.date_from, filters.date_to):
        counts = [grouped.get((month, code), 0) for code in stage_codes]
        cells = partition_cells(counts)
        rows.append(Row(_month_label(month), [*cells, count_cell(sum(counts))], code=f"{month:%Y-%m}"))
    summary = _(
        "Per maand het aantal ingestuurde intakes per fase. De balken tonen het aandeel van elke fase in die maand."
    )
    return Figure(
        name="stages_by_month", title=_("Fase per maand"), label_header=_("Maand"),
        columns=[*(str(label) for _code, label in v.Stage.choices), _("Totaal")], rows=rows, summary=summary,
        chart=Chart("stacked", tuple(range(len(stage_codes))), total_column=len(stage_codes)),
    )


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def _month_label(month: dt.date) -> str:
    return f"{_(MONTHS[month.month - 1])} {month.year}"


def tag_counts(filters: f.InsightFilters, *, dimension: str, counts: Counts | None = None) -> Figure:
    """How many submitted intakes named each theme/barrier/...; one intake can name several."""
    counts = counts or Counts(filters)
    total = counts.submitted
    grouped = counts.tags(dimension)
    choices = TAG_CHOICES[dimension]
    codes = sorted(choices.values, key=lambda code: (-grouped.get(code, 0), choices(code).label))
    rows = [
        Row(str(choices(code).label), [count_cell(grouped.get(code, 0)), _tag_share(grouped.get(code, 0), total)],
            code=code)
        for code in codes
    ]
    top = [row.label for row in rows[:3] if row.cells[0].shown and row.cells[0].value]
    title, header = {
        IntakeTag.Dimension.THEME: (_("Vragen per thema"), _("Thema")),
        IntakeTag.Dimension.BARRIER: (_("Belemmeringen"), _("Belemmering")),
        IntakeTag.Dimension.DRIVER: (_("Redenen om circulair te werken"), _("Reden")),
        IntakeTag.Dimension.SECTOR: (_("Sectoren"), _("Sector")),
        IntakeTag.Dimension.BUSINESS_AREA: (_("Bedrijfsonderdelen"), _("Bedrijfsonderdeel")),
    }[dimension]
    summary = (
        _("Het vaakst genoemd: %(top)s.") % {"top": ", ".join(top)} if top
        else _("Geen keuze is door 5 of meer bedrijven genoemd.")
    )
    summary += " " + _("Een bedrijf kan meer dan één keuze maken.")
    return Figure(
        name=f"{dimension}s" if dimension != IntakeTag.Dimension.BUSINESS_AREA else "business_areas",
        title=title, label_header=header, columns=[_("Bedrijven"), _("% van ingestuurd")], rows=rows,
        summary=summary, chart=Chart("bars", (0,)),
    )


def _tag_share(count: int, total: int) -> Cell:
    if 0 < count < 5:
        return Cell(None, kind="percent", suppressed="small")
    return share_cell(count, total)


def top_tags_by_group(filters: f.InsightFilters, *, dimension: str, group: str, top: int = 3,
                      counts: Counts | None = None) -> Figure:
    """The most named codes of ``dimension`` per province or per sector; only groups of 5 or more are named."""
    counts = counts or Counts(filters)
    choices = TAG_CHOICES[dimension]
    if group == "province":
        grouped = [(key, code, n) for (key, code), n in counts.tags_by_province(dimension).items()]
        names = dict(Province.objects.values_list("id", "display_name"))
        groups = [(pid, names[pid]) for pid in sorted(names, key=names.get)] + [(None, _("Provincie onbekend"))]
        group_header = _("Provincie")
    else:
        # The intake's sector tags joined to the same intake's tags of ``dimension``.
        grouped = [(key, code, n) for (key, code), n in counts.tags_by_sector(dimension).items()]
        groups = list(v.Sector.choices)
        group_header = _("Sector")
    by_group: dict = {}
    for key, code, n in grouped:
        by_group.setdefault(key, []).append((n, code))
    rows = []
    item_header = {IntakeTag.Dimension.THEME: _("Thema"), IntakeTag.Dimension.BARRIER: _("Belemmering"),
                   IntakeTag.Dimension.DRIVER: _("Reden")}.get(dimension, _("Keuze"))
    for key, name in groups:
        ranked = sorted(by_group.get(key, []), key=lambda item: (-item[0], item[1]))
        shown = [(n, code) for n, code in ranked if n >= 5][:top]
        if not ranked:
            continue
        if not shown:
            rows.append(Row(str(name), [Cell(None, kind="text", text=_("geen keuze van 5 of meer bedrijven")),
                                        Cell(None, suppressed="small")], code=str(key or "unknown")))
        for n, code in shown:
            rows.append(Row(str(name), [Cell(None, kind="text", text=str(v.label(choices, code))), Cell(n)],
                            code=f"{key or 'unknown'}:{code}"))
    what = {IntakeTag.Dimension.THEME: _("thema's"), IntakeTag.Dimension.BARRIER: _("belemmeringen")}.get(
        dimension, _("keuzes"))
    by = _("per provincie") if group == "province" else _("per sector")
    return Figure(
        name=f"{dimension}s_by_{group}", title=_("Top %(top)s %(what)s %(by)s") % {"top": top, "what": what, "by": by},
        label_header=group_header, columns=[item_header, _("Bedrijven")], rows=rows,
        summary=_("Per groep de %(top)s keuzes die het vaakst zijn genoemd, als 5 of meer bedrijven ze noemden.")
        % {"top": top},
    )


def response_times(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    """Per hub: median calendar days to the first response and the share answered within the target."""
    now = timezone.now()
    wait = F("first_response_at") - F("created_at")
    decided = Q(first_response_at__isnull=False) | Q(due_at__lt=now)
    aggregates = {
        "total": Count("id"),
        "responded": Count("id", filter=Q(first_response_at__isnull=False)),
        "decided": Count("id", filter=decided),
        "in_time": Count("id", filter=Q(first_response_at__lte=F("due_at"))),
    }
    in_database = connection.vendor == "postgresql"
    if in_database:
        aggregates["median"] = Median(wait)
    qs = f.requests(filters)
    per_hub = {row["hub_id"]: {"median": None, **row} for row in qs.values("hub_id").annotate(**aggregates).order_by()}
    overall = {"median": None, **qs.aggregate(**aggregates)}
    if not in_database:
        hub_medians, overall["median"] = _medians_in_python(qs)
        for hub_id, median in hub_medians.items():
            per_hub[hub_id]["median"] = median
    hubs = [hub for hub in f.hubs_in_scope(hub_ids=filters.hub_ids) if hub.is_active or hub.id in per_hub]
    empty = {"total": 0, "responded": 0, "decided": 0, "in_time": 0, "median": None}
    stats = [per_hub.get(hub.id, empty) for hub in hubs]
    totals = partition_cells([s["total"] for s in stats])
    responded = partition_cells([s["responded"] for s in stats])
    rows = [
        Row(hub.name, [total, answered, *_timing_cells(s)], code=hub.slug)
        for hub, s, total, answered in zip(hubs, stats, totals, responded, strict=True)
    ]
    rows.append(Row(_("Alle loketten samen"), [count_cell(overall["total"]), count_cell(overall["responded"]),
                                               *_timing_cells(overall)]))
    overall_share = _timing_cells(overall)[1]
    summary = _(
        "%(share)s van de hulpvragen kreeg de eerste reactie binnen de termijn van het loket. "
        "Mediaan tot de eerste reactie: %(median)s kalenderdagen."
    ) % {"share": overall_share, "median": _timing_cells(overall)[0]}
    return Figure(
        name="response_times", title=_("Reactietijd per loket"), label_header=_("Loket"),
        columns=[_("Hulpvragen"), _("Met eerste reactie"), _("Mediaan tot eerste reactie (kalenderdagen)"),
                 _("Binnen termijn (%)")],
        rows=rows, summary=summary, chart=Chart("bars", (3,), unit="percent"),
        notes=[_(
            "Binnen termijn: eerste reactie uiterlijk op de streefdatum (in werkdagen) van het loket. "
            "Hulpvragen zonder reactie waarvan de streefdatum nog niet voorbij is, tellen nog niet mee."
        )],
    )


def _medians_in_python(qs) -> tuple[dict[int, dt.timedelta], dt.timedelta | None]:
    """Medians of the wait to the first response, per hub and overall, for SQLite (the embedded demo), which
    has no percentile aggregate. It reads one pair of timestamps per answered request: fine at demo size."""
    waits: dict[int, list[dt.timedelta]] = defaultdict(list)
    answered = qs.filter(first_response_at__isnull=False).values_list("hub_id", "created_at", "first_response_at")
    for hub_id, created_at, first_response_at in answered.order_by():
        waits[hub_id].append(first_response_at - created_at)
    every_wait = [wait for hub_waits in waits.values() for wait in hub_waits]
    overall = statistics.median(every_wait) if every_wait else None
    return {hub_id: statistics.median(hub_waits) for hub_id, hub_waits in waits.items()}, overall


def _timing_cells(stats: dict) -> list[Cell]:
    median = stats["median"]
    days = median.total_seconds() / 86400 if median is not None else None
    return [
        measure_cell(days, basis=stats["responded"], kind="days"),
        share_cell(stats["in_time"], stats["decided"]),
    ]
