"""The intake tests' small map (provinces, postcodes, hubs), reused to walk real intakes here."""

from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
