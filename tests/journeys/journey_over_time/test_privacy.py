"""Issue 20's new personal data is covered by the privacy tools: round-news sign-ups (an address without any
intake) in the summary, export and erasure and pruned when no longer used; re-assessment free text anonymised."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journeys.models import Reassessment, RoundSubscription
from journeys.privacy.retention import ENDED_SUBSCRIPTION_DAYS, intake_anonymise, round_subscriptions_prune
from portal.roles import ensure_catalogue_admin_group
from tests.factories.catalogue import UserFactory
from tests.factories.journeys import RoundSubscriptionFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db
EMAIL = "anna@houtwerk.example"


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="rvo-admin")
    admin.groups.add(ensure_catalogue_admin_group())
    client.force_login(admin)
    return client


def test_a_sign_up_alone_is_found_exported_and_erased(admin_client):
    subscription = RoundSubscriptionFactory(email=EMAIL)
    other = RoundSubscriptionFactory(email="bob@elders.example")

    summary = admin_client.post(reverse("journeys:privacy"), {"email": "Anna@Houtwerk.example"}).content.decode()
    assert "Aanmeldingen voor rondenieuws" in summary
    assert "Wij bewaren niets onder dit e-mailadres" not in summary

    export = json.loads(admin_client.post(reverse("journeys:privacy-export"), {"email": EMAIL}).content)
    assert [item["scheme"] for item in export["round_news"]] == [subscription.scheme.slug]

    admin_client.post(reverse("journeys:privacy-erase"), {"email": EMAIL, "confirm_step": "1", "confirm": "on"})
    assert not RoundSubscription.objects.filter(pk=subscription.pk).exists()
    assert RoundSubscription.objects.filter(pk=other.pk).exists()


def test_ended_and_never_confirmed_sign_ups_are_pruned_after_the_grace_period():
    now = timezone.now()
    long_ago = now - timedelta(days=ENDED_SUBSCRIPTION_DAYS + 1)
    active = RoundSubscriptionFactory()
    ended_recently = RoundSubscriptionFactory(unsubscribed_at=now - timedelta(days=1))
    ended_long_ago = RoundSubscriptionFactory(unsubscribed_at=long_ago)
    unconfirmed_recent = RoundSubscriptionFactory(confirmed_at=None)
    unconfirmed_old = RoundSubscriptionFactory(confirmed_at=None)
    RoundSubscription.objects.filter(pk=unconfirmed_old.pk).update(created_at=long_ago)

    assert round_subscriptions_prune(now=now) == 2

    left = set(RoundSubscription.objects.values_list("pk", flat=True))
    assert left == {active.pk, ended_recently.pk, unconfirmed_recent.pk}
    assert ended_long_ago.pk not in left


def test_anonymising_blanks_the_re_assessment_free_text_and_keeps_the_answers():
    request = SupportRequestFactory(intake__email=EMAIL)
    answer = Reassessment.objects.create(
        support_request=request, number=1, self_assessment="circular", stage="frontrunner",
        what_did="Gebeld met Piet Jansen van Houtwerk", what_helped="Anna's tip",
    )

    intake_anonymise(intake_id=request.intake_id)

    answer.refresh_from_db()
    assert answer.what_did == "" and answer.what_helped == ""
    assert answer.stage == "frontrunner"
