"""Satisfaction from the follow-up survey: the rating and "did it help", per request made in the period."""

from __future__ import annotations

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from journeys.insights import filters as f
from journeys.insights.figures import Chart, Figure, Row
from journeys.insights.privacy import count_cell, measure_cell, partition_cells, partition_shares

RATING_SCALE = range(1, 6)  # the survey's 1-5 scale; other values, if any, get their own row


def ratings(filters: f.InsightFilters) -> Figure:
    answered = f.requests(filters).filter(survey_rating__isnull=False)
    grouped = dict(answered.values_list("survey_rating").annotate(n=Count("id")).order_by())
    average = answered.aggregate(avg=Avg("survey_rating"))["avg"]
    values = sorted(set(RATING_SCALE) | set(grouped))
    counts = [grouped.get(value, 0) for value in values]
    cells = partition_cells(counts)
    shares = partition_shares(counts, cells)
    rows = [
        Row(str(value), [cell, share], code=str(value))
        for value, cell, share in zip(values, cells, shares, strict=True)
    ]
    total = sum(counts)
    average_cell = measure_cell(average, basis=total, kind="rating")
    summary = _("%(n)s ondernemers gaven een cijfer. Gemiddeld cijfer: %(avg)s (op een schaal van 1 tot 5).") % {
        "n": count_cell(total), "avg": average_cell,
    }
    return Figure(
        name="ratings", title=_("Tevredenheid (cijfer uit de enquête)"), label_header=_("Cijfer"),
        columns=[_("Aantal"), _("% van de antwoorden")], rows=rows, summary=summary, chart=Chart("bars", (0,)),
    )


def helped(filters: f.InsightFilters) -> Figure:
    counts_by = f.requests(filters).aggregate(
        yes=Count("id", filter=Q(survey_helped=True)),
        no=Count("id", filter=Q(survey_helped=False)),
    )
    labels = [("yes", _("Ja, het hielp")), ("no", _("Nee, het hielp niet"))]
    counts = [counts_by[code] for code, _label in labels]
    cells = partition_cells(counts)
    shares = partition_shares(counts, cells)
    rows = [
        Row(str(label), [cell, share], code=code)
        for (code, label), cell, share in zip(labels, cells, shares, strict=True)
    ]
    summary = _("%(n)s ondernemers beantwoordden de vraag of de hulp hielp. %(yes)s zei ja.") % {
        "n": count_cell(sum(counts)), "yes": shares[0],
    }
    return Figure(
        name="helped", title=_("Heeft de hulp geholpen?"), label_header=_("Antwoord"),
        columns=[_("Aantal"), _("% van de antwoorden")], rows=rows, summary=summary, chart=Chart("bars", (0,)),
    )
