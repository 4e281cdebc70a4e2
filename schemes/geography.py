"""Load provinces, municipalities and PC4 postcode areas from the CBS-based CSVs in schemes/data/.

Idempotent: rows are upserted by their natural keys, so running it again after CBS publishes a new year
updates names and moves PC4s. PC4 rows that are no longer in the files are removed (they are derived
data); municipalities that disappeared are kept and reported, because hubs and schemes may still name
them and an admin must move those first.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from schemes.models import Municipality, PostcodeArea, Province

DATA_DIR = Path(__file__).resolve().parent / "data"

# CBS spells the province "Friesland"; its official name is Fryslân.
DISPLAY_NAMES = {"Friesland": "Fryslân"}


@dataclass(frozen=True)
class GeographyResult:
    provinces: int
    municipalities: int
    postcode_areas: int
    postbus_areas: int
    removed_postcode_areas: int
    stale_municipalities: list[str]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def geography_load(*, data_dir: Path = DATA_DIR) -> GeographyResult:
    """Upsert the geography from ``data_dir`` and return what was loaded."""
    municipality_rows = _rows(data_dir / "municipalities.csv")
    address_rows = _rows(data_dir / "pc4_municipality.csv")
    postbus_rows = _rows(data_dir / "pc4_postbus_supplement.csv")

    provinces = {row["province_code"]: row["province"] for row in municipality_rows}
    Province.objects.bulk_create(
        [
            Province(code=code, name=name, display_name=DISPLAY_NAMES.get(name, name))
            for code, name in provinces.items()
        ],
        update_conflicts=True, unique_fields=["code"], update_fields=["name", "display_name"],
    )
    province_ids = dict(Province.objects.values_list("code", "id"))

    Municipality.objects.bulk_create(
        [
            Municipality(
                code=row["code"], name=row["name"], province_id=province_ids[row["province_code"]],
                corop_code=row["corop_code"], corop_name=row["corop"],
            )
            for row in municipality_rows
        ],
        update_conflicts=True, unique_fields=["code"],
        update_fields=["name", "province", "corop_code", "corop_name"],
    )
    municipality_ids = dict(Municipality.objects.values_list("code", "id"))
    known_codes = {row["code"] for row in municipality_rows}
    stale = sorted(set(municipality_ids) - known_codes)

    wanted: dict[tuple[str, int], str] = {}
    for row in address_rows:
        wanted[(row["pc4"], municipality_ids[row["municipality_code"]])] = PostcodeArea.Source.ADDRESSES
    for row in postbus_rows:
        # The address-based table is the better source; the 2014 PO-box list only fills its gaps.
        wanted.setdefault((row["pc4"], municipality_ids[row["municipality_code"]]), PostcodeArea.Source.POSTBUS)

    existing = {(pc4, m_id): pk for pk, pc4, m_id in PostcodeArea.objects.values_list("pk", "pc4", "municipality_id")}
    removed = [pk for key, pk in existing.items() if key not in wanted]
    if removed:
        PostcodeArea.objects.filter(pk__in=removed).delete()
    PostcodeArea.objects.bulk_create(
        [PostcodeArea(pc4=pc4, municipality_id=m_id, source=source) for (pc4, m_id), source in wanted.items()],
        update_conflicts=True, unique_fields=["pc4", "municipality"], update_fields=["source"], batch_size=2000,
    )
    postbus = sum(1 for source in wanted.values() if source == PostcodeArea.Source.POSTBUS)
    return GeographyResult(
        provinces=len(provinces), municipalities=len(municipality_rows), postcode_areas=len(wanted) - postbus,
        postbus_areas=postbus, removed_postcode_areas=len(removed), stale_municipalities=stale,
    )
