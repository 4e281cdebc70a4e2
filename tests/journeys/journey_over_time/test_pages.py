"""The readiness checklist and "Houd mij op de hoogte" on the scheme page, the route and the request page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from schemes import vocabulary as v
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory, UserFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _upcoming_scheme(**kwargs):
    scheme = SchemeFactory(requirements=[v.Requirement.DE_MINIMIS, v.Requirement.COMMITMENT_LETTER], **kwargs)
    ApplicationRoundFactory(scheme=scheme, opens_on=timezone.localdate() + timedelta(days=30),
                            budget_status=v.BudgetStatus.UPCOMING)
    return scheme


def test_it_shows_the_checklist_and_the_form_on_the_page_of_a_scheme_that_is_not_open(client):
    scheme = _upcoming_scheme()

    page = client.get(scheme.get_absolute_url()).content.decode()

    assert "Klaar voor de volgende ronde" in page
    assert "Een de-minimisverklaring" in page
    assert "Een getekende intentieverklaring" in page
    assert f'action="{reverse("journeys:round-subscribe", args=[scheme.slug])}"' in page


def test_an_open_scheme_shows_its_checklist_but_no_form(client):
    scheme = SchemeFactory(requirements=[v.Requirement.DE_MINIMIS])
    ApplicationRoundFactory(scheme=scheme, opens_on=timezone.localdate() - timedelta(days=3), closes_on=None)

    page = client.get(scheme.get_absolute_url()).content.decode()

    assert "Een de-minimisverklaring" in page
    assert "round-subscribe" not in page and "op-de-hoogte" not in page


def _match(scheme, *, status="upcoming", requirement_status="met"):
    return {
        "scheme_id": scheme.pk, "slug": scheme.slug, "name": scheme.name, "kind": scheme.kind,
        "summary": scheme.summary, "group": "later", "eligible": True, "fit": [],
        "criteria": [
            {"code": "requirement", "status": requirement_status, "params": {"requirement": "commitment_letter"}},
            {"code": "requirement", "status": "unknown", "params": {"requirement": "de_minimis"}},
        ],
        "availability": {"status": status, "opens_on": None, "closes_on": None, "next_opens_on": None},
    }


def test_the_route_ticks_what_the_intake_knows_and_offers_the_alert(client):
    scheme = _upcoming_scheme()
    support_request = SupportRequestFactory(intake__matches=[_match(scheme)])
    intake = support_request.intake
    intake.submitted_at = timezone.now()
    intake.save()

    page = client.get(reverse("journeys:intake-result", args=[intake.public_id])).content.decode()

    assert "Klaar voor de aanvraag" in page
    ticked = 'Een getekende intentieverklaring (letter of commitment) <span class="tag tag--open">heeft u al</span>'
    assert ticked in page
    assert "Een de-minimisverklaring <span class=\"muted\">nog regelen of nagaan</span>" in page
    assert f'href="{reverse("journeys:round-subscribe", args=[scheme.slug])}"' in page


def test_staff_see_which_matched_schemes_open_soon(client):
    soon = _upcoming_scheme(name="Ketenregeling Test")
    later = SchemeFactory(name="Regeling Later")
    ApplicationRoundFactory(scheme=later, opens_on=timezone.localdate() + timedelta(days=200))
    support_request = SupportRequestFactory(intake__matches=[_match(soon), _match(later)])
    user = UserFactory()
    support_request.hub.staff.add(user)
    client.force_login(user)

    page = client.get(reverse("journeys:request-detail", args=[support_request.reference])).content.decode()

    assert "Passende regelingen die binnenkort opengaan" in page
    section = page.split('id="rounds-soon-title"')[1].split("</section>")[0]
    assert "Ketenregeling Test" in section
    assert "Regeling Later" not in section
