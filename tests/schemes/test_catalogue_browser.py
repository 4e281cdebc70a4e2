import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories.catalogue import (
    HubFactory,
    MunicipalityFactory,
    PostcodeAreaFactory,
    ProvinceFactory,
    SchemeFactory,
)
from tests.support import screenshots
from tests.support.axe import assert_accessible, assert_accessible_without_javascript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    SchemeFactory(name="Ketenregie voor koplopers", stages=["frontrunner"], themes=["chain"], kind="process_support")
    SchemeFactory(name="Workshop voor starters", stages=["starter"], themes=["knowledge"], kind="workshop")
    province = ProvinceFactory(code="PV21", name="Friesland", display_name="Fryslân")
    PostcodeAreaFactory(pc4="8911", municipality=MunicipalityFactory(name="Leeuwarden", province=province))
    HubFactory(name="Vereniging Circulair Fryslân", provinces=[province])
    HubFactory(national=True)


def test_it_filters_with_javascript_without_reloading_and_keeps_the_url(page, live_server, catalogue):
    page.goto(live_server.url + reverse("schemes:catalogue"))
    assert_accessible(page)
    page.evaluate("window.__marker = 'same page'")

    page.get_by_label("Koploper").check()
    page.wait_for_url("**stage=frontrunner**")

    results = page.locator("#results")
    results.get_by_text("1 regeling gevonden").wait_for()
    expect(results.get_by_text("Ketenregie voor koplopers")).to_be_visible()
    assert results.get_by_text("Workshop voor starters").count() == 0
    assert page.evaluate("window.__marker") == "same page"
    assert_accessible(page)

    results.get_by_role("link", name="Ketenregie voor koplopers").click()
    page.get_by_role("heading", name="Kunt u nu aanvragen?").wait_for()
    assert_accessible(page)
    screenshots.save(page, "catalogue-detail")


def test_it_filters_without_javascript_through_the_form(no_js_page, live_server, catalogue):
    page = no_js_page
    page.goto(live_server.url + reverse("schemes:catalogue"))
    assert_accessible_without_javascript(page)

    page.get_by_label("Starter").check()
    page.get_by_role("button", name="Toon regelingen").click()

    # Without JavaScript each click is a full page load: expect() waits for it, is_visible() would not.
    expect(page).to_have_url(re.compile(r"stage=starter"))
    expect(page.locator("#results").get_by_text("Workshop voor starters")).to_be_visible()
    assert page.locator("#results").get_by_text("Ketenregie voor koplopers").count() == 0
    assert_accessible_without_javascript(page)
    page.get_by_role("link", name="Workshop voor starters").click()
    expect(page.get_by_role("heading", name="Kunt u nu aanvragen?")).to_be_visible()
    assert_accessible_without_javascript(page)


def test_the_hub_lookup_is_accessible_and_answers_why(page, live_server, catalogue):
    page.goto(live_server.url + reverse("schemes:hubs"))
    page.get_by_label("Postcode van uw bedrijf").fill("8911 AB")
    page.get_by_role("button", name="Zoek mijn loket").click()

    page.get_by_role("heading", name="Uw loket: Vereniging Circulair Fryslân").wait_for()
    expect(page.get_by_text("helpt bedrijven in de provincie Fryslân, waar Leeuwarden ligt")).to_be_visible()
    assert "postcode=8911" in page.url
    assert_accessible(page)
    # A postcode is seven characters: the short input shows that (10rem = 160 px at the default font size).
    assert page.get_by_label("Postcode van uw bedrijf").bounding_box()["width"] <= 160


def test_it_restores_the_whole_page_when_going_back_after_a_filter(page, live_server, catalogue):
    # historyCacheSize is 0, so Back asks the server again with HX-History-Restore-Request.
    page.goto(live_server.url + reverse("schemes:catalogue"))
    page.get_by_label("Koploper").check()
    page.wait_for_url("**stage=frontrunner**")
    expect(page.locator("#results").get_by_text("1 regeling gevonden")).to_be_visible()
    page.get_by_role("link", name="Ketenregie voor koplopers").click()
    expect(page.get_by_role("heading", name="Kunt u nu aanvragen?")).to_be_visible()

    page.go_back()

    expect(page).to_have_url(re.compile(r"stage=frontrunner"))
    expect(page.locator("#results").get_by_text("1 regeling gevonden")).to_be_visible()
    # The layout came back too, not just the swapped fragment.
    expect(page.get_by_role("banner")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_label("Koploper")).to_be_checked()


def test_it_fits_a_320_px_screen_without_sideways_scrolling(page, live_server, catalogue):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + reverse("schemes:catalogue") + "?q=hout")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
