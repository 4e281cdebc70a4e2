"""Which hub serves a place: postcode (PC4) -> municipality -> hub, with the national desk as fallback.

A hub that names the municipality beats one that names the province; the national desk covers the rest
[domain §8.4 rule 1]. Ties between hubs at the same level go to the alphabetically first, and the
decision says so, so that staff can see overlaps and fix the catalogue.

Speed: every intake asks for a hub, so the hub map (municipality -> hubs, province -> hubs, national
desk) is kept in memory per process. It is checked against a fingerprint of the hub rows and their
area links on each lookup, so any change to a hub, however it was made, is used by the very next
lookup. On PostgreSQL the fingerprint is a hub version that triggers change with every write to those
tables (``fingerprint_sql``, migration 0008), one expression, so a caller that reads other versions
anyway (the intake submission) can fetch it in the same statement and pass it in; elsewhere (the
embedded SQLite mode) it is hashed from three plain ORM reads.
"""

import contextlib
import contextvars
import copy
import functools
import hashlib
import re
import threading
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext as _

from schemes.models import Hub, Municipality, PostcodeArea, Province

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


class Level:
    MUNICIPALITY = "municipality"
    PROVINCE = "province"
    NATIONAL = "national"


@dataclass(frozen=True)
class HubChoice:
    hub: Hub | None
    level: str
    municipality: Municipality | None = None
    other_hubs: list[Hub] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """One sentence, in the active language, saying why this hub was chosen."""
        if self.hub is None:
            return _("Er is geen loket gevonden. Het landelijk loket is nog niet ingesteld.")
        if self.level == Level.MUNICIPALITY:
            text = _("%(hub)s helpt bedrijven in de gemeente %(municipality)s.") % {
                "hub": self.hub.name, "municipality": self.municipality.name}
        elif self.level == Level.PROVINCE:
            text = _("%(hub)s helpt bedrijven in de provincie %(province)s, waar %(municipality)s ligt.") % {
                "hub": self.hub.name, "province": self.municipality.province.display_name,
                "municipality": self.municipality.name}
        elif self.municipality is not None:
            text = _("Geen regionaal loket werkt in %(municipality)s. Daarom helpt het landelijk loket u.") % {
                "municipality": self.municipality.name}
        else:
            text = _("Wij weten niet in welke gemeente u zit. Daarom helpt het landelijk loket u.")
        if self.other_hubs:
            text += " " + _("Ook %(others)s werkt hier; wij kozen het eerste op alfabet.") % {
                "others": ", ".join(h.name for h in self.other_hubs)}
        return text

    def snapshot(self) -> dict:
        """What to store with an intake or request, so the decision can be shown later as it was."""
        return {
            "hub_id": self.hub.pk if self.hub else None,
            "hub_name": self.hub.name if self.hub else "",
            "level": self.level,
            "municipality_code": self.municipality.code if self.municipality else "",
            "municipality_name": self.municipality.name if self.municipality else "",
            "province_name": self.municipality.province.display_name if self.municipality else "",
            "other_hub_names": [h.name for h in self.other_hubs],
            "reason": self.reason,
        }


def normalise_pc4(postcode: str) -> str | None:
    """"1234 ab", "1234AB" or "1234" -> "1234"; None when it is not a Dutch postcode."""
    match = POSTCODE_RE.match(postcode or "")
    return match.group(1) if match else None


_lookups: contextvars.ContextVar[dict | None] = contextvars.ContextVar("area_lookups", default=None)


@contextlib.contextmanager
def remembered_lookups():
    """Within this block (one submission), a PC4's municipalities are read from the database only once.

    A submission looks them up while validating the postcode and again while routing; both must see the
    same rows, and nothing in between can change them. Outside such a block every call reads afresh.
    """
    token = _lookups.set({})
    try:
        yield
    finally:
        _lookups.reset(token)


def municipalities_for_pc4(pc4: str) -> list[Municipality]:
    """All municipalities a PC4 lies in (usually one; 34 PC4s lie in two)."""
    memo = _lookups.get()
    if memo is not None and pc4 in memo:
        return list(memo[pc4])
    found = _read_pc4(pc4)
    if memo is not None:
        memo[pc4] = found
    return list(found)


def _read_pc4_orm(pc4: str) -> list[Municipality]:
    """The ORM form of ``_read_pc4`` (other databases, and the tests' reference)."""
    # No DISTINCT needed: a (pc4, municipality) pair is unique (unique_pc4_municipality).
    return list(Municipality.objects.filter(postcode_areas__pc4=pc4).select_related("province").order_by("name"))


@functools.lru_cache(maxsize=1)
def _pc4_statement() -> str:
    """``_read_pc4_orm``'s query as SQL, built once per process from model metadata (never from input)."""
    quote = connection.ops.quote_name
    columns = [f"m.{quote(f.column)}" for f in Municipality._meta.concrete_fields]
    columns += [f"p.{quote(f.column)}" for f in Province._meta.concrete_fields]
    area = PostcodeArea._meta
    return (
        f"SELECT {', '.join(columns)} FROM {quote(Municipality._meta.db_table)} m "  # noqa: S608
        f"JOIN {quote(area.db_table)} a ON a.{quote(area.get_field('municipality').column)} = m.id "
        f"JOIN {quote(Province._meta.db_table)} p ON p.id = m.{quote(Municipality._meta.get_field('province').column)} "
        f"WHERE a.{quote(area.get_field('pc4').column)} = %s ORDER BY m.{quote('name')} ASC"
    )


