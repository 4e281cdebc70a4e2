"""Catalogue health (issue 14.2): each rule on a frozen date, the page, the JSON export and who may see them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from portal.roles import ensure_catalogue_admin_group
from schemes.catalogue_health.rules import catalogue_health, months_before
from tests.factories.catalogue import ApplicationRoundFactory, HubFactory, ProvinceFactory, SchemeFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)
NOON = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
CHECKED = {"last_verified_on": dt.date(2026, 11, 1), "url": "https://www.rvo.nl/x", "name_en": "x",
           "summary_en": "x"}


def _rules(slug: str) -> set[str]:
    return {f.rule for f in catalogue_health(today=TODAY) if f.slug == slug}


@pytest.fixture
def catalogue_admin():
    user = UserFactory(username="rosa", is_staff=True)
    user.groups.add(ensure_catalogue_admin_group())
    return user


def test_months_before_clamps_to_the_end_of_a_shorter_month():
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 2) == dt.date(2025, 11, 15)


def test_a_healthy_scheme_has_no_findings():
    SchemeFactory(slug="gezond", **CHECKED)
    assert _rules("gezond") == set()


def test_never_verified_and_verified_too_long_ago(settings):
    settings.CATALOGUE_VERIFY_MONTHS = 6
    SchemeFactory(slug="nooit", **{**CHECKED, "last_verified_on": None})
    SchemeFactory(slug="oud", **{**CHECKED, "last_verified_on": dt.date(2026, 5, 31)})
    SchemeFactory(slug="net", **{**CHECKED, "last_verified_on": dt.date(2026, 6, 1)})
    HubFactory(slug="loket-nooit", provinces=[ProvinceFactory()])

    assert _rules("nooit") == _rules("oud") == {"not_verified"}
    assert _rules("net") == set()
    assert "not_verified" in _rules("loket-nooit")
    settings.CATALOGUE_VERIFY_MONTHS = 12
    assert _rules("oud") == set()


def test_published_without_a_link_and_without_a_reason():
    SchemeFactory(slug="kaal", **{**CHECKED, "url": ""})
    SchemeFactory(slug="met-reden", **{**CHECKED, "url": "", "no_link_reason": "Alleen via het loket."},
                  no_link_reason_en="Only through the hub.")
    SchemeFactory(slug="concept", draft=True, **{**CHECKED, "url": ""})

    assert _rules("kaal") == {"no_link"}
    assert _rules("met-reden") == _rules("concept") == set()


def test_valid_until_passed():
    SchemeFactory(slug="verlopen", valid_until=dt.date(2026, 11, 30), **CHECKED)
    SchemeFactory(slug="vandaag", valid_until=TODAY, **CHECKED)

    assert _rules("verlopen") == {"expired"}
    assert _rules("vandaag") == set()


def test_a_recurring_scheme_with_no_round_for_the_coming_year():
    stale = SchemeFactory(slug="ckp", **CHECKED)
    for year in (2023, 2024):
        ApplicationRoundFactory(scheme=stale, opens_on=dt.date(year, 4, 1), closes_on=dt.date(year, 9, 1))
    announced = SchemeFactory(slug="aangekondigd", **CHECKED)
    for year in (2024, 2025, 2027):
        ApplicationRoundFactory(scheme=announced, opens_on=dt.date(year, 4, 1), closes_on=dt.date(year, 9, 1))
    once = SchemeFactory(slug="eenmalig", **CHECKED)
    ApplicationRoundFactory(scheme=once, opens_on=dt.date(2025, 1, 30), closes_on=dt.date(2025, 4, 8))

    assert _rules("ckp") == {"no_next_round"}
    assert _rules("aangekondigd") == _rules("eenmalig") == set()


def test_a_round_opening_or_closing_within_14_days():
    opening = SchemeFactory(slug="opent", **CHECKED)
    ApplicationRoundFactory(scheme=opening, opens_on=dt.date(2026, 12, 15), closes_on=dt.date(2027, 3, 1))
    closing = SchemeFactory(slug="sluit", **CHECKED)
    ApplicationRoundFactory(scheme=closing, opens_on=dt.date(2026, 9, 1), closes_on=dt.date(2026, 12, 14))
    later = SchemeFactory(slug="later", **CHECKED)
    ApplicationRoundFactory(scheme=later, opens_on=dt.date(2026, 12, 16), closes_on=dt.date(2027, 3, 1))

    assert _rules("opent") == _rules("sluit") == {"round_soon"}
    assert _rules("later") == set()


def test_hubs_with_placeholder_contact_details():
    HubFactory(slug="voorbeeld", contact_is_placeholder=True, last_verified_on=TODAY, provinces=[ProvinceFactory()])
    HubFactory(slug="echt", last_verified_on=TODAY, provinces=[ProvinceFactory()])

    assert _rules("voorbeeld") == {"placeholder_contact"}
    assert _rules("echt") == set()


def test_texts_without_an_english_version():
    SchemeFactory(slug="alleen-nl", **{**CHECKED, "summary_en": ""})
    SchemeFactory(slug="kosten-nl", cost_note="U betaalt zelf.", **CHECKED)
    HubFactory(slug="hub-nl", description="Wij helpen.", last_verified_on=TODAY, provinces=[ProvinceFactory()])

    assert _rules("alleen-nl") == _rules("kosten-nl") == _rules("hub-nl") == {"no_english"}


@time_machine.travel(NOON, tick=False)
def test_the_page_and_json_list_each_finding_with_a_link_to_its_change_page(client, catalogue_admin):
    scheme = SchemeFactory(slug="kaal", name="Kale regeling", **{**CHECKED, "url": ""})
    client.force_login(catalogue_admin)

    page = client.get(reverse("schemes:catalogue-health"))
    export = client.get(reverse("schemes:catalogue-health-json"))

    change = reverse("admin:schemes_scheme_change", args=[scheme.pk])
    assert page.status_code == 200 and change in page.content.decode()
    assert "Gepubliceerd zonder officiële link" in page.content.decode()
    data = export.json()
    assert data["date"] == "2026-12-01" and data["count"] == 1
    assert data["findings"][0] == {"rule": "no_link", "kind": "scheme", "slug": "kaal", "name": "Kale regeling",
                                   "detail": "Vul een officiële link in, of schrijf waarom er geen is.",
                                   "change_url": change}


def test_only_catalogue_admins_see_the_health_page(client):
    hub_staff = UserFactory(username="loketmedewerker")
    HubFactory(staff=[hub_staff], provinces=[ProvinceFactory()])

    assert client.get(reverse("schemes:catalogue-health")).status_code == 302
    client.force_login(hub_staff)
    assert client.get(reverse("schemes:catalogue-health")).status_code == 403
    assert client.get(reverse("schemes:catalogue-health-json")).status_code == 403
