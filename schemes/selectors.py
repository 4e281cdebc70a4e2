"""Reads of the catalogue: published schemes with filters and Dutch full-text search, and the postcode lookup."""

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import translation

from schemes import areas
from schemes import vocabulary as v
from schemes.availability import scheme_availability
from schemes.models import ApplicationRound, Hub, Municipality, Scheme

TEXT_FIELDS = ("name", "name_en", "summary", "summary_en", "support_note", "cost_note")


def published_schemes() -> QuerySet[Scheme]:
    return (
        Scheme.objects.filter(status=v.PublicationStatus.PUBLISHED)
        .select_related("provider", "executor", "umbrella")
        .prefetch_related("rounds", "provinces", "municipalities")
    )


# A material names the sectors whose schemes are about it (schemes carry no material tags). An inference
# from domain §5: wood is the furniture/sheet-material chain and construction [001][003]; the others are
# the sector of the same name.
MATERIAL_SECTORS = {
    v.Material.WOOD: (v.Sector.FURNITURE, v.Sector.CONSTRUCTION),
    v.Material.TEXTILES: (v.Sector.TEXTILES,),
    v.Material.PLASTICS: (v.Sector.PLASTICS,),
    v.Material.BIOMASS: (v.Sector.BIOMASS_FOOD, v.Sector.AGRICULTURE),
}
TAG_DIMENSIONS = (("sectors", v.Sector), ("themes", v.Theme), ("business_areas", v.BusinessArea))
MIN_WORD = 3  # shorter words ("en", "of") would find everything
TRIGRAM_THRESHOLD = 0.5  # word similarity to the name: "ketenprojekt" finds "Ketenprojecten", "bouw" not "Boeren"

# How a search hit counts (higher first): in the name or text, through a tag the scheme carries, or only
# because the scheme is open to every sector and the query named one.
RANK_TAG, RANK_ALL_SECTORS = 1.0, 0.05


class FoundBy:
    TEXT = "text"
    TAG = "tag"
    ALL_SECTORS = "all_sectors"


@dataclass(frozen=True)
class SearchTerms:
    """What a search text means in the catalogue's vocabulary: the tags whose names it contains."""

    text: str
    words: tuple[str, ...]
    tags: dict[str, frozenset[str]]  # dimension ("sectors", "themes", "business_areas") -> codes
    labels: tuple[str, ...]  # the names of those tags, in the active language, for the page

    @property
    def names_a_sector(self) -> bool:
        return bool(self.tags.get("sectors"))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.casefold()) if len(w) >= MIN_WORD]


def _label_words(choices, code) -> set[str]:
    found = set()
    for language in ("nl", "en"):
        with translation.override(language):
            found.update(w for w in re.findall(r"\w+", str(choices(code).label).casefold()) if len(w) >= 4)
    return found


@functools.cache
def _vocabulary_words() -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    """(dimension, code, choices name, words of its Dutch and English labels) for every searchable tag."""
    rows = [(dimension, code, choices.__name__, frozenset(_label_words(choices, code)))
            for dimension, choices in TAG_DIMENSIONS for code in choices.values if code != "other"]
    rows += [("materials", code, "Material", frozenset(_label_words(v.Material, code)))
             for code in v.Material.values if code != "other"]
    return tuple(rows)


def _word_hits(word: str, label_words: frozenset[str]) -> bool:
    # "meubel" finds "Meubels", "bouw" finds "Bouw, grond-, ..." (not "Landbouw"), "textielrecycling" finds
    # "Textiel": a label word starts with the query word, or the query word with a label word.
    return any(label.startswith(word) or word.startswith(label) for label in label_words)


def search_terms(*, text: str) -> SearchTerms:
    """The sector, theme, material and business-area names a search text contains."""
    words = _words(text)
    tags: dict[str, set[str]] = {}
    labels = []
    for dimension, code, choices_name, label_words in _vocabulary_words():
        if not any(_word_hits(word, label_words) for word in words):
            continue
        choices = getattr(v, choices_name)
        labels.append(str(v.label(choices, code)))
        if dimension == "materials":
            tags.setdefault("sectors", set()).update(MATERIAL_SECTORS.get(code, ()))
        else:
            tags.setdefault(dimension, set()).add(code)
    return SearchTerms(text=text, words=tuple(words), tags={k: frozenset(c) for k, c in tags.items()},
                       labels=tuple(dict.fromkeys(labels)))


