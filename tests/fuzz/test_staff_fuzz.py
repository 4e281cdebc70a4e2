"""Fuzz the staff side: log-in, the hub queue filters, every request-page action form, the insight filters."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journeys.triage.views import ACTIONS
from portal.roles import ensure_catalogue_admin_group
from tests.factories.catalogue import HubFactory, UserFactory
from tests.factories.journeys import SupportRequestFactory
from tests.fuzz.support import (
    FUZZ,
    FUZZ_SMALL,
    assert_clear_form_error,
    assert_no_server_error,
    form_on,
    form_pairs,
    page_forms,
    post_form,
    query_string,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(name="hub_staff")
def hub_staff_fixture(client):
    staff = UserFactory(username="anna")
    colleague = UserFactory(username="bram")
    hub = HubFactory(name="Loket Utrecht", slug="utrecht", staff=[staff, colleague])
    HubFactory(name="Loket Groningen", slug="groningen")
    requests = [SupportRequestFactory(hub=hub) for _ in range(3)]
    client.force_login(staff)
    return client, requests


def test_it_answers_hostile_log_in_posts_with_a_clear_message(client):
    UserFactory(username="anna")
    url = reverse("login")
    forms, _ids = page_forms(client.get(url).content.decode())
    form = next(f for f in forms if f["method"] == "post" and "password" in f["fields"])

    @FUZZ
    @given(pairs=form_pairs([n for n in form["fields"] if n != "csrfmiddlewaretoken"]))
    def check(pairs):
        response = post_form(client, url, pairs)
        assert response.status_code in (200, 302, 400, 403, 429), response.status_code
        assert_clear_form_error(response)

    check()


def test_it_filters_the_queue_with_hostile_query_strings(hub_staff):
    client, _requests = hub_staff
    url = reverse("journeys:queue")
    form = form_on(client.get(url).content.decode(), url)

    @FUZZ
    @given(pairs=form_pairs([*form["fields"], "after", "before", "page", "per", "sort"], form["fields"]),
           htmx=st.booleans())
    def check(pairs, htmx):
        extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client.get(f"{url}?{query_string(pairs)}", **extra)
        assert_no_server_error(response)
        assert response.status_code in (200, 400), response.status_code

    check()


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_it_answers_hostile_request_actions_with_a_clear_message(hub_staff, action):
    client, requests = hub_staff
    detail = reverse("journeys:request-detail", args=[requests[0].reference])
    url = reverse("journeys:request-action", args=[requests[0].reference, action])
    forms, _ids = page_forms(client.get(detail).content.decode())
    fields = next((f["fields"] for f in forms if f["action"].endswith(url)), {})
    names = [n for n in fields if n != "csrfmiddlewaretoken"] or ["version"]

    @FUZZ_SMALL
    @given(pairs=form_pairs(names, fields), htmx=st.booleans(), which=st.sampled_from(range(len(requests))))
    def check(pairs, htmx, which):
        target = reverse("journeys:request-action", args=[requests[which].reference, action])
        response = post_form(client, target, pairs, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
        if htmx and response.status_code == 200:
            assert_no_server_error(response)
        else:
            assert_clear_form_error(response)
        assert client.get(detail).status_code == 200

    check()


def test_it_filters_the_insight_dashboard_with_hostile_query_strings(client):
    admin = UserFactory(username="rvo-admin")
    admin.groups.add(ensure_catalogue_admin_group())
    client.force_login(admin)
    url = reverse("journeys:insights")
    forms, _ids = page_forms(client.get(url).content.decode())
    fields = next((f["fields"] for f in forms if f["method"] == "get"), {})

    @FUZZ
    @given(pairs=form_pairs([*fields, "export", "format"], fields))
    def check(pairs):
        response = client.get(f"{url}?{query_string(pairs)}")
        assert_no_server_error(response)
        assert response.status_code in (200, 400), response.status_code

    check()
    for year in (0, 1, 2024, 99999):
        assert_no_server_error(client.get(f"/medewerkers/inzicht/barrieres/{year}/"))