def _read_pc4(pc4: str) -> list[Municipality]:
    """A PC4's municipalities with their provinces, as ``_read_pc4_orm`` returns them.

    One prepared SQL text instead of the ORM building the same join for every submission (issue 17: the ORM
    form was ~10 % of a partner submission's CPU, the statement itself a fraction of that).
    """
    if connection.vendor != "postgresql":
        return _read_pc4_orm(pc4)
    municipality_fields = [f.attname for f in Municipality._meta.concrete_fields]
    province_fields = [f.attname for f in Province._meta.concrete_fields]
    split = len(municipality_fields)
    with connection.cursor() as cursor:
        cursor.execute(_pc4_statement(), [pc4])
        rows = cursor.fetchall()
    found = []
    for row in rows:
        municipality = Municipality.from_db(connection.alias, municipality_fields, row[:split])
        province = Province.from_db(connection.alias, province_fields, row[split:])
        Municipality.province.field.set_cached_value(municipality, province)
        found.append(municipality)
    return found


def municipality_by_code(code: str) -> Municipality | None:
    """The municipality with this CBS code (with its province), or None; one read unless already looked up."""
    for found in (_lookups.get() or {}).values():
        for municipality in found:
            if municipality.code == code:
                return municipality
    return Municipality.objects.select_related("province").filter(code=code).first()


@dataclass(frozen=True)
class _HubMap:
    fingerprint: str
    by_municipality: dict[int, list[Hub]]  # active regional hubs naming the municipality, by name
    by_province: dict[int, list[Hub]]
    national: Hub | None


_hub_map: _HubMap | None = None
_hub_map_lock = threading.Lock()


# The hub version PostgreSQL keeps (schemes/migrations/0008_hub_version_triggers.py): one row that statement-level
# triggers on the hub and hub-area tables give a new, never repeated value on every INSERT, UPDATE, DELETE and
# TRUNCATE, in the changing transaction. Table name fixed by that migration, not by input.
HUB_VERSION_SQL = "COALESCE((SELECT 'v' || version FROM schemes_hubversion WHERE id = 1), 'none')"


def fingerprint_sql() -> str | None:
    """One SQL expression whose value is the hub fingerprint, or None when the database is not PostgreSQL.

    On PostgreSQL it is the hub version (``HUB_VERSION_SQL``): one primary-key read instead of an md5 over every
    hub row and area link (issue 17: ~0.4 ms of database CPU per submission). It changes with every change to
    those tables however it is made (``save()``, ``QuerySet.update()``, m2m changes, ``delete()``, raw SQL,
    TRUNCATE), like the md5 did, and becomes visible with the change's commit, in the same snapshot.
    """
    if connection.vendor != "postgresql":
        return None
    return HUB_VERSION_SQL


def hub_fingerprint() -> str:
    """Changes whenever a hub row or area link changes: the hub version on PostgreSQL, else a hash of the rows."""
    expression = fingerprint_sql()
    if expression is not None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + expression)
            return cursor.fetchone()[0]
    # Any other database (the embedded SQLite mode): plain ORM reads, hashed here (tens of rows, exact).
    digest = hashlib.md5(usedforsecurity=False)
    for rows in (
        Hub.objects.order_by("pk").values_list(*(f.attname for f in Hub._meta.concrete_fields)),
        Hub.provinces.through.objects.order_by("pk").values_list("hub_id", "province_id"),
        Hub.municipalities.through.objects.order_by("pk").values_list("hub_id", "municipality_id"),
    ):
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


def _build_hub_map(fingerprint: str) -> _HubMap:
    active = Hub.objects.filter(is_active=True, is_national_desk=False).order_by("name", "id")
    regional = {hub.pk: hub for hub in active}
    by_municipality: dict[int, list[Hub]] = {}
    by_province: dict[int, list[Hub]] = {}
    for links, target, key in (
        (Hub.municipalities.through, by_municipality, "municipality_id"),
        (Hub.provinces.through, by_province, "province_id"),
    ):
        for hub_id, area_id in links.objects.filter(hub_id__in=regional).values_list("hub_id", key):
            target.setdefault(area_id, []).append(regional[hub_id])
    order = {pk: i for i, pk in enumerate(regional)}
    for hubs in (*by_municipality.values(), *by_province.values()):
        hubs.sort(key=lambda hub: order[hub.pk])
    national = Hub.objects.filter(is_national_desk=True, is_active=True).first()
    return _HubMap(fingerprint=fingerprint, by_municipality=by_municipality, by_province=by_province,
                   national=national)


def _current_hub_map(fingerprint: str | None = None) -> _HubMap:
    global _hub_map
    fingerprint = fingerprint or hub_fingerprint()
    current = _hub_map
    if current is not None and current.fingerprint == fingerprint:
        return current
    with _hub_map_lock:
        if _hub_map is None or _hub_map.fingerprint != fingerprint:
            _hub_map = _build_hub_map(fingerprint)
        return _hub_map


def hub_for_municipality(municipality: Municipality | None, *, fingerprint: str | None = None) -> HubChoice:
    """The hub for a municipality; ``fingerprint`` is the caller's fresh ``hub_fingerprint()``, if it read one."""
    hubs = _current_hub_map(fingerprint)
    # Callers get their own Hub instances: the cached ones are shared by every request in the process.
    if municipality is not None:
        for level, found in (
            (Level.MUNICIPALITY, hubs.by_municipality.get(municipality.pk)),
            (Level.PROVINCE, hubs.by_province.get(municipality.province_id)),
        ):
            if found:
                return HubChoice(hub=copy.copy(found[0]), level=level, municipality=municipality,
                                 other_hubs=[copy.copy(hub) for hub in found[1:]])
    return HubChoice(hub=copy.copy(hubs.national), level=Level.NATIONAL, municipality=municipality)
