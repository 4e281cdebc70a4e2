"""Partner API: every match says its result group, and the OpenAPI schema documents the field."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.factories.catalogue import SchemeFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.journeys.intake.test_partner_api import PAYLOAD, URL, api  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("geo")]


def test_every_match_carries_its_group_in_route_order(api):  # noqa: F811
    SchemeFactory(slug="ckp", name="Circulaire Ketenprojecten", chain_subsidy=True)
    SchemeFactory(slug="read", name="Kennis over ketens", kind="knowledge_tool", themes=["chain"], is_ongoing=True)
    body = api.post(URL, {**PAYLOAD, "chain_director": "no"}, format="json").json()
    assert [(m["slug"], m["group"]) for m in body["matches"]] == [("ckp", "near_miss"), ("read", "reading")]


def test_the_schema_documents_the_group_field(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    schemas = schema["components"]["schemas"]
    group = schemas["PartnerMatch"]["properties"]["group"]
    enum = schemas[group["allOf"][0]["$ref"].rsplit("/", 1)[-1]] if "allOf" in group else group
    assert enum["enum"] == ["now", "near_miss", "later", "reading"]
    assert "near_miss" in group["description"]
    assert schemas["PartnerIntakeResponse"]["properties"]["matches"]["items"]["$ref"].endswith("/PartnerMatch")
