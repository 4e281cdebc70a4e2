"""The compiled catalogue of published schemes that matching reads, and the versions it is checked against.

Compiled once per process and rebuilt only when a cheap version read shows that the catalogue changed,
so every intake is matched against exactly the newest catalogue without compiling it each time.
"""

import functools
import threading
from dataclasses import dataclass

from django.db import connection

from schemes import areas, matching
from schemes import vocabulary as v
from schemes.models import ApplicationRound, Scheme

_catalogue_lock = threading.Lock()
_catalogue: matching.Catalogue | None = None


@functools.cache
def _catalogue_version_sql() -> tuple[str, ...]:
    # Built once per process: ``Scheme.history`` builds a manager class on every access (~1 ms).
    quote = connection.ops.quote_name
    return tuple(  # table names from model metadata, never from input
        f"(SELECT {quote(key)} FROM {quote(model._meta.db_table)} ORDER BY 1 DESC LIMIT 1)"  # noqa: S608
        for model, key in (
            (Scheme.history.model, "history_id"), (ApplicationRound.history.model, "history_id"),
            (Scheme, "id"), (ApplicationRound, "id"),
        )
    )


def catalogue_version() -> tuple:
    """Changes whenever a scheme, its regions or one of its rounds is added, changed or removed.

    Read on every intake, so it must cost next to nothing: one statement of four index-only lookups of a
    newest primary key. Every save, delete and region change made through the ORM writes a history row
    (the regions are history-tracked m2m fields), and the newest scheme and round ids catch rows added in
    bulk. Not seen: ``QuerySet.update()`` and raw SQL, which also bypass the catalogue's audit history;
    no code changes the catalogue that way (the catalogue services and the import all save objects).
    An earlier version also counted the published schemes and read their newest ``updated_at``: a scan of
    the whole scheme table per intake, and the largest single cost of matching at 5,000 schemes.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(_catalogue_version_sql()))
        return tuple(cursor.fetchone())


@dataclass(frozen=True)
class ReferenceVersions:
    """What the cached catalogue and hub map are checked against, read together."""

    catalogue: tuple
    hubs: str


def reference_versions() -> ReferenceVersions:
    """The catalogue version and the hub fingerprint, in one statement on PostgreSQL.

    Every submission needs both; reading them together saves round trips and gives one consistent
    snapshot. Other databases (the embedded SQLite mode) read them one after the other.
    """
    hubs_sql = areas.fingerprint_sql()
    if hubs_sql is None:
        return ReferenceVersions(catalogue=catalogue_version(), hubs=areas.hub_fingerprint())
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([*_catalogue_version_sql(), hubs_sql]))
        *catalogue, hubs = cursor.fetchone()
    return ReferenceVersions(catalogue=tuple(catalogue), hubs=hubs)


def published_catalogue(*, version: tuple | None = None) -> matching.Catalogue:
    """The compiled catalogue of published schemes, rebuilt only when the catalogue changed.

    ``version`` is a ``catalogue_version()`` the caller has just read; without it, it is read here.
    """
    global _catalogue
    if version is None:
        version = catalogue_version()
    current = _catalogue
    if current is not None and current.version == version:
        return current
    with _catalogue_lock:
        if _catalogue is None or _catalogue.version != version:
            schemes = (
                Scheme.objects.filter(status=v.PublicationStatus.PUBLISHED)
                .prefetch_related("rounds", "provinces", "municipalities")
            )
            _catalogue = matching.compile_catalogue(schemes, version=version)
        return _catalogue
