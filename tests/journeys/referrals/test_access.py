"""Access-matrix rows for referral to a partner: only staff of the request's hub may refer or record outcomes."""

import pytest
from django.urls import reverse

from journeys.models import PartnerReferral
from tests.factories.catalogue import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db):
    return PartnerOrganisationFactory(name="Partner A", referrals=True, website="https://a.example")


def _post(client, cast, partner):
    return client.post(reverse("journeys:referral-create", args=[cast.request_a.reference]),
                       {"partner-partner": partner.pk, "partner-note": "Graag contact."})


@pytest.mark.parametrize(("who", "expected"), [
    ("staff_a", 302), ("colleague_a", 302), ("superuser", 302),
    ("staff_b", 404),  # another hub: the reference reveals nothing
    ("admin", 404),  # catalogue admins see no requests
])
def test_who_may_refer_a_request_to_a_partner(client, cast, partner, who, expected):
    client.force_login(getattr(cast, who))

    assert _post(client, cast, partner).status_code == expected
    assert PartnerReferral.objects.exists() is (expected == 302)


def test_anonymous_visitors_are_sent_to_the_log_in(client, cast, partner):
    response = _post(client, cast, partner)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not PartnerReferral.objects.exists()


def test_a_hub_the_request_left_may_look_but_not_refer(client, cast, partner):
    client.force_login(cast.staff_a)
    client.post(reverse("journeys:request-action", args=[cast.request_a.reference, "doorverwijzen"]),
                {"refer-version": 1, "refer-hub": cast.hub_b.pk, "refer-reason": "Hoort bij Groningen."})

    assert _post(client, cast, partner).status_code == 403
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()
    assert "Doorverwijzen naar een partner" not in page


@pytest.mark.parametrize(("who", "expected"), [("staff_a", 302), ("staff_b", 404), ("admin", 404)])
def test_who_may_record_an_outcome(client, cast, partner, who, expected):
    client.force_login(cast.staff_a)
    _post(client, cast, partner)
    referral = PartnerReferral.objects.get()
    client.force_login(getattr(cast, who))

    response = client.post(reverse("journeys:referral-outcome", args=[cast.request_a.reference, referral.pk]),
                           {"outcome": "no_answer"})

    assert response.status_code == expected
    referral.refresh_from_db()
    assert (referral.outcome == "no_answer") is (expected == 302)
