"""Which figures the dashboard shows, in which section, by name (the name is also the CSV's name)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from journeys.insights import feedback, scheme_demand, selectors
from journeys.insights.counts import Counts, reporting_queries
from journeys.insights.figures import Figure
from journeys.insights.filters import InsightFilters
from journeys.models import IntakeTag

THEME, BARRIER = IntakeTag.Dimension.THEME, IntakeTag.Dimension.BARRIER
# Figures are aggregates of the past; a few minutes' delay is fine and saves the database repeated scans
# (every filter change or CSV download would otherwise recompute the same GROUP BYs).
CACHE_SECONDS = 300
CACHE_VERSION = 1

# Each takes the filters and, keyword-only, the ``Counts`` it may share with the other figures of the page.
FIGURES: dict[str, Callable[..., Figure]] = {
    "funnel": selectors.funnel,
    "outcomes": selectors.outcomes,
    "stages": selectors.stages,
    "stages_by_month": selectors.stages_by_month,
    "themes": partial(selectors.tag_counts, dimension=THEME),
    "barriers": partial(selectors.tag_counts, dimension=BARRIER),
    "themes_by_province": partial(selectors.top_tags_by_group, dimension=THEME, group="province"),
    "barriers_by_province": partial(selectors.top_tags_by_group, dimension=BARRIER, group="province"),
    "themes_by_sector": partial(selectors.top_tags_by_group, dimension=THEME, group="sector"),
    "barriers_by_sector": partial(selectors.top_tags_by_group, dimension=BARRIER, group="sector"),
    "response_times": selectors.response_times,
    "ratings": feedback.ratings,
    "helped": feedback.helped,
    "scheme_demand": scheme_demand.scheme_demand,
}

SECTIONS = [
    ("funnel", _("Van intake tot resultaat"), ["funnel", "outcomes"]),
    ("stages", _("Fasen"), ["stages", "stages_by_month"]),
    ("themes", _("Thema's en belemmeringen"),
     ["themes", "barriers", "barriers_by_province", "barriers_by_sector", "themes_by_province", "themes_by_sector"]),
    ("response", _("Reactietijd"), ["response_times"]),
    ("satisfaction", _("Tevredenheid"), ["ratings", "helped"]),
    ("schemes", _("Vraag naar regelingen"), ["scheme_demand"]),
]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    figures: list[Figure]


def cache_key(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"insights:v{CACHE_VERSION}:{digest}"


def cached_figures(names: list[str], filters: InsightFilters) -> dict[str, Figure]:
    """Figures by name, each computed at most once per CACHE_SECONDS for the same filters, hub scope and language.

    The ones not in the cache are computed together, so they share the underlying queries (``Counts``).
    """
    keys = {name: cache_key(name, get_language(), repr(filters)) for name in names}
    found = cache.get_many(list(keys.values()))
    figures = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in names if name not in figures]
    if missing:
        counts = Counts(filters) if len(missing) > 1 else Counts(filters, together=())
        with reporting_queries():
            computed = {name: FIGURES[name](filters, counts=counts) for name in missing}
        cache.set_many({keys[name]: figure for name, figure in computed.items()}, CACHE_SECONDS)
        figures |= computed
    return figures


def dashboard_sections(filters: InsightFilters) -> list[Section]:
    figures = cached_figures([name for _id, _title, names in SECTIONS for name in names], filters)
    return [
        Section(section_id, str(title), [figures[name] for name in names]) for section_id, title, names in SECTIONS
    ]


def dashboard_figure(filters: InsightFilters, *, name: str) -> Figure | None:
    return cached_figures([name], filters)[name] if name in FIGURES else None
