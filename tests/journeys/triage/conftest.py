"""Two hubs with one staff member each, a catalogue admin and a superuser: the access-matrix cast."""

from dataclasses import dataclass

import pytest

from journeys.models import SupportRequest
from portal.roles import ensure_catalogue_admin_group
from schemes.models import Hub
from tests.factories.catalogue import HubFactory, UserFactory
from tests.factories.journeys import SupportRequestFactory


@dataclass
class Cast:
    hub_a: Hub
    hub_b: Hub
    staff_a: object
    colleague_a: object
    staff_b: object
    admin: object
    superuser: object
    request_a: SupportRequest


@pytest.fixture
def cast(db) -> Cast:
    staff_a = UserFactory(username="anna", first_name="Anna")
    colleague_a = UserFactory(username="bram", first_name="Bram")
    staff_b = UserFactory(username="carla", first_name="Carla")
    admin = UserFactory(username="rvo-admin", first_name="Dirk")
    admin.groups.add(ensure_catalogue_admin_group())
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    hub_a = HubFactory(name="Loket Utrecht", slug="utrecht", staff=[staff_a, colleague_a], response_target_days=5)
    hub_b = HubFactory(name="Loket Groningen", slug="groningen", staff=[staff_b], response_target_days=3)
    request_a = SupportRequestFactory(hub=hub_a, intake__company_name="Kringloop Utrecht B.V.")
    return Cast(hub_a, hub_b, staff_a, colleague_a, staff_b, admin, superuser, request_a)


@pytest.fixture(autouse=True)
def _plain_static_files_for_the_live_server(request, settings):
    """Let the live server find htmx and the CSS.

    pytest-django's live server serves /static/ through the staticfiles finders, which know only the
    unhashed names, while the manifest storage renders hashed ones: every asset would 404 and htmx
    would never load. (Worth moving to tests/conftest.py for every browser test.)
    """
    if request.node.get_closest_marker("browser"):
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
