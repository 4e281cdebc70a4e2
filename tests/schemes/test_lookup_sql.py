"""Issue 17: the two reads of every partner submission as prepared SQL return what the ORM queries return."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journeys.intake.partner_api import keys
from schemes import areas
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _municipalities(found) -> list[tuple]:
    """Every column of each municipality and of its (already loaded) province, in the order returned."""
    out = []
    for municipality in found:
        assert type(municipality).province.is_cached(municipality)  # no query for the province later
        out.append((
            tuple(getattr(municipality, f.attname) for f in municipality._meta.concrete_fields),
            tuple(getattr(municipality.province, f.attname) for f in municipality.province._meta.concrete_fields),
        ))
    return out


@pytest.mark.parametrize("pc4", ["3511", "4100", "4101", "9999"])
def test_the_pc4_read_returns_what_the_orm_returns(geo, pc4):
    with CaptureQueriesContext(connection) as queries:
        found = areas._read_pc4(pc4)
        rows = _municipalities(found)
    assert len(queries.captured_queries) == 1
    assert rows == _municipalities(areas._read_pc4_orm(pc4))
    assert [m.name for m in found] == {"3511": ["Utrecht"], "4100": ["Buren", "Culemborg"], "4101": ["Culemborg"],
                                       "9999": []}[pc4]
    assert all(not m._state.adding and m._state.db == "default" for m in found)  # as loaded by the ORM


def test_the_key_read_returns_what_the_orm_returns():
    first, raw = keys.partner_key_create(name="Een")
    second, _raw = keys.partner_key_create(name="Twee")
    inactive, inactive_raw = keys.partner_key_create(name="Uit")
    inactive.is_active = False
    inactive.save()

    def columns(key):
        return None if key is None else tuple(getattr(key, f.attname) for f in key._meta.concrete_fields)

    for prefix in (first.prefix, second.prefix, inactive.prefix, "onbekend"):
        assert columns(keys._active_key(prefix)) == columns(keys._active_key_orm(prefix))
    assert keys._active_key(inactive.prefix) is None
    assert keys.partner_key_authenticate(raw=raw) == first
    assert keys.partner_key_authenticate(raw=inactive_raw) is None
    assert keys.partner_key_authenticate(raw=raw + "x") is None  # the right prefix, the wrong secret
