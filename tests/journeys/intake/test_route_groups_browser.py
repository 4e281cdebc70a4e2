"""The route page's result groups in a real browser, for a starter, a peloton company and a chain front-runner.

The intakes are the personas of tests/schemes/test_matching_personas.py, run on the starter catalogue.
Each route page is checked with axe (with and without JavaScript) at 1280 and 320 px wide; with
TEST_SCREENSHOTS set, both sizes are saved to look at.
"""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from journeys.intake import services
from journeys.models import Intake
from tests.schemes.test_matching_personas import PERSONAS, TODAY
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STARTER, PELOTON, FRONTRUNNER = PERSONAS[0], PERSONAS[2], PERSONAS[5]  # the 2-SME chain: a near miss to show


@pytest.fixture
def starter_catalogue():
    call_command("load_geography", verbosity=0)
    call_command("load_starter_catalogue", verbosity=0)


def submit(intake: Intake) -> Intake:
    # Store the route exactly as intake_submit does, without requiring every step (contact details are
    # not needed to see a route).
    evaluation = services.intake_evaluate(answers=intake.answers, today=TODAY)
    intake.stage = evaluation.classification.stage
    intake.stage_reasons = evaluation.classification.reasons_as_dicts()
    intake.matches = evaluation.matches.as_list()
    intake.routing = {**evaluation.routing.snapshot(), "excluded_elsewhere": evaluation.matches.excluded_elsewhere,
                      "not_shown": evaluation.matches.not_shown}
    intake.hub = evaluation.routing.hub
    intake.submitted_at = timezone.now()
    intake.save()
    return intake


@pytest.mark.parametrize(("persona", "name", "headings"), [
    (STARTER, "starter", ["Dit kunt u nu aanvragen of gebruiken", "Nog niet open of gesloten", "Om verder te lezen"]),
    (PELOTON, "peloton", ["Dit kunt u nu aanvragen of gebruiken", "Nog niet open of gesloten", "Om verder te lezen"]),
    (FRONTRUNNER, "frontrunner", ["Dit kunt u nu aanvragen of gebruiken", "Bijna: dit ontbreekt nog",
                                  "Nog niet open of gesloten", "Om verder te lezen"]),
])
def test_the_route_shows_its_groups_in_order_with_links(page, no_js_page, live_server, starter_catalogue,
                                                         persona, name, headings):
    intake = submit(Intake.objects.create(answers=persona.answers))
    url = f"{live_server.url}/intake/route/{intake.public_id}/"
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        groups = page.locator(".route-group h3")
        expect(groups).to_have_text(headings)
        cards = page.locator(".route-group .match-list > li")
        assert cards.count() == len(intake.matches)
        for index in range(cards.count()):
            # Every card's name links to its scheme page.
            slug = intake.matches[index]["slug"]
            expect(cards.nth(index).locator("h4 a")).to_have_attribute("href", f"/regelingen/{slug}/")
        assert_accessible(page)
        screenshots.save(page, f"route-{name}-{width}")
    if persona is FRONTRUNNER:
        near = page.locator("#group-near_miss + p + ol > li").first
        expect(near.locator("h5").first).to_have_text("Wat u nog moet regelen")
        expect(near).to_contain_text("U heeft nog 1 mkb-partner nodig.")
    no_js_page.goto(url)
    expect(no_js_page.locator(".route-group h3")).to_have_text(headings)
    assert_accessible_without_javascript(no_js_page)
