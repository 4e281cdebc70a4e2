"""Issue 15.9: bidirectional override characters never reach what hub staff read."""

from django.urls import reverse

from journeys.models import Intake
from tests.journeys.intake.helpers import STEP_POSTS, geo_fixture  # noqa: F401


def test_it_drops_bidi_overrides_from_the_company_name(client, geo):
    spoofed = "Houtwerk \u202egnimmargorp\u202c B.V. \u2066x\u2069"
    client.post(reverse("journeys:intake-step", args=["bedrijf"]), {**STEP_POSTS["bedrijf"], "company_name": spoofed})

    assert Intake.objects.get().answers["company_name"] == "Houtwerk gnimmargorp B.V. x"
