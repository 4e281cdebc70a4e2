"""Satisfaction from the follow-up survey: the rating and "did it help", per request made in the period."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from journeys.insights import filters as f
from journeys.insights.counts import Counts
from journeys.insights.figures import Chart, Figure, Row
from journeys.insights.suppression import count_cell, measure_cell, partition_cells, partition_shares

RATING_SCALE = range(1, 6)  # the survey's 1-5 scale; other values, if any, get their own row


def ratings(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    grouped = Counter()
    for (rating, _helped, _referred), n in (counts or Counts(filters)).answers.items():
        if rating is not None:
            grouped[rating] += n
    answered = sum(grouped.values())
    average = sum(rating * n for rating, n in grouped.items()) / answered if answered else None
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


def helped(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    counts_by = {"yes": 0, "no": 0}
    for (_rating, was_helped, _referred), n in (counts or Counts(filters)).answers.items():
        if was_helped is not None:
            counts_by["yes" if was_helped else "no"] += n
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
