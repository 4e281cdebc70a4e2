"""Fuzz the entrepreneur's intake: every step, save for later, check page, contact button, resume link."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journeys.intake import questions as q
from journeys.models import Intake
from tests.fuzz.support import (
    FUZZ,
    FUZZ_SMALL,
    assert_clear_form_error,
    assert_no_server_error,
    form_on,
    form_pairs,
    hostile_text,
    path_segment,
    post_form,
)
from tests.journeys.intake.helpers import complete_intake, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

# Chain and regulation steps only apply with these answers; the fuzzed draft has them, so no step is skipped.
OVERRIDES = {"onderwerp": {"themes": ["chain", "regulation", "financing"]},
             "regelgeving": {"mra_activity": "Wij maken meubels van oud hout.",
                             "mra_problem": "Afvalstatus van het hout."}}


@pytest.fixture(name="drafted")
def drafted_fixture(client, geo):
    complete_intake(client, OVERRIDES)
    return client


def test_it_reaches_every_step_of_the_questionnaire(drafted):
    for step in q.STEPS:
        assert drafted.get(reverse("journeys:intake-step", args=[step.slug])).status_code == 200, step.slug


@pytest.mark.parametrize("slug", [step.slug for step in q.STEPS])
def test_it_answers_hostile_step_posts_with_a_clear_message(drafted, slug):
    url = reverse("journeys:intake-step", args=[slug])
    form = form_on(drafted.get(url).content.decode(), url)
    names = [name for name in form["fields"] if name != "csrfmiddlewaretoken"]

    @FUZZ
    @given(pairs=form_pairs(names, form["fields"]), returning=st.booleans(), htmx=st.booleans())
    def check(pairs, returning, htmx):
        target = url + ("?terug=controleren" if returning else "")
        extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = post_form(drafted, target, [p for p in pairs if p != ("action", "save")], **extra)
        assert_clear_form_error(response)
        saved = post_form(drafted, target, [*pairs, ("action", "save")])
        assert_no_server_error(saved)
        # Whatever was posted, the draft stays reachable and readable.
        assert drafted.get(url).status_code in (200, 302)

    check()


def test_it_answers_hostile_save_for_later_posts_with_a_clear_message(drafted, settings):
    settings.RATELIMIT_ENABLE = False
    url = reverse("journeys:intake-save")

    @FUZZ
    @given(pairs=form_pairs(["email", "action"]))
    def check(pairs):
        response = post_form(drafted, url, pairs)
        assert_no_server_error(response)
        if "U ontvangt" not in response.content.decode() and response.status_code != 302:
            assert_clear_form_error(response)

    check()


def test_it_survives_hostile_posts_to_the_check_page_and_the_contact_button(drafted):
    check_url = reverse("journeys:intake-check")

    @FUZZ_SMALL
    @given(pairs=form_pairs(["action", "confirm"]))
    def check(pairs):
        assert_no_server_error(post_form(drafted, check_url, pairs))
        assert_no_server_error(drafted.get(check_url))

    check()
    intake = Intake.objects.filter(submitted_at__isnull=False).latest("submitted_at")
    contact_url = reverse("journeys:intake-request-contact", args=[intake.public_id])

    @FUZZ_SMALL
    @given(pairs=form_pairs(["action", "reference"]))
    def contact(pairs):
        response = post_form(drafted, contact_url, pairs)
        assert response.status_code in (302, 400, 404), response.status_code

    contact()


@FUZZ
@given(token=hostile_text)
def test_it_refuses_garbage_resume_tokens_with_a_clear_page(client, token):
    response = client.get(f"/intake/verder/{path_segment(token)}/")
    assert_no_server_error(response)
    assert response.status_code in (400, 404), response.status_code
    if response.status_code == 400:
        assert "<h1" in response.content.decode()


@FUZZ_SMALL
@given(public_id=hostile_text, pairs=form_pairs(["action"]))
def test_it_answers_garbage_result_and_contact_urls_with_not_found(client, public_id, pairs):
    segment = path_segment(public_id)
    assert client.get(f"/intake/route/{segment}/").status_code == 404
    assert post_form(client, f"/intake/route/{segment}/contact/", pairs).status_code == 404
