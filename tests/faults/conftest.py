from tests.journeys.intake_helpers import geo_fixture  # noqa: F401
