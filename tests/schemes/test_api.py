import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.urls import reverse

from tests.factories.catalogue import (
    ApplicationRoundFactory,
    HubFactory,
    MunicipalityFactory,
    PostcodeAreaFactory,
    ProvinceFactory,
    SchemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    province = ProvinceFactory(code="PV27", name="Noord-Holland")
    municipality = MunicipalityFactory(code="GM0363", name="Amsterdam", province=province)
    PostcodeAreaFactory(pc4="1011", municipality=municipality)
    HubFactory(name="Loket Noord-Holland", provinces=[province], phone="020 123 4567")
    HubFactory(national=True)
    scheme = SchemeFactory(slug="ckp", name="CKP", chain_subsidy=True, stages=["peloton"])
    ApplicationRoundFactory(scheme=scheme, budget_status="exhausted")
    SchemeFactory(slug="concept", draft=True)
    return scheme


def test_the_schema_is_valid_openapi_without_warnings_for_our_endpoints(capsys):
    call_command("spectacular", "--validate", "--file", "/dev/null")

    warnings = capsys.readouterr().err
    assert "schemes/" not in warnings and "Scheme" not in warnings and "Hub" not in warnings


def test_it_lists_only_published_schemes_with_filters_and_pagination(client, data):
    body = client.get("/api/v1/schemes/", {"stage": "peloton", "theme": "chain"}).json()

    assert body["count"] == 1 and body["next"] is None
    assert body["results"][0]["slug"] == "ckp"
    assert body["results"][0]["availability"]["state"] in {"exhausted", "closed"}
    assert client.get("/api/v1/schemes/concept/").status_code == 404
    assert client.get("/api/v1/schemes/", {"stage": "nonsense"}).status_code == 400


def test_it_answers_with_an_etag_and_304_when_nothing_changed(client, data):
    first = client.get("/api/v1/hubs/")

    again = client.get("/api/v1/hubs/", headers={"If-None-Match": first["ETag"]})

    assert first["Cache-Control"] == "public, max-age=300"
    assert again.status_code == 304


def test_it_says_which_hub_serves_a_postcode(client, data):
    body = client.get("/api/v1/postcodes/1011AB/hub/").json()

    assert body["hub"]["name"] == "Loket Noord-Holland" and body["level"] == "province"
    assert client.get("/api/v1/postcodes/9998/hub/").json()["hub"]["is_national_desk"] is True
    assert client.get("/api/v1/postcodes/abc/hub/").status_code == 404


def test_the_docs_page_lists_every_endpoint_without_a_cdn(client):
    text = client.get(reverse("schemes:api-docs")).content.decode()

    assert "/api/v1/postcodes/{postcode}/hub/" in text and "cdn" not in text.lower()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path,query", [
    ("/api/v1/schemes/", {"stage": "peloton"}),
    ("/api/v1/schemes/{slug}/", None),
    ("/api/v1/hubs/", None),
    ("/api/v1/postcodes/{postcode}/hub/", None),
])
def test_responses_match_the_schema(client, live_server, data, path, query):
    raw = yaml.safe_load(client.get(reverse("schemes:api-schema")).content)
    operation = schemathesis.openapi.from_dict(raw)[path]["GET"]
    parameters = {"slug": "ckp"} if "slug" in path else {"postcode": "1011"} if "postcode" in path else None
    case = operation.Case(path_parameters=parameters, query=query)

    response = case.call(base_url=live_server.url)

    assert response.status_code == 200
    case.validate_response(response)


def test_it_keeps_the_internal_source_tags_for_admins(client, data):
    # Issue 14: source tags ("[000] domain §2.2") are notes for catalogue admins, never public.
    data.source_note = "[000][001] domain §2.2"
    data.no_link_reason = "Alleen via het loket"
    data.save()

    body = client.get("/api/v1/schemes/ckp/").json()

    assert "source_note" not in body and "[000]" not in str(body)
    assert body["no_link_reason"] == "Alleen via het loket"
