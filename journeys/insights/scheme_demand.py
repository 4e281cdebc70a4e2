"""Scheme demand: how often each scheme was matched at intake, and how often hubs actually referred to it.

The shapes written by other parts of the portal are read here, and only here:
- ``Intake.matches`` is a JSON list snapshot of the matches shown to the entrepreneur; each element is an
  object with the scheme's slug under ``slug`` and ``availability.status`` (``schemes.matching``);
- a referral is a ``RequestEvent`` of kind ``scheme_recommended`` whose ``data`` names the scheme's slug under
  ``scheme_slug`` (``journeys.triage.services.request_recommend_scheme``).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from journeys.insights import filters as f
from journeys.insights import rollup
from journeys.insights.counts import Counts
from journeys.insights.figures import Chart, Figure, Row
from journeys.insights.suppression import Cell, count_cell
from journeys.models import RequestEvent
from journeys.models.insights import InsightRollupMatch
from schemes import vocabulary as v
from schemes.models import ApplicationRound, Scheme

MATCH_SLUG_KEYS = ("slug", "scheme_slug", "scheme")
EVENT_SLUG_KEYS = ("scheme_slug", "scheme", "slug")

# One row per intake (alias ``i``) and slug named in its match snapshot, deduplicated within the intake's own
# list, with whether the scheme was out of budget when it was shown. The live figures below and the daily
# rollup (rollup_refresh.py) both count from this, so they agree by construction.
PG_MATCHED_SLUGS = """
    CROSS JOIN LATERAL (
        SELECT slug, bool_or(availability IS NOT DISTINCT FROM 'exhausted') AS exhausted FROM (
            SELECT CASE jsonb_typeof(m.value) WHEN 'string' THEN m.value #>> '{}'
                        ELSE COALESCE(%s) END AS slug,
                   CASE jsonb_typeof(m.value) WHEN 'object' THEN m.value #>> '{availability,status}' END
                        AS availability
            FROM jsonb_array_elements(
                CASE jsonb_typeof(i.matches) WHEN 'array' THEN i.matches ELSE '[]'::jsonb END) AS m(value)
        ) AS element WHERE slug IS NOT NULL GROUP BY slug
    ) AS matched
