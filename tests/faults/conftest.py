from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
