"""Partner organisations in the catalogue: public page, open-data API, admin, import/export and seed data."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.roles import ensure_catalogue_admin_group
from schemes.models import PartnerOrganisation
from schemes.transfer import STARTER_CATALOGUE, catalogue_export, catalogue_import
from tests.factories.catalogue import PartnerOrganisationFactory, ProvinceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_lists_active_partners_on_the_public_page_without_the_referral_address(client):
    PartnerOrganisationFactory(name="Circulair Testland", referrals=True, website="https://partner.example")
    PartnerOrganisationFactory(name="Oude partner", is_active=False)

    response = client.get(reverse("schemes:partners"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Circulair Testland" in body and "https://partner.example" in body
    assert "Oude partner" not in body
    assert "doorverwijzing@" not in body


def test_it_says_unknown_contact_details_are_unknown(client):
    PartnerOrganisationFactory(name="Zonder gegevens", is_national=False)

    body = client.get(reverse("schemes:partners")).content.decode()

    assert "Nog niet bekend. Vraag uw loket om de contactgegevens." in body
    assert "Werkgebied" in body and "Nog niet bekend" in body


def test_the_api_publishes_partners_with_unknowns_as_null_and_never_the_referral_address(client):
    province = ProvinceFactory(code="PV21", name="Friesland")
    PartnerOrganisationFactory(slug="fries", name="Fries", is_national=False, provinces=[province],
                               themes=["networks"], referrals=True)

    response = client.get("/api/v1/partners/")

    assert response.status_code == 200 and "ETag" in response
    [row] = response.json()["results"]
    assert row["slug"] == "fries" and row["provinces"] == ["PV21"] and row["themes"] == ["networks"]
    assert row["website"] is None and row["email"] is None and row["phone"] is None
    assert row["accepts_referrals"] is True
    assert "referral_email" not in row and "doorverwijzing@" not in response.content.decode()


def test_a_catalogue_admin_adds_a_partner_and_a_referral_address_is_required_to_accept_referrals(client):
    admin = UserFactory(username="rosa", is_staff=True)
    admin.groups.add(ensure_catalogue_admin_group())
    client.force_login(admin)
    url = reverse("admin:schemes_partnerorganisation_add")
    data = {"name": "Omgevingsdienst Test", "slug": "od-test", "kind": "environment_service", "is_national": "on",
            "themes": ["regulation"], "accepts_referrals": "on", "referral_email": "", "is_active": "on"}

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Vul het e-mailadres in waar de partner doorverwijzingen ontvangt." in refused.content.decode()

    accepted = client.post(url, {**data, "referral_email": "intake@od.example"})
    assert accepted.status_code == 302
    partner = PartnerOrganisation.objects.get(slug="od-test")
    assert partner.themes == ["regulation"] and partner.takes_referrals
    assert partner.history.count() == 1


def test_export_and_import_carry_partners_round_trip():
    province = ProvinceFactory(code="PV21", name="Friesland")
    PartnerOrganisationFactory(slug="fries", name="Fries", is_national=False, provinces=[province],
                               barriers=["regulation"])
    exported = catalogue_export()
    assert [p["slug"] for p in exported["partners"]] == ["fries"]
    PartnerOrganisation.objects.all().delete()

    result = catalogue_import(data=exported)

    partner = PartnerOrganisation.objects.get(slug="fries")
    assert list(partner.provinces.values_list("code", flat=True)) == ["PV21"]
    assert partner.barriers == ["regulation"]
    assert result.partners["created"] == 1
    assert catalogue_import(data=exported).partners == {"created": 0, "updated": 0, "unchanged": 1}


def test_import_refuses_unknown_codes_in_a_partner_and_writes_nothing():
    from django.core.exceptions import ValidationError

    data = {"format": "circulair-loket-catalogue", "version": 1,
            "partners": [{"slug": "x", "name": "X", "kind": "financier", "themes": ["geen-thema"]}]}

    with pytest.raises(ValidationError) as error:
        catalogue_import(data=data)

    assert any("geen-thema" in message for message in error.value.messages)
    assert not PartnerOrganisation.objects.exists()


def test_the_starter_catalogue_seeds_the_partners_the_sources_name_without_invented_contact_details():
    call_command("load_geography", verbosity=0)
    call_command("load_starter_catalogue", verbosity=0)

    partners = {p.slug: p for p in PartnerOrganisation.objects.all()}
    assert {"circulair-friesland", "platform-cb23", "invest-nl", "omgevingsdienst", "squarewise"} <= set(partners)
    for partner in partners.values():
        assert partner.source_note.startswith("[0"), partner.slug  # every partner carries its source tag
        assert not (partner.website or partner.email or partner.phone or partner.referral_email), partner.slug
    assert list(partners["circulair-friesland"].provinces.values_list("code", flat=True)) == ["PV21"]
    seeded = json.loads(STARTER_CATALOGUE.read_text(encoding="utf-8"))["partners"]
    assert len(seeded) == len(partners)
