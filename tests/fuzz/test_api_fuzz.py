"""Fuzz the partner API (JSON of every type, repeated keys, surrogates) and the open-data API query params."""

import json

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journeys.intake import questions as q
from journeys.intake.partner_api.keys import partner_key_create
from tests.fuzz.support import (
    FUZZ,
    FUZZ_SMALL,
    assert_json_error_names_field,
    assert_no_server_error,
    form_pairs,
    hostile_text,
    json_payloads,
    json_with_repeated_keys,
    path_segment,
    query_string,
)
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

KEYS = [question.key for step in q.STEPS for question in step.questions] + ["request_contact"]
OPTIONS = {question.key: [c for c, _label in question.choices] for step in q.STEPS for question in step.questions
           if question.choices}


@pytest.fixture(name="partner")
def partner_fixture(client, geo):
    _key, raw = partner_key_create(name="Adviesbureau Test")
    return client, {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}


def test_it_answers_hostile_partner_payloads_with_errors_naming_the_field(partner):
    client, auth = partner
    url = reverse("journeys:partner-intakes")

    @FUZZ
    @given(payload=json_payloads(KEYS, OPTIONS), repeat=st.sampled_from(KEYS), first=hostile_text,
           repeated=st.booleans())
    def check(payload, repeat, first, repeated):
        body = json_with_repeated_keys(payload, repeat, first) if repeated else json.dumps(payload)
        response = client.post(url, body, content_type="application/json", **auth)
        assert response.status_code in (201, 400), (response.status_code, response.content[:300])
        assert_json_error_names_field(response, fields=set(KEYS))

    check()


@FUZZ_SMALL
@given(body=st.one_of(hostile_text, st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
                      st.sampled_from(["[]", "null", "1", '"x"', "{", '{"a":', "[" * 5000])),
       content_type=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded",
                                     "multipart/form-data; boundary=x"]))
def test_it_answers_non_object_partner_bodies_with_a_json_error(partner, body, content_type):
    client, auth = partner
    response = client.post(reverse("journeys:partner-intakes"), body.encode("utf-8", "surrogatepass"),
                           content_type=content_type, **auth)
    assert response.status_code in (400, 415), (response.status_code, response.content[:300])
    assert json.loads(response.content)


@FUZZ_SMALL
@given(header=hostile_text)
def test_it_refuses_garbage_api_keys_with_a_json_error(client, header):
    response = client.post(reverse("journeys:partner-intakes"), "{}", content_type="application/json",
                           HTTP_AUTHORIZATION=f"Api-Key {header}".encode("utf-8", "surrogatepass").decode("latin-1"))
    assert response.status_code in (401, 403), response.status_code
    assert "detail" in json.loads(response.content)


@FUZZ
@given(pairs=form_pairs(["q", "stage", "theme", "kind", "province", "open_now", "page", "municipality"],
                        {"stage": ["peloton", "x"], "open_now": ["true", "false", "2"], "page": ["1", "0", "-1"]}),
       slug=hostile_text, postcode=hostile_text)
def test_it_answers_hostile_open_data_queries_with_json(client, geo, pairs, slug, postcode):
    qs = query_string(pairs)
    for url in ("/api/v1/schemes/", "/api/v1/hubs/", f"/api/v1/schemes/{path_segment(slug)}/",
                f"/api/v1/postcodes/{path_segment(postcode)}/hub/"):
        response = client.get(f"{url}?{qs}")
        assert_no_server_error(response)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        if response.status_code == 404 and not response["Content-Type"].startswith("application/json"):
            # A path no API route matches (e.g. a slug with ":") gets the site's HTML 404 page (see report).
            continue
        body = json.loads(response.content)
        if response.status_code == 400:
            assert isinstance(body, dict) and body
