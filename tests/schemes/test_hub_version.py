"""Issue 17: the hub version PostgreSQL keeps (schemes/migrations/0008) sees every kind of change to the hubs.

The hub map is cached per process and checked, per submission, against ``areas.hub_fingerprint()`` (on PostgreSQL
the version that statement-level triggers change). A change the version missed would route submissions to a
hub that no longer serves the place: each kind of write is checked here by the next lookup's answer, and the
next partner submission's.
"""

import threading

import pytest
from django.db import connection, connections, transaction
from rest_framework.test import APIClient

from journeys.intake.partner_api.keys import partner_key_create
from schemes import areas
from schemes.models import Hub
from tests.factories.catalogue import HubFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.journeys.intake.test_partner_api import PAYLOAD, URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("geo")]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the hub version is PostgreSQL's; other databases hash the rows")


def _hub_name(geo) -> str:
    return areas.hub_for_municipality(geo["city"]).hub.name


def _deactivate_by_save(geo):
    geo["hub"].is_active = False
    geo["hub"].save()


def _deactivate_by_update(geo):  # no signal, no history row
    Hub.objects.filter(pk=geo["hub"].pk).update(is_active=False)


def _unlink_province(geo):  # m2m remove
    geo["hub"].provinces.remove(geo["utrecht"])


def _clear_provinces(geo):  # m2m clear
    geo["hub"].provinces.clear()


def _delete(geo):
    geo["hub"].delete()


def _raw_update(geo):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE schemes_hub SET is_active = false WHERE id = %s", [geo["hub"].pk])


def _raw_delete_link(geo):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM schemes_hub_provinces WHERE hub_id = %s", [geo["hub"].pk])


def _truncate_links(geo):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own pending FK checks, before TRUNCATE
        cursor.execute("TRUNCATE schemes_hub_provinces")


@pytest.mark.parametrize("change", [
    _deactivate_by_save, _deactivate_by_update, _unlink_province, _clear_provinces, _delete, _raw_update,
    _raw_delete_link, _truncate_links,
])
def test_the_next_lookup_sees_a_hub_leaving(geo, change):
    assert _hub_name(geo) == "Circulair Utrecht"  # the map is now cached under the current version
    before = areas.hub_fingerprint()

    change(geo)

    assert areas.hub_fingerprint() != before
    assert _hub_name(geo) == "Landelijk loket"


def _link_municipality(geo, hub):  # m2m add (the municipality beats the province)
    hub.municipalities.add(geo["city"])


def _raw_insert_link(geo, hub):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO schemes_hub_municipalities (hub_id, municipality_id) VALUES (%s, %s)",
                       [hub.pk, geo["city"].pk])


def _bulk_create_link(geo, hub):
    Hub.municipalities.through.objects.bulk_create([
        Hub.municipalities.through(hub_id=hub.pk, municipality_id=geo["city"].pk)])


@pytest.mark.parametrize("change", [_link_municipality, _raw_insert_link, _bulk_create_link])
def test_the_next_lookup_sees_a_hub_arriving(geo, change):
    city_hub = HubFactory(slug="stad-utrecht", name="Stadsloket Utrecht")
    assert _hub_name(geo) == "Circulair Utrecht"
    before = areas.hub_fingerprint()

    change(geo, city_hub)

    assert areas.hub_fingerprint() != before
    assert _hub_name(geo) == "Stadsloket Utrecht"


def test_a_renamed_hub_is_answered_by_its_new_name(geo):
    assert _hub_name(geo) == "Circulair Utrecht"

    Hub.objects.filter(pk=geo["hub"].pk).update(name="Circulair Utrecht (nieuw)")

    assert _hub_name(geo) == "Circulair Utrecht (nieuw)"


def test_the_next_partner_submission_is_routed_by_the_changed_hubs(geo):
    _key, raw = partner_key_create(name="Versie")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert api.post(URL, PAYLOAD, format="json").json()["hub"]["name"] == "Circulair Utrecht"

    Hub.objects.filter(pk=geo["hub"].pk).update(is_active=False)  # what a history-based version would miss

    response = api.post(URL, {**PAYLOAD, "email": "tweede@example.nl"}, format="json")
    assert response.status_code == 201
    assert response.json()["hub"]["name"] == "Landelijk loket"


def test_a_value_is_never_handed_out_twice_even_if_the_row_is_made_again(geo):
    seen = {areas.hub_fingerprint()}
    for _ in range(3):
        Hub.objects.filter(pk=geo["hub"].pk).update(is_active=True)
        seen.add(areas.hub_fingerprint())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM schemes_hubversion")
    seen.add(areas.hub_fingerprint())  # no row: a value of its own
    Hub.objects.filter(pk=geo["hub"].pk).update(is_active=True)  # the trigger makes the row again
    seen.add(areas.hub_fingerprint())
    assert len(seen) == 6


@pytest.mark.django_db(transaction=True)
def test_another_connection_sees_the_new_version_only_with_the_commit(geo):
    """Transactional: a reader never caches the old hubs under the new version (a bare sequence would)."""

    def read_elsewhere() -> str:
        found = []

        def run():
            try:
                found.append(areas.hub_fingerprint())
            finally:
                connections.close_all()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
        return found[0]

    before = read_elsewhere()
    with transaction.atomic():
        Hub.objects.filter(pk=geo["hub"].pk).update(is_active=False)
        inside = areas.hub_fingerprint()
        assert inside != before
        assert read_elsewhere() == before  # not committed yet
    assert read_elsewhere() == inside
