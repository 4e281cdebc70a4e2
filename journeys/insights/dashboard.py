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
from journeys.insights.figures import Figure
from journeys.insights.filters import InsightFilters
from journeys.models import IntakeTag

THEME, BARRIER = IntakeTag.Dimension.THEME, IntakeTag.Dimension.BARRIER
# Figures are aggregates of the past; a few minutes' delay is fine and saves the database repeated scans
# (every filter change or CSV download would otherwise recompute the same GROUP BYs).
CACHE_SECONDS = 300
CACHE_VERSION = 1

FIGURES: dict[str, Callable[[InsightFilters], Figure]] = {
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


def _cached(name: str, filters: InsightFilters) -> Figure:
    """One figure, computed at most once per CACHE_SECONDS for the same filters, hub scope and language."""
    key = cache_key(name, get_language(), repr(filters))
    return cache.get_or_set(key, lambda: FIGURES[name](filters), CACHE_SECONDS)


def dashboard_sections(filters: InsightFilters) -> list[Section]:
    return [
        Section(section_id, str(title), [_cached(name, filters) for name in names])
        for section_id, title, names in SECTIONS
    ]


def dashboard_figure(filters: InsightFilters, *, name: str) -> Figure | None:
    return _cached(name, filters) if name in FIGURES else None
