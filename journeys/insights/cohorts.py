"""Cohort figures (issue 20, item 4): what became of the companies that started in a quarter.

A cohort is the support requests of one hub that started (``created_at``) in one calendar quarter. A request
"moved up a stage within N months" when an answer to "Waar staat u nu?" given within N months of the start
names a later stage than the one the hub worked with (``SupportRequest.stage``). Outcomes are the
``RequestOutcome`` reports (staff and entrepreneur); a request counts once per scheme and result. Every count
goes through the small-group rule (``suppression.py``): 1 to 4 is shown as "< 5", averages need 5 answers.
Anonymised requests keep their stage and outcomes and are counted (they name no one).

Every figure can be limited to the requests that started in a period (``started``: first and last day, both
included), so that a cohort page answers "what became of the companies that started in 2026?".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.insights.figures import Figure, Row
from journeys.insights.suppression import count_cell, measure_cell
from journeys.intake.classification import STAGE_ORDER
from journeys.models import JourneyResult, Reassessment, RequestOutcome, SupportRequest
from schemes import vocabulary as v

MONTHS = (6, 12)
FIGURE_NAMES = (
    "cohort_stage_moves", "cohort_outcomes_by_scheme", "cohort_survey_by_outcome", "cohort_barriers_resolved",
)


Period = tuple[dt.date, dt.date] | None


def _in_scope(queryset, *, hub_ids: tuple[int, ...] | None, field: str = "hub_id", started: Period = None):
    if hub_ids is not None:
        queryset = queryset.filter(**{f"{field}__in": hub_ids})
    if started is not None:
        request = field.removesuffix("hub_id")  # "" for a SupportRequest, "support_request__" for a related row
        first, last = started
        queryset = queryset.filter(**{f"{request}created_at__date__range": (first, last)})
    return queryset


def _quarter(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def _rank(stage: str) -> int:
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else -1


def stage_moves(*, hub_ids: tuple[int, ...] | None, started: Period = None) -> Figure:
    requests = _in_scope(SupportRequest.objects.all(), hub_ids=hub_ids, started=started).select_related("hub").only(
        "pk", "created_at", "stage", "hub__name")
    answers = defaultdict(list)
    for request_id, stage, answered_at in _in_scope(
        Reassessment.objects.all(), hub_ids=hub_ids, field="support_request__hub_id", started=started
    ).values_list("support_request_id", "stage", "answered_at"):
        answers[request_id].append((stage, answered_at))
    cohorts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for request in requests.iterator(chunk_size=2000):
        counts = cohorts[(request.hub.name, _quarter(request.created_at))]
        counts[0] += 1
        for position, months in enumerate(MONTHS, start=1):
            until = request.created_at + relativedelta(months=months)
            if any(_rank(stage) > _rank(request.stage) and at <= until for stage, at in answers[request.pk]):
                counts[position] += 1
    rows = [
        Row(label=f"{hub} · {quarter}", code=quarter, cells=[count_cell(n) for n in counts])
        for (hub, quarter), counts in sorted(cohorts.items(), key=lambda item: (item[0][1], item[0][0]))
    ]
    return Figure(
        name="cohort_stage_moves", title=_("Bedrijven die een fase verder kwamen"),
        label_header=_("Loket en startkwartaal"),
        columns=[_("Gestart"), _("Fase verder binnen 6 maanden"), _("Fase verder binnen 12 maanden")],
        rows=rows,
        notes=[_("Volgens hun eigen antwoord op 'Waar staat u nu?'. Wie niet antwoordde, telt als niet verder.")],
    )


def outcomes_by_scheme(*, hub_ids: tuple[int, ...] | None, started: Period = None) -> Figure:
    results = (JourneyResult.REFERRED, JourneyResult.APPLIED, JourneyResult.AWARDED)
    counted = (
        _in_scope(RequestOutcome.objects.filter(scheme__isnull=False, result__in=results), hub_ids=hub_ids,
                  field="support_request__hub_id", started=started)
        .values("scheme__slug", "scheme__name", "result")
        .annotate(n=Count("support_request", distinct=True))
    )
    table: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in counted:
        table[(row["scheme__name"], row["scheme__slug"])][row["result"]] = row["n"]
    rows = [
        Row(label=name, code=slug, cells=[count_cell(values.get(result, 0)) for result in results])
        for (name, slug), values in sorted(table.items())
    ]
    return Figure(
        name="cohort_outcomes_by_scheme", title=_("Resultaat per regeling"), label_header=_("Regeling"),
        columns=[str(JourneyResult(result).label) for result in results], rows=rows,
        notes=[_("Hulpvragen met dit resultaat, gemeld door het loket of de ondernemer.")],
    )


def survey_by_outcome(*, hub_ids: tuple[int, ...] | None, started: Period = None) -> Figure:
    rows = []
    for result in JourneyResult:
        requests = _in_scope(SupportRequest.objects.filter(journey_outcomes__result=result), hub_ids=hub_ids,
                             started=started).distinct()
        stats = SupportRequest.objects.filter(pk__in=requests.values("pk")).aggregate(
            total=Count("pk"), yes=Count("pk", filter=Q(survey_helped=True)),
            no=Count("pk", filter=Q(survey_helped=False)), rated=Count("survey_rating"),
            rating=Avg("survey_rating"),
        )
        if not stats["total"]:
            continue
        rows.append(Row(label=str(result.label), code=result.value, cells=[
            count_cell(stats["total"]), count_cell(stats["yes"]), count_cell(stats["no"]),
            measure_cell(float(stats["rating"]) if stats["rating"] is not None else None, basis=stats["rated"],
                         kind="rating"),
        ]))
    return Figure(
        name="cohort_survey_by_outcome", title=_("Enquête naast het resultaat"), label_header=_("Resultaat"),
        columns=[_("Hulpvragen"), _("Geholpen: ja"), _("Geholpen: nee"), _("Gemiddeld cijfer")], rows=rows,
    )


def barriers_resolved(*, hub_ids: tuple[int, ...] | None, started: Period = None, answered: Period = None,
                      name: str = "cohort_barriers_resolved") -> Figure:
    """Per barrier named at intake: how many companies later called it solved, and how many still have it.

    From each request's newest re-assessment answer (``answered``: only answers given in that period, as the
    yearly barrier report counts them); requests without an answer are not counted here.
    """
    newest: dict[int, tuple[list, list]] = {}
    answers = _in_scope(Reassessment.objects.all(), hub_ids=hub_ids, field="support_request__hub_id",
                        started=started)
    if answered is not None:
        answers = answers.filter(answered_at__date__gte=answered[0], answered_at__date__lte=answered[1])
    answers = answers.order_by(
        "support_request_id", "number").values_list("support_request_id", "barriers_then", "barriers_resolved")
    for request_id, then, resolved in answers:
        newest[request_id] = (then or [], resolved or [])
    named: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for then, resolved in newest.values():
        for code in then:
            counts = named[code]
            counts[0] += 1
            counts[1 if code in resolved else 2] += 1
    rows = [
        Row(label=v.label(v.Barrier, code), code=code, cells=[count_cell(n) for n in named[code]])
        for code in v.Barrier.values if code in named
    ]
    return Figure(
        name=name, title=_("Belemmeringen: opgelost en gebleven"), label_header=_("Belemmering"),
        columns=[_("Genoemd bij de intake"), _("Nu opgelost"), _("Nog niet opgelost")], rows=rows,
        notes=[_("Uit het laatste antwoord op 'Waar staat u nu?' van elke hulpvraag.")],
    )


def cohort_figures(*, hub_ids: tuple[int, ...] | None, started: Period = None) -> list[Figure]:
    scope = {"hub_ids": hub_ids, "started": started}
    return [stage_moves(**scope), outcomes_by_scheme(**scope), survey_by_outcome(**scope), barriers_resolved(**scope)]
