"""Submitting the intake (intake_submit through the check page): stored completely or not at all,
tags that mirror the submitted answers, and routing by the hubs and catalogue as they are at that moment."""

import pytest
from django.db import DataError
from django.urls import reverse

from journeys.intake import services
from journeys.models import Intake, IntakeTag
from tests.factories.catalogue import HubFactory, SchemeFactory
from tests.journeys.intake.helpers import STEP_POSTS, complete_intake, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
CHECK = reverse("journeys:intake-check")


def tags_of(intake) -> dict[tuple[str, str], int]:
    return {(t.dimension, t.code): t.pk for t in IntakeTag.objects.filter(intake=intake)}


def change_step(client, slug: str, answers: dict) -> None:
    response = client.post(reverse("journeys:intake-step", args=[slug]) + "?terug=controleren",
                           {**STEP_POSTS[slug], **answers})
    assert response.status_code == 302


def test_it_makes_the_tags_mirror_the_answers_of_a_second_submission(client, geo):
    complete_intake(client)
    client.post(CHECK)
    intake = Intake.objects.get()
    first = tags_of(intake)
    assert ("sector", "furniture") in first

    change_step(client, "sector", {"sectors": ["construction", "textiles"]})
    client.post(CHECK)

    second = tags_of(intake)
    sectors = {code for dimension, code in second if dimension == "sector"}
    assert sectors == {"construction", "textiles"}
    assert set(second) == set(first) - {("sector", "furniture")} | {("sector", "textiles")}
    # Rows whose answer did not change are left as they were, not deleted and inserted again.
    assert all(second[key] == first[key] for key in set(first) & set(second))


def test_it_keeps_no_tags_of_a_step_that_no_longer_applies(client, geo):
    complete_intake(client)
    client.post(CHECK)
    intake = Intake.objects.get()
    assert ("business_area", "chain_cooperation") in tags_of(intake)

    change_step(client, "bedrijfsonderdeel", {"business_areas": ["reuse"]})
    change_step(client, "onderwerp", {"themes": ["financing"]})  # no chain theme: the chain step is skipped
    client.post(CHECK)

    tags = tags_of(intake)
    assert {code for dimension, code in tags if dimension == "theme"} == {"financing"}
    assert {code for dimension, code in tags if dimension == "business_area"} == {"reuse"}


def test_it_stores_the_submission_completely_or_not_at_all(client, geo):
    complete_intake(client)
    intake = Intake.objects.get()
    # A code too long for its tag column makes the tag write fail after the intake row was updated.
    intake.answers["sectors"] = ["construction", "x" * 41]
    with pytest.raises(DataError):
        services.intake_submit(intake=intake)

    stored = Intake.objects.get()
    assert stored.submitted_at is None and stored.stage == "" and stored.matches == []
    assert not IntakeTag.objects.exists()


def test_it_routes_by_the_hubs_as_they_are_at_submission(client, geo):
    complete_intake(client)
    client.post(CHECK)
    assert Intake.objects.get().hub == geo["hub"]

    # A hub for the city itself beats the province's hub; the cached hub map must see it at once.
    city_hub = HubFactory(name="Circulair Utrecht-stad", municipalities=[geo["city"]])
    change_step(client, "drijfveren", {"drivers": ["environment"]})
    client.post(CHECK)

    intake = Intake.objects.get()
    assert intake.hub == city_hub
    assert intake.routing["level"] == "municipality"


def test_it_matches_against_the_catalogue_as_it_is_at_submission(client, geo):
    complete_intake(client)
    client.post(CHECK)
    assert Intake.objects.get().matches == []

    SchemeFactory(slug="circo", name="CIRCO-workshop", themes=["knowledge", "financing"], is_free=True)
    change_step(client, "drijfveren", {"drivers": ["environment"]})
    client.post(CHECK)

    assert [m["slug"] for m in Intake.objects.get().matches] == ["circo"]