def _text_ranks(queryset: QuerySet[Scheme], terms: SearchTerms) -> dict[int, float]:
    """Scheme id -> text relevance, for the schemes whose texts match.

    PostgreSQL: Dutch full text (stemming: "ketens" finds "keten") plus trigram word similarity on the name
    for partial and misspelt words. Elsewhere (the embedded SQLite mode): every word as a substring.
    """
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity

        vector = SearchVector(*TEXT_FIELDS, config="dutch")
        query = SearchQuery(terms.text, config="dutch", search_type="websearch")
        rows = (
            queryset.annotate(document=vector, rank=SearchRank(vector, query),
                              similar=TrigramWordSimilarity(terms.text, "name"))
            .filter(Q(document=query) | Q(similar__gte=TRIGRAM_THRESHOLD) | Q(name__icontains=terms.text)
                    | Q(slug__icontains=terms.text))
            .values_list("pk", "rank", "similar")
        )
        return {pk: 2.0 + rank + similar for pk, rank, similar in rows}
    ranks: dict[int, float] = {}
    for word in terms.words or (terms.text,):
        condition = Q()
        for name in TEXT_FIELDS:
            condition |= Q(**{f"{name}__icontains": word})
        for pk in queryset.filter(condition).values_list("pk", flat=True):
            ranks[pk] = ranks.get(pk, 2.0) + 1.0
    return ranks


def _tag_rank(scheme: Scheme, terms: SearchTerms) -> tuple[float, str]:
    rank = sum(RANK_TAG for dimension, codes in terms.tags.items() if codes & set(getattr(scheme, dimension) or []))
    if rank:
        return rank, FoundBy.TAG
    if terms.names_a_sector and not scheme.sectors:
        return RANK_ALL_SECTORS, FoundBy.ALL_SECTORS
    return 0.0, ""


def _search(schemes: list[Scheme], queryset: QuerySet[Scheme], text: str) -> list[Scheme]:
    """The schemes that match ``text``, most relevant first (ties by name); each gets ``found_by``."""
    terms = search_terms(text=text)
    text_ranks = _text_ranks(queryset, terms)
    ranked = []
    for scheme in schemes:
        tag_rank, found_by = _tag_rank(scheme, terms)
        rank = text_ranks.get(scheme.pk, 0.0) + tag_rank
        if rank <= 0:
            continue
        scheme.found_by = FoundBy.TEXT if scheme.pk in text_ranks else found_by
        ranked.append((-rank, scheme.name.casefold(), scheme.pk, scheme))
    return [row[-1] for row in sorted(ranked)]


def _fits(codes: list, wanted: list) -> bool:
    # An empty list on a scheme means "for everyone", so it fits every filter value.
    return not wanted or not codes or bool(set(codes) & set(wanted))


def catalogue_search(
    *, today: date, text: str = "", stages: list[str] | None = None, themes: list[str] | None = None,
    kinds: list[str] | None = None, province_code: str = "", open_now: bool = False,
    queryset: QuerySet[Scheme] | None = None,
) -> list[Scheme]:
    """Published schemes matching every given filter, most relevant to the search text (or by name) first.

    The text is looked for in the schemes' texts and in the names of the sectors, themes, materials and
    business areas they are tagged with ("textiel" finds schemes for the textile sector); when it names a
    sector, schemes open to every sector come last. See docs/catalogue.md, "Search".
    """
    schemes = queryset if queryset is not None else published_schemes()
    if kinds:
        schemes = schemes.filter(kind__in=kinds)
    if province_code:
        schemes = schemes.filter(
            Q(scope=v.GeographicScope.NATIONAL) | Q(provinces__code=province_code)
            | Q(municipalities__province__code=province_code)
        ).distinct()
    result = [s for s in schemes if _fits(s.stages, stages or []) and _fits(s.themes, themes or [])]
    if text.strip():
        result = _search(result, schemes, text.strip())
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


def budget_status_since(round_: ApplicationRound, status: str) -> datetime | None:
    """Since when the round's budget status has been ``status`` without a break, from its history; None when the
    newest history record has another status (or there is no history to tell)."""
    since = None
    for record in round_.history.order_by("-history_date", "-history_id").only("budget_status", "history_date"):
        if record.budget_status != status:
            break
        since = record.history_date
    return since
