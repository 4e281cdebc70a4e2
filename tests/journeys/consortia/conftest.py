"""Three provinces (Utrecht borders Noord-Holland, Groningen borders neither), a hub each, and CKP."""

from dataclasses import dataclass

import pytest

from portal.roles import ensure_catalogue_admin_group
from schemes import vocabulary as v
from schemes.models import Hub, Province, Scheme
from tests.factories.catalogue import HubFactory, ProvinceFactory, SchemeFactory, UserFactory
from tests.factories.consortia import PartnerProfileFactory
from tests.factories.journeys import IntakeFactory


@dataclass
class Map:
    utrecht: Province
    noord_holland: Province
    groningen: Province
    hub_utrecht: Hub
    hub_nh: Hub
    hub_groningen: Hub
    staff_utrecht: object
    staff_nh: object
    staff_groningen: object
    admin: object
    superuser: object
    ckp: Scheme

    def profile(self, *, province=None, hub=None, **kwargs):
        province = province or self.utrecht
        hub = hub or {self.utrecht: self.hub_utrecht, self.noord_holland: self.hub_nh}.get(province,
                                                                                           self.hub_groningen)
        intake = IntakeFactory(province=province, hub=hub, answers={"themes": [v.Theme.CHAIN]})
        return PartnerProfileFactory(intake=intake, **kwargs)


@pytest.fixture
def geo(db) -> Map:
    utrecht = ProvinceFactory(code="PV26", name="Utrecht", display_name="Utrecht")
    noord_holland = ProvinceFactory(code="PV27", name="Noord-Holland", display_name="Noord-Holland")
    groningen = ProvinceFactory(code="PV20", name="Groningen", display_name="Groningen")
    staff_utrecht = UserFactory(username="ula", first_name="Ula")
    staff_nh = UserFactory(username="noor", first_name="Noor")
    staff_groningen = UserFactory(username="gert", first_name="Gert")
    admin = UserFactory(username="rvo-beheer")
    admin.groups.add(ensure_catalogue_admin_group())
    superuser = UserFactory(username="beheer", is_superuser=True, is_staff=True)
    hub_utrecht = HubFactory(name="Loket Utrecht", slug="utrecht", provinces=[utrecht], staff=[staff_utrecht],
                             email="utrecht@loket.example", phone="030 123 45 67")
    hub_nh = HubFactory(name="Loket Noord-Holland", slug="nh", provinces=[noord_holland], staff=[staff_nh])
    hub_groningen = HubFactory(name="Loket Groningen", slug="groningen", provinces=[groningen],
                               staff=[staff_groningen])
    ckp = SchemeFactory(chain_subsidy=True, lead_applicant_must_be_sme=True, slug="ckp",
                        name="Subsidie Circulaire Ketenprojecten (CKP)")
    return Map(utrecht, noord_holland, groningen, hub_utrecht, hub_nh, hub_groningen, staff_utrecht, staff_nh,
               staff_groningen, admin, superuser, ckp)


@pytest.fixture(autouse=True)
def _plain_static_files_for_the_live_server(request, settings):
    """Let the live server find htmx and the CSS (as tests/journeys/triage/conftest.py explains)."""
    if request.node.get_closest_marker("browser"):
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
