from tests.journeys.intake_helpers import geo  # noqa: F401
