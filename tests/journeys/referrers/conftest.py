"""The triage access-matrix cast plus two advisors: one brought request_a in, the other brought in one of its own."""

import pytest

from journeys.models import ReferredIntake, Referrer, ReferrerKind
from tests.factories.catalogue import UserFactory
from tests.factories.journeys import SupportRequestFactory
from tests.journeys.triage.conftest import (  # noqa: F401  (the fixtures)
    Cast,
    _plain_static_files_for_the_live_server,
    cast,
)


@pytest.fixture
def advisors(cast: Cast):  # noqa: F811
    advisor = UserFactory(username="eva@accountants.example", first_name="Eva")
    other = UserFactory(username="frank@gemeente.example", first_name="Frank")
    mine = Referrer.objects.create(user=advisor, organisation_name="Accountants Eva", kind=ReferrerKind.ACCOUNTANT)
    theirs = Referrer.objects.create(user=other, organisation_name="Gemeente Zeist", kind=ReferrerKind.MUNICIPALITY)
    ReferredIntake.objects.create(intake=cast.request_a.intake, referrer=mine)
    other_request = SupportRequestFactory(hub=cast.hub_a, intake__company_name="Bakkerij Zeist B.V.")
    ReferredIntake.objects.create(intake=other_request.intake, referrer=theirs)
    return {"advisor": advisor, "other_advisor": other, "other_request": other_request}
