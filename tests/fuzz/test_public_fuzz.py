"""Fuzz the public pages with query strings and links: catalogue filters, hub lookup, survey, unsubscribe."""

import pytest
from django.urls import reverse
from hypothesis import given

from tests.factories.catalogue import SchemeFactory
from tests.fuzz.support import (
    FUZZ,
    FUZZ_SMALL,
    assert_no_server_error,
    form_on,
    form_pairs,
    hostile_text,
    path_segment,
    post_form,
    query_string,
)
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _get_filter_page(client, url: str, query: str):
    response = client.get(f"{url}?{query}")
    assert_no_server_error(response)
    assert response.status_code in (200, 400), response.status_code
    html = response.content.decode()
    if 'class="error-summary"' in html:
        assert '<a href="#' in html  # the message is linked to the filter field it is about
    return response


def test_it_filters_the_catalogue_with_hostile_query_strings(client, geo):
    SchemeFactory.create_batch(3)
    url = reverse("schemes:catalogue")
    form = form_on(client.get(url).content.decode(), url)

    @FUZZ
    @given(pairs=form_pairs([*form["fields"], "page", "sort"], form["fields"]))
    def check(pairs):
        _get_filter_page(client, url, query_string(pairs))
        _get_filter_page(client, url, query_string(pairs))  # second time through the cache
        assert_no_server_error(client.get(url, HTTP_HX_REQUEST="true", QUERY_STRING=query_string(pairs)))

    check()


def test_it_looks_up_hostile_postcodes_with_a_clear_message(client, geo):
    url = reverse("schemes:hubs")
    form = form_on(client.get(url).content.decode(), url)

    @FUZZ
    @given(pairs=form_pairs(list(form["fields"]) or ["postcode"]))
    def check(pairs):
        _get_filter_page(client, url, query_string(pairs))

    check()


@FUZZ
@given(token=hostile_text, answer=hostile_text, pairs=form_pairs(["helped", "rating", "antwoord"]))
def test_it_answers_garbage_survey_links_without_an_error(client, token, answer, pairs):
    url = f"/enquete/{path_segment(token)}/"
    got = client.get(url, {"antwoord": answer.encode("utf-8", "surrogatepass").decode("utf-8", "replace")})
    assert got.status_code in (400, 404, 410), got.status_code
    posted = post_form(client, url, pairs)
    assert posted.status_code in (400, 404, 410), posted.status_code


@FUZZ_SMALL
@given(token=hostile_text, pairs=form_pairs(["confirm", "List-Unsubscribe"]))
def test_it_answers_garbage_unsubscribe_links_without_an_error(client, token, pairs):
    url = f"/afmelden/{path_segment(token)}/"
    assert client.get(url).status_code in (400, 404, 410)
    assert post_form(client, url, pairs).status_code in (400, 404, 410)
    assert post_form(client, url, [("List-Unsubscribe", "One-Click")]).status_code in (400, 404, 410)


@FUZZ_SMALL
@given(token=hostile_text)
def test_it_answers_garbage_status_links_with_not_found(client, token):
    response = client.get(f"/status/{path_segment(token)}/")
    assert response.status_code in (400, 404, 410), response.status_code
