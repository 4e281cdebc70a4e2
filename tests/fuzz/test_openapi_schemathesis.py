"""Schemathesis against /api/schema/: no server errors, responses match the schema, for every operation.

The schema is loaded from the WSGI app at import (the schema view needs no database); every generated call
goes through the same in-process app, so it sees the test database with a valid partner key.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from journeys.intake.partner_api.keys import partner_key_create
from portal.wsgi import application
from tests.factories.catalogue import SchemeFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(name="partner_header")
def partner_header_fixture(db, geo):
    SchemeFactory.create_batch(2)
    _key, raw = partner_key_create(name="Schemathesis")
    # Raw WSGI calls fire request_started/finished, whose close_old_connections would close the connection
    # inside the test's transaction; Django's own test client disconnects it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Api-Key {raw}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_it_describes_the_partner_and_open_data_operations():
    paths = {operation.ok().path for operation in schema.get_all_operations()}
    assert {"/api/v1/partner/intakes/", "/api/v1/schemes/", "/api/v1/hubs/"} <= paths


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_it_conforms_to_its_openapi_schema(case, partner_header):
    case.call_and_validate(headers=partner_header, checks=[not_a_server_error, response_schema_conformance])
