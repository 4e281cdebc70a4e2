"""The entrepreneur's side: the offer on the route page, the opt-in, and withdrawing it (every way)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from journeys.consortia import presenters, selectors
from journeys.consortia.services import partner_profile_withdraw
from journeys.followups.services import email_unsubscribe
from journeys.models import Intake, PartnerProfile, RegionScope
from journeys.privacy import retention
from tests.factories.catalogue import MunicipalityFactory, PostcodeAreaFactory
from tests.journeys.intake.helpers import complete_intake, request_contact

pytestmark = pytest.mark.django_db
QUESTION = "Wilt u dat het loket ketenpartners voor u zoekt?"
OPT_IN_POST = {"roles_offered": ["producer"], "roles_sought": ["recycler", "supplier"], "materials": ["wood"],
               "material_volume": "niche", "region_scope": RegionScope.NEIGHBOURING, "company_name": "Houtwerk B.V.",
               "company_size": "small", "email": "anna@houtwerk.example", "consent": "on"}


@pytest.fixture
def postcodes(geo):
    city = MunicipalityFactory(code="GM0344", name="Utrecht", province=geo.utrecht)
    PostcodeAreaFactory(pc4="3511", municipality=city)


def _submitted(client, overrides=None) -> Intake:
    complete_intake(client, overrides)
    response = client.post(reverse("journeys:intake-check"))
    assert response.status_code == 302
    return Intake.objects.get(submitted_at__isnull=False)


def _opt_in_url(client, intake) -> str:
    page = client.get(reverse("journeys:intake-result", args=[intake.public_id])).content.decode()
    assert QUESTION in page
    return re.search(r'href="(/ketenpartners/aanmelden/[^"]+)"', page).group(1)


def test_it_offers_the_partner_search_on_the_route_of_a_chain_intake(client, postcodes):
    intake = _submitted(client)
    url = _opt_in_url(client, intake)
    page = client.get(url)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    html = page.content.decode()
    assert "<h1 tabindex=\"-1\">" + QUESTION in html
    for role in ("Producent", "Verwerker of recycler"):
        assert role in html  # the intake's chain roles vocabulary
    assert 'value="Houtwerk B.V."' in html  # the company name from the intake
    assert str(intake.public_id) not in url  # an opaque link, not the intake's id


def test_it_offers_nothing_without_chain_cooperation_or_the_partner_barrier(client, postcodes):
    intake = _submitted(client, {"onderwerp": {"themes": ["financing"]},
                                 "bedrijfsonderdeel": {"business_areas": ["reuse"]},
                                 "belemmeringen": {"barriers": ["need_supervisor"]}})
    page = client.get(reverse("journeys:intake-result", args=[intake.public_id])).content.decode()
    assert QUESTION not in page
    assert client.get(presenters.opt_in_path(intake=intake)).status_code == 404


def test_the_barrier_cannot_find_partners_alone_is_enough(client, postcodes):
    intake = _submitted(client, {"onderwerp": {"themes": ["financing"]},
                                 "bedrijfsonderdeel": {"business_areas": ["reuse"]},
                                 "belemmeringen": {"barriers": ["find_partners"]}})
    assert _opt_in_url(client, intake)


def test_it_creates_a_profile_with_explicit_consent(client, postcodes, geo):
    intake = _submitted(client)
    response = client.post(_opt_in_url(client, intake), OPT_IN_POST)
    assert response.status_code == 200
    assert "Het loket zoekt ketenpartners voor u" in response.content.decode()
    profile = PartnerProfile.objects.get(intake=intake)
    assert (profile.roles_offered, profile.roles_sought, profile.materials) == (
        ["producer"], ["recycler", "supplier"], ["wood"])
    assert profile.region_scope == RegionScope.NEIGHBOURING
    assert profile.province == geo.utrecht and profile.hub == intake.hub
    assert profile.email == "anna@houtwerk.example" and profile.is_large is False
    assert profile.sectors == ["construction", "furniture"]


def test_without_consent_or_role_nothing_is_stored(client, postcodes):
    intake = _submitted(client)
    response = client.post(_opt_in_url(client, intake), {**OPT_IN_POST, "consent": "", "roles_offered": [],
                                                          "email": ""})
    html = response.content.decode()
    assert "Er is een probleem" in html
    assert "Geef toestemming, anders kan het loket geen partners voor u zoeken" in html
    assert "Kies minstens één rol van uw bedrijf" in html
    assert "Vul uw e-mailadres in, zoals naam@bedrijf.nl" in html
    assert not PartnerProfile.objects.exists()


def test_it_asks_no_address_when_the_intake_has_one(client, postcodes):
    intake = _submitted(client)
    request_contact(client, intake)
    intake.refresh_from_db()
    url = presenters.opt_in_path(intake=intake)
    assert 'name="email"' not in client.get(url).content.decode()
    client.post(url, {**OPT_IN_POST, "email": ""})
    assert PartnerProfile.objects.get().email == intake.email


def test_a_forged_link_finds_nothing(client, postcodes):
    intake = _submitted(client)
    assert client.get(reverse("journeys:partner-opt-in", args=[f"{intake.pk}:forged"])).status_code == 404
    assert client.get(reverse("journeys:partner-withdraw", args=["1:forged"])).status_code == 404


def test_it_withdraws_from_the_link_after_a_confirmation(client, postcodes):
    intake = _submitted(client)
    client.post(_opt_in_url(client, intake), OPT_IN_POST)
    profile = PartnerProfile.objects.get()
    url = presenters.withdraw_path(profile=profile)
    assert "Stoppen met de zoektocht naar partners?" in client.get(url).content.decode()
    assert PartnerProfile.objects.get().withdrawn_at is None  # opening the link changes nothing
    response = client.post(url)
    assert "U doet niet meer mee met de zoektocht naar partners" in response.content.decode()
    profile.refresh_from_db()
    assert profile.withdrawn_at is not None and profile.company_name == "" and profile.email == ""
    assert selectors.proposals_for_profile(profile=profile) == []


def test_the_status_page_offers_the_withdrawal(client, postcodes):
    intake = _submitted(client)
    request_contact(client, intake)
    client.post(presenters.opt_in_path(intake=intake), OPT_IN_POST)
    profile = PartnerProfile.objects.get()
    status = client.get(reverse("journeys:request-status", args=[intake.support_request.status_token]))
    html = status.content.decode()
    assert "Zoeken naar ketenpartners" in html
    assert presenters.withdraw_path(profile=profile) in html


def test_the_one_click_unsubscribe_withdraws_too(client, postcodes):
    intake = _submitted(client)
    client.post(_opt_in_url(client, intake), OPT_IN_POST)
    email_unsubscribe(email="Anna@Houtwerk.example")
    assert PartnerProfile.objects.get().withdrawn_at is not None


def test_retention_keeps_an_active_profile_and_blanks_it_with_its_intake(client, postcodes, settings):
    intake = _submitted(client)
    client.post(_opt_in_url(client, intake), OPT_IN_POST)
    Intake.objects.filter(pk=intake.pk).update(updated_at=retention.retention_cutoff() - timedelta(days=1))
    assert intake.pk not in retention.expired_intake_ids()  # consent given, not withdrawn: kept
    profile = PartnerProfile.objects.get()
    partner_profile_withdraw(profile=profile)
    assert intake.pk in retention.expired_intake_ids()
    retention.intake_anonymise(intake_id=intake.pk)
    profile.refresh_from_db()
    assert profile.anonymised_at is not None and profile.company_name == "" and profile.email == ""
