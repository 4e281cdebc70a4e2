"""The yearly barrier report: barriers and drivers from the year's intakes, by "rode draad", sector and province.

It is the raw material for the yearly "rode draden" note. Every count is a number of companies (submitted
intakes); one company can name several barriers, so columns do not add up and only the primary small-group
rule applies (1-4 is shown as "< 5").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, Value, When
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from journeys.insights import cohorts, rollup
from journeys.insights import filters as f
from journeys.insights.counts import reporting_queries
from journeys.insights.dashboard import CACHE_SECONDS, cache_key
from journeys.insights.figures import Chart, Figure, Row
from journeys.insights.suppression import Cell, count_cell, share_cell
from journeys.models import IntakeTag
from journeys.models.insights import InsightRollupIntake, InsightRollupSectorTag, InsightRollupTag
from schemes import vocabulary as v
from schemes.models import Province

# The groups of BARRIER_RODE_DRAAD: rode draden RD3-RD6 of Rode Draden 2023 and the barrier categories of
# "Naar een Circulair Nederland" (see shared/domain.md §3.3-3.4), in report order.
RODE_DRADEN = {
    "RD3": (gettext_lazy("RD3 De keten in beweging krijgen"),
            gettext_lazy("De keten in beweging krijgen is lastig, vooral voor mkb")),
    "RD4": (gettext_lazy("RD4 Zicht op de keten"), gettext_lazy("Weinig zicht op gegevens in de keten")),
    "RD5": (gettext_lazy("RD5 Procesbegeleiding"), gettext_lazy("Een goede procesbegeleider is onmisbaar")),
    "RD6": (gettext_lazy("RD6 Kosten en baten"), gettext_lazy("Kosten en baten eerlijk verdelen is lastig")),
    "institutional": (gettext_lazy("Institutioneel"), gettext_lazy("Bedrijven vinden elkaar niet")),
    "economic": (gettext_lazy("Economisch"),
                 gettext_lazy("Financiering, goedkope nieuwe grondstoffen, grote investeringen vooraf")),
    "regulation": (gettext_lazy("Wet- en regelgeving"),
                   gettext_lazy("Regels passen bij lineair werken; de afvalstatus")),
    "knowledge": (gettext_lazy("Kennis en innovatie"), gettext_lazy("Te weinig kennis")),
}
BARRIER = IntakeTag.Dimension.BARRIER
DRIVER = IntakeTag.Dimension.DRIVER
SECTOR = IntakeTag.Dimension.SECTOR
RODE_DRAAD = "rode_draad"  # pseudo-dimension of the rollup: companies per barrier group


@dataclass
class BarrierReport:
    year: int
    intakes: int
    figures: list[Figure]
    rode_draden: list[tuple[str, str, list[str]]]  # (short label, description, barrier labels)

    def figure(self, name: str) -> Figure | None:
        return next((figure for figure in self.figures if figure.name == name), None)


def cached_yearly_report(*, year: int, hub_ids: tuple[int, ...] | None) -> BarrierReport:
    """The report, computed at most once per few minutes for the same year, hub scope and language."""
    key = cache_key("barrier-report", get_language(), str(year), repr(hub_ids))
    report = cache.get(key)
    if report is None:
        with reporting_queries():
            report = yearly_report(year=year, hub_ids=hub_ids)
        cache.set(key, report, CACHE_SECONDS)
    return report


def _rode_draad_of_code() -> Case:
    return Case(
        *(When(code=str(barrier), then=Value(group)) for barrier, group in v.BARRIER_RODE_DRAAD.items()),
        default=Value(""), output_field=CharField(),
    )


def yearly_report(*, year: int, hub_ids: tuple[int, ...] | None) -> BarrierReport:
    filters = f.InsightFilters(date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31), hub_ids=hub_ids)
    total, by_province_code, draad_by_province, by_sector = Counter(), Counter(), Counter(), Counter()
    rolled, live = rollup.split(filters)
    if rolled is not None:
        total[None] += sum(rollup.summed(InsightRollupIntake, rolled, "stage").values())
        for (dimension, province_id, code), n in rollup.summed(
            InsightRollupTag, rolled, "dimension", "province_id", "code", dimension__in=[BARRIER, DRIVER, RODE_DRAAD]
        ).items():
            if dimension == RODE_DRAAD:
                draad_by_province[(province_id, code)] += n
            else:
                by_province_code[(dimension, province_id, code)] += n
        for (dimension, sector, code), n in rollup.summed(
            InsightRollupSectorTag, rolled, "dimension", "sector", "code", dimension__in=[DRIVER, RODE_DRAAD]
        ).items():
            by_sector[(BARRIER if dimension == RODE_DRAAD else dimension, sector, code)] += n
    if live is not None:
        counted = _live_counts(live)
        for counter, part in zip((total, by_province_code, draad_by_province, by_sector), counted, strict=True):
            counter.update(part)
    total = total[None]
    by_draad, by_barrier, drivers = Counter(), Counter(), Counter()
    for (_province_id, draad), n in draad_by_province.items():
        by_draad[draad] += n  # an intake has one province, so companies per province add up
    for (dimension, _province_id, code), n in by_province_code.items():
        (by_barrier if dimension == BARRIER else drivers)[code] += n
    provinces = _provinces()
    draad_codes = list(RODE_DRADEN)
    draad_headers = [str(RODE_DRADEN[code][0]) for code in draad_codes]

    figures = [
        Figure(
            name="rode_draden", title=_("Bedrijven per rode draad"), label_header=_("Rode draad"),
            columns=[_("Bedrijven"), _("% van de intakes")],
            rows=[Row(str(RODE_DRADEN[code][0]), [count_cell(by_draad.get(code, 0)),
                                                   _share(by_draad.get(code, 0), total)], code=code)
                  for code in draad_codes],
            summary=_("Hoeveel bedrijven minstens één belemmering uit elke rode draad noemden."),
            chart=Chart("bars", (0,)),
        ),
        Figure(
            name="barriers", title=_("Belemmeringen"), label_header=_("Belemmering"),
            columns=[_("Rode draad"), _("Bedrijven"), _("% van de intakes")],
            rows=[
                Row(str(v.label(v.Barrier, code)), [
                    _text(str(RODE_DRADEN[draad][0])), count_cell(by_barrier.get(code, 0)),
                    _share(by_barrier.get(code, 0), total)], code=code)
                for draad in draad_codes
                for code in sorted((c for c, g in v.BARRIER_RODE_DRAAD.items() if g == draad),
                                   key=lambda c: -by_barrier.get(c, 0))
            ],
            summary=_top_summary(by_barrier, v.Barrier),
        ),
        _matrix(
            name="rode_draden_by_sector", title=_("Rode draden per sector"), header=_("Sector"),
            counts={(sector, draad): n for (dim, sector, draad), n in by_sector.items() if dim == BARRIER},
            groups=list(v.Sector.choices), columns=draad_codes, column_headers=draad_headers,
        ),
        _matrix(
            name="rode_draden_by_province", title=_("Rode draden per provincie"), header=_("Provincie"),
            counts=draad_by_province, groups=provinces, columns=draad_codes, column_headers=draad_headers,
        ),
        _drivers_figure(drivers, total),
        _matrix(
            name="drivers_by_sector", title=_("Redenen per sector"), header=_("Sector"),
            counts={(sector, code): n for (dim, sector, code), n in by_sector.items() if dim == DRIVER},
            groups=list(v.Sector.choices), columns=list(v.Driver.values),
            column_headers=[str(label) for label in v.Driver.labels],
        ),
        _matrix(
            name="drivers_by_province", title=_("Redenen per provincie"), header=_("Provincie"),
            counts={(province_id, code): n for (dim, province_id, code), n in by_province_code.items()
                    if dim == DRIVER},
            groups=provinces, columns=list(v.Driver.values),
            column_headers=[str(label) for label in v.Driver.labels],
        ),
        _resolved_figure(year=year, hub_ids=hub_ids),
    ]
    rode_draden = [
        (str(short), str(description),
         [str(v.label(v.Barrier, c)) for c, g in v.BARRIER_RODE_DRAAD.items() if g == code])
        for code, (short, description) in RODE_DRADEN.items()
    ]
    return BarrierReport(year=year, intakes=total, figures=figures, rode_draden=rode_draden)


def _resolved_figure(*, year: int, hub_ids: tuple[int, ...] | None) -> Figure:
    """Which barriers named at intake were solved, and which remained, by the answers given in the year."""
    figure = cohorts.barriers_resolved(
        hub_ids=hub_ids, answered=(dt.date(year, 1, 1), dt.date(year, 12, 31)), name="barriers_resolved")
    figure.notes = [_("Uit het laatste antwoord op 'Waar staat u nu?' dat een bedrijf in %(year)s gaf. "
                      "Bedrijven die in dat jaar niet antwoordden, tellen hier niet mee.") % {"year": year}]
    return figure


def _live_counts(filters: f.InsightFilters) -> tuple[Counter, Counter, Counter, Counter]:
    """(intakes, tags per province, companies per province and rode draad, companies per sector), counted live."""
    intakes = f.intakes(filters, by="submitted_at")
    total = Counter({None: intakes.count()})
    tags = IntakeTag.objects.filter(intake__in=intakes.values("id"))
    # Three scans of the period's barrier and driver tags, each grouped as finely as the tables need:
    # per province and code; per province and rode draad (companies, once per rode draad); per sector.
    by_province_code = Counter({
        (dimension, province_id, code): n for dimension, province_id, code, n in
        tags.filter(dimension__in=[BARRIER, DRIVER]).values_list("dimension", "intake__province_id", "code")
        .annotate(n=Count("id")).order_by()
    })
    draad_by_province = Counter({
        (province_id, draad): n for province_id, draad, n in
        tags.filter(dimension=BARRIER).annotate(rode_draad=_rode_draad_of_code())
        .values_list("intake__province_id", "rode_draad").annotate(n=Count("intake_id", distinct=True)).order_by()
    })
    by_sector = Counter({
        (dimension, sector, key): n for dimension, sector, key, n in
        tags.filter(dimension__in=[BARRIER, DRIVER], intake__tags__dimension=SECTOR)
        .annotate(key=Case(When(dimension=BARRIER, then=_rode_draad_of_code()), default=F("code")))
        .values_list("dimension", "intake__tags__code", "key").annotate(n=Count("intake_id", distinct=True))
        .order_by()
    })
    return total, by_province_code, draad_by_province, by_sector


def _text(text: str) -> Cell:
    return Cell(None, kind="text", text=text)


def _share(count: int, total: int) -> Cell:
    if 0 < count < 5:
        return Cell(None, kind="percent", suppressed="small")
    return share_cell(count, total)


def _top_summary(counts: dict, choices) -> str:
    top = sorted(((n, code) for code, n in counts.items() if n >= 5), reverse=True)[:3]
    if not top:
        return _("Geen belemmering is door 5 of meer bedrijven genoemd.")
    return _("Het vaakst genoemd: %(top)s.") % {
        "top": ", ".join(f"{v.label(choices, code)} ({n})" for n, code in top)
    }


def _drivers_figure(counts: Counter, total: int) -> Figure:
    codes = sorted(v.Driver.values, key=lambda code: -counts.get(code, 0))
    return Figure(
        name="drivers", title=_("Redenen om circulair te werken"), label_header=_("Reden"),
        columns=[_("Bedrijven"), _("% van de intakes")],
        rows=[Row(str(v.label(v.Driver, code)), [count_cell(counts.get(code, 0)), _share(counts.get(code, 0), total)],
                  code=code) for code in codes],
        summary=_top_summary(counts, v.Driver), chart=Chart("bars", (0,)),
    )


def _provinces() -> list[tuple]:
    return [*Province.objects.order_by("display_name").values_list("id", "display_name"),
            (None, _("Provincie onbekend"))]


def _matrix(*, name, title, header, counts, groups, columns, column_headers) -> Figure:
    rows = []
    for key, label in groups:
        values = [counts.get((key, column), 0) for column in columns]
        if any(values):
            rows.append(Row(str(label), [count_cell(n) for n in values], code=str(key or "unknown")))
    return Figure(
        name=name, title=title, label_header=header, columns=column_headers, rows=rows,
        summary=_("Aantal bedrijven per groep. Een bedrijf kan in meer kolommen en rijen voorkomen."),
    )
