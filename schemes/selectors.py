"""Reads of the catalogue: published schemes with filters and Dutch full-text search, and the postcode lookup."""

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet

from schemes import areas
from schemes import vocabulary as v
from schemes.availability import scheme_availability
from schemes.models import Hub, Municipality, Scheme

TEXT_FIELDS = ("name", "name_en", "summary", "summary_en", "support_note", "cost_note")


def published_schemes() -> QuerySet[Scheme]:
    return (
        Scheme.objects.filter(status=v.PublicationStatus.PUBLISHED)
        .select_related("provider", "executor", "umbrella")
        .prefetch_related("rounds", "provinces", "municipalities")
    )


def _search(queryset: QuerySet[Scheme], text: str) -> QuerySet[Scheme]:
    """Dutch full-text search on PostgreSQL (stemming: "ketens" finds "keten"); icontains elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*TEXT_FIELDS, config="dutch")
        query = SearchQuery(text, config="dutch", search_type="websearch")
        return (
            queryset.annotate(document=vector, rank=SearchRank(vector, query))
            .filter(Q(document=query) | Q(name__icontains=text) | Q(slug__icontains=text))
            .order_by("-rank", "name")
        )
    condition = Q()
    for name in TEXT_FIELDS:
        condition |= Q(**{f"{name}__icontains": text})
    return queryset.filter(condition)


def _fits(codes: list, wanted: list) -> bool:
    # An empty list on a scheme means "for everyone", so it fits every filter value.
    return not wanted or not codes or bool(set(codes) & set(wanted))


def catalogue_search(
    *, today: date, text: str = "", stages: list[str] | None = None, themes: list[str] | None = None,
    kinds: list[str] | None = None, province_code: str = "", open_now: bool = False,
    queryset: QuerySet[Scheme] | None = None,
) -> list[Scheme]:
    """Published schemes matching every given filter, best text match (or name) first."""
    schemes = queryset if queryset is not None else published_schemes()
    if kinds:
        schemes = schemes.filter(kind__in=kinds)
    if province_code:
        schemes = schemes.filter(
            Q(scope=v.GeographicScope.NATIONAL) | Q(provinces__code=province_code)
            | Q(municipalities__province__code=province_code)
        ).distinct()
    if text.strip():
        schemes = _search(schemes, text.strip())
    result = [s for s in schemes if _fits(s.stages, stages or []) and _fits(s.themes, themes or [])]
    if open_now:
        result = [s for s in result if scheme_availability(scheme=s, today=today).is_open]
    return result


def active_hubs() -> QuerySet[Hub]:
    return Hub.objects.filter(is_active=True).prefetch_related("provinces", "municipalities").order_by(
        "-is_national_desk", "name")


@dataclass(frozen=True)
class PostcodeLookup:
    """The answer to "which hub serves this postcode": a choice, a question, or why we cannot tell."""

    pc4: str | None
    choice: areas.HubChoice | None = None
    municipalities: list[Municipality] = field(default_factory=list)  # to choose from, when PC4 is shared
    problem: str = ""  # "invalid" or "unknown"

    @property
    def needs_municipality(self) -> bool:
        return self.choice is None and len(self.municipalities) > 1


def postcode_lookup(*, postcode: str, municipality_code: str = "") -> PostcodeLookup:
    """Resolve a postcode to a hub; a PC4 in two municipalities needs ``municipality_code`` to decide."""
    pc4 = areas.normalise_pc4(postcode)
    if pc4 is None:
        return PostcodeLookup(pc4=None, problem="invalid")
    found = areas.municipalities_for_pc4(pc4)
    if not found:
        # An unknown PC4 still gets help: the national desk, with the reason saying we do not know where.
        return PostcodeLookup(pc4=pc4, choice=areas.hub_for_municipality(None), problem="unknown")
    if len(found) > 1:
        chosen = next((m for m in found if m.code == municipality_code), None)
        if chosen is None:
            return PostcodeLookup(pc4=pc4, municipalities=found)
        return PostcodeLookup(pc4=pc4, choice=areas.hub_for_municipality(chosen), municipalities=found)
    return PostcodeLookup(pc4=pc4, choice=areas.hub_for_municipality(found[0]), municipalities=found)
