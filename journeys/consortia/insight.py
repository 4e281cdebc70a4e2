"""Insight on the consortium builder: profiles, groups, introductions, groups formed and applied, per province
and per sector, with small groups suppressed as on the dashboard (journeys.insights.suppression).

Counted as they stand today (no period): active profiles by their own province and sectors; a recorded group
(a "proposal" a hub took up) by the province and sectors of its lead applicant; a group counts as introduced,
formed or applied once it reached that step, even when it was declined later. Proposals the portal only
computes on a page are not stored, so they are not counted.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from journeys.consortia.selectors import active_profiles
from journeys.insights.suppression import Cell, count_cell, partition_cells
from journeys.models import Consortium, ConsortiumEvent, ConsortiumStatus
from schemes import vocabulary as v
from schemes.models import Province

COLUMNS = (
    ("profiles", _("Profielen")), ("groups", _("Groepen vastgelegd")), ("introduced", _("Voorgesteld aan elkaar")),
    ("formed", _("Gevormd")), ("applied", _("Aangevraagd")),
)


@dataclass
class Row:
    label: str
    cells: list[Cell]


def _reached(consortia: QuerySet[Consortium]) -> dict[str, set[int]]:
    events = ConsortiumEvent.objects.filter(consortium__in=consortia).values_list("consortium_id", "kind", "data")
    reached = {"introduced": set(), "formed": set(), "applied": set()}
    for consortium_id, kind, data in events:
        if kind == ConsortiumEvent.Kind.INTRODUCED:
            reached["introduced"].add(consortium_id)
        elif kind == ConsortiumEvent.Kind.STATUS and (data or {}).get("to") == ConsortiumStatus.FORMED:
            reached["formed"].add(consortium_id)
        elif kind == ConsortiumEvent.Kind.STATUS and (data or {}).get("to") == ConsortiumStatus.APPLIED:
            reached["applied"].add(consortium_id)
    reached["formed"] |= reached["applied"]
    return reached


def consortium_insight(*, hub_ids: tuple[int, ...] | None) -> dict:
    profiles = active_profiles()
    consortia = Consortium.objects.all()
    if hub_ids is not None:
        profiles = profiles.filter(hub_id__in=hub_ids)
        consortia = consortia.filter(hub_id__in=hub_ids)
    reached = _reached(consortia)
    by_province: dict[str, Counter] = {key: Counter() for key, _label in COLUMNS}
    by_sector: dict[str, Counter] = {key: Counter() for key, _label in COLUMNS}
    for province_id, sectors in profiles.values_list("province_id", "sectors"):
        by_province["profiles"][province_id] += 1
        for sector in sectors or []:
            by_sector["profiles"][sector] += 1
    leads = consortia.filter(members__position=0).values_list("id", "members__profile__province_id",
                                                               "members__profile__sectors")
    for consortium_id, province_id, sectors in leads:
        for key in ("groups", "introduced", "formed", "applied"):
            if key == "groups" or consortium_id in reached[key]:
                by_province[key][province_id] += 1
                for sector in sectors or []:
                    by_sector[key][sector] += 1
    provinces = list(Province.objects.order_by("display_name"))
    keys = [p.id for p in provinces] + [None]
    labels = [p.display_name for p in provinces] + [str(_("Provincie onbekend"))]
    # Provinces split each column's total (a partition): suppress primary and secondary, column by column.
    columns = [partition_cells([by_province[key][k] for k in keys]) for key, _label in COLUMNS]
    province_rows = [Row(label, [column[i] for column in columns]) for i, label in enumerate(labels)
                     if any(by_province[key][keys[i]] for key, _label in COLUMNS)]
    totals = Row(str(_("Totaal")), [count_cell(sum(by_province[key].values())) for key, _label in COLUMNS])
    # A company can be in several sectors, so the sector rows overlap: only small counts are suppressed.
    sector_rows = [Row(str(label), [count_cell(by_sector[key][code]) for key, _label in COLUMNS])
                   for code, label in v.Sector.choices if any(by_sector[key][code] for key, _label in COLUMNS)]
    return {"columns": [label for _key, label in COLUMNS], "province_rows": province_rows, "totals": totals,
            "sector_rows": sector_rows}