""" % ", ".join(f"m.value ->> '{key}'" for key in MATCH_SLUG_KEYS)  # noqa: S608, UP031 (constant keys; braces in SQL)

_MATCHED_SQL = {
    # One row per intake and slug, so the outer counts need no COUNT(DISTINCT), which would sort every
    # unnested element.
    "postgresql": """
        SELECT slug, COUNT(*), COUNT(*) FILTER (WHERE exhausted)
        FROM journeys_intake i
        {matched_slugs}
        WHERE i.id IN ({ids})
        GROUP BY slug
    """,
    "sqlite": """
        SELECT slug, COUNT(DISTINCT intake_id),
               COUNT(DISTINCT CASE WHEN availability = 'exhausted' THEN intake_id END) FROM (
            SELECT i.id AS intake_id,
                   CASE m.type WHEN 'text' THEN m.value WHEN 'object' THEN COALESCE({sqlite_keys}) END AS slug,
                   CASE m.type WHEN 'object' THEN json_extract(m.value, '$.availability.status') END AS availability
            FROM journeys_intake i, json_each(CASE json_type(i.matches) WHEN 'array' THEN i.matches ELSE '[]' END) m
            WHERE i.id IN ({ids})
        ) AS matched WHERE slug IS NOT NULL GROUP BY slug
    """,
}


def matched_counts(intakes: QuerySet) -> dict[str, tuple[int, int]]:
    """Per scheme slug: intakes whose match snapshot names it, and those where it was out of budget then.

    The snapshot is unnested in the database; "out of budget" is the match's ``availability.status``
    (``exhausted``) as it was shown to the entrepreneur.
    """
    template = _MATCHED_SQL.get(connection.vendor)
    if template is None:
        return {}
    ids_sql, params = intakes.order_by().values("id").query.sql_with_params()
    sql = template.format(
        ids=ids_sql,
        matched_slugs=PG_MATCHED_SLUGS,
        sqlite_keys=", ".join(f"json_extract(m.value, '$.{key}')" for key in MATCH_SLUG_KEYS),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {slug: (matched, exhausted) for slug, matched, exhausted in cursor.fetchall()}


def matched_in_period(filters: f.InsightFilters) -> dict[str, tuple[int, int]]:
    """``matched_counts`` of the intakes sent in during the period: closed days from the rollup, the rest live."""
    rolled, live = rollup.split(filters)
    totals: dict[str, list[int]] = {}
    if rolled is not None:
        rows = (rollup.period_rows(InsightRollupMatch, rolled).values_list("slug")
                .annotate(matched=Sum("n"), exhausted=Sum("exhausted")).order_by())
        for slug, matched, exhausted in rows:
            totals[slug] = [matched, exhausted]
    if live is not None:
        for slug, (matched, exhausted) in matched_counts(f.intakes(live, by="submitted_at")).items():
            pair = totals.setdefault(slug, [0, 0])
            pair[0] += matched
            pair[1] += exhausted
    return {slug: (matched, exhausted) for slug, (matched, exhausted) in totals.items()}


def referred_counts(requests: QuerySet) -> dict[str, int]:
    """Number of requests for which staff recommended each scheme."""
    slug = Coalesce(*(KeyTextTransform(key, "data") for key in EVENT_SLUG_KEYS))
    return dict(
        RequestEvent.objects.filter(kind=RequestEvent.Kind.SCHEME_RECOMMENDED, request__in=requests.values("id"))
        .annotate(slug=slug).values_list("slug").annotate(n=Count("request_id", distinct=True)).order_by()
    )


def scheme_demand(filters: f.InsightFilters, *, counts: Counts | None = None) -> Figure:
    matched = matched_in_period(filters)
    referred = referred_counts(f.requests(filters))
    closed_referral = sum(n for (_rating, _helped, referral), n in (counts or Counts(filters)).answers.items()
                          if referral)
    latest_round = ApplicationRound.objects.filter(scheme=OuterRef("pk")).order_by("-opens_on", "-id")
    schemes = (
        Scheme.objects.filter(Q(slug__in=matched.keys()) | Q(slug__in=referred.keys()))
        .annotate(budget=Subquery(latest_round.values("budget_status")[:1]))
        .values_list("slug", "name", "budget")
    )
    ordered = sorted(schemes, key=lambda s: (-matched.get(s[0], (0, 0))[0], -referred.get(s[0], 0), s[1]))
    rows = []
    for slug, name, budget in ordered:
        times_matched, while_exhausted = matched.get(slug, (0, 0))
        budget_text = str(v.label(v.BudgetStatus, budget)) if budget else "\u2013"
        rows.append(Row(name, [
            count_cell(times_matched), count_cell(while_exhausted), count_cell(referred.get(slug, 0)),
            Cell(None, kind="text", text=budget_text),
        ], code=slug))
    exhausted_total = sum(exhausted for _matched, exhausted in matched.values())
    summary = _(
        "Hoe vaak een regeling bij een intake paste, en hoe vaak een loket hem echt aanbeval. "
        "%(n)s hulpvragen zijn afgesloten met een verwijzing naar een regeling. "
        "%(exhausted)s keer paste een regeling waarvan het budget op dat moment op was."
    ) % {"n": count_cell(closed_referral), "exhausted": count_cell(exhausted_total)}
    return Figure(
        name="scheme_demand", title=_("Vraag naar regelingen"), label_header=_("Regeling"),
        columns=[_("Gematcht bij intake"), _("Gematcht terwijl budget op was"), _("Aanbevolen door loket"),
                 _("Budget nu (laatste ronde)")],
        rows=rows, summary=summary, chart=Chart("bars", (0, 2)),
        notes=[_("Vraag naar een regeling waarvan het budget op is, is een signaal voor beleid.")],
    )
