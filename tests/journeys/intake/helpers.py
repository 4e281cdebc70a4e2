"""Shared set-up for the intake tests: a small map (two provinces, a split PC4) and complete answers."""

import pytest

from tests.factories.catalogue import HubFactory, MunicipalityFactory, PostcodeAreaFactory, ProvinceFactory

STEP_POSTS = {
    "bedrijf": {"company_name": "Houtwerk B.V.", "kvk_number": "12345678", "postcode": "3511 ab",
                "company_size": "small"},
    "sector": {"sectors": ["construction", "furniture"]},
    "waar-staat-u": {"self_assessment": "investigating"},
    "wat-doet-u-al": {"practice": "measures"},
    "hulp": {"help_wanted": ["feasibility"]},
    "onderwerp": {"themes": ["chain", "financing"]},
    "bedrijfsonderdeel": {"business_areas": ["chain_cooperation", "reuse"]},
    "materialen": {"materials": ["wood"], "material_volume": "niche"},
    "drijfveren": {"drivers": ["cost_saving"]},
    "belemmeringen": {"barriers": ["need_supervisor"]},
    "keten": {"chain_partners": "3", "chain_smes": "4", "chain_large": "0"},
    "keten-rollen": {"chain_roles": ["supplier", "producer", "recycler"]},
    "keten-afspraken": {"chain_started": "yes", "chain_director": "no", "commitment_signed": "yes",
                        "joint_plan": "unknown"},
    "keten-omvang": {"processing_in_province": "yes", "chain_scale": "regional"},
    # Not an intake step: the contact request's form on the route page (see request_contact).
    "contact": {"contact_name": "Anna de Vries", "email": "anna@houtwerk.example", "phone": "",
                "preferred_contact": "email", "consent_share": "on", "followup_opt_in": "on"},
}
CONTACT_POST = STEP_POSTS["contact"]


@pytest.fixture(name="geo")
def geo_fixture(db):
    """Utrecht (with a hub) and Gelderland (without); PC4 3511 in Utrecht, 4100 split over two."""
    utrecht = ProvinceFactory(code="PV26", name="Utrecht", display_name="Utrecht")
    gelderland = ProvinceFactory(code="PV25", name="Gelderland", display_name="Gelderland")
    city = MunicipalityFactory(code="GM0344", name="Utrecht", province=utrecht)
    culemborg = MunicipalityFactory(code="GM0216", name="Culemborg", province=gelderland)
    buren = MunicipalityFactory(code="GM0214", name="Buren", province=gelderland)
    PostcodeAreaFactory(pc4="3511", municipality=city)
    PostcodeAreaFactory(pc4="4100", municipality=culemborg)
    PostcodeAreaFactory(pc4="4100", municipality=buren)
    PostcodeAreaFactory(pc4="4101", municipality=culemborg)
    hub = HubFactory(slug="utrecht", name="Circulair Utrecht", email="loket@utrecht.example",
                     phone="030 123 45 67", response_target_days=3, provinces=[utrecht],
                     next_steps="Wij bellen u binnen drie werkdagen.")
    national = HubFactory(national=True, email="loket@versnellingshuis.example")
    return {"utrecht": utrecht, "gelderland": gelderland, "city": city, "culemborg": culemborg, "buren": buren,
            "hub": hub, "national": national}


def complete_intake(client, overrides: dict | None = None) -> None:
    """Walk through every step with the test client, as a browser without JavaScript would.

    ``overrides`` are answers by step slug; every step is also sent the answers meant for others (a form
    ignores what is not its own), so an override keyed by a step from before a page was split still counts.
    """
    from django.urls import reverse

    overrides = overrides or {}
    every_override = {key: value for answers in overrides.values() for key, value in answers.items()}
    url = reverse("journeys:intake-start")
    response = client.get(url)
    while response.status_code == 302 and "/intake/" in response["Location"]:
        url = response["Location"]
        slug = url.rstrip("/").split("/")[-1]
        if slug == "controleren":
            return
        response = client.post(url, {**STEP_POSTS.get(slug, {}), **every_override, **overrides.get(slug, {})})
    raise AssertionError(f"Stuck at {url}: {response.status_code}")


def request_contact(client, intake, **changes):
    """Send the contact request's form for a submitted intake, as the entrepreneur does on the route page."""
    from django.urls import reverse

    url = reverse("journeys:intake-request-contact", args=[intake.public_id])
    return client.post(url, {**CONTACT_POST, **changes})
