"""The route page's cards: a link to the scheme page, one button to the official page, English where it exists."""

import pytest
from django.utils import timezone

from tests.factories.catalogue import SchemeFactory
from tests.factories.journeys import IntakeFactory

pytestmark = pytest.mark.django_db


def stored(scheme, group="now", **extra) -> dict:
    return {"scheme_id": scheme.pk, "slug": scheme.slug, "name": scheme.name, "name_en": "", "kind": scheme.kind,
            "summary": scheme.summary, "summary_en": "", "url": "", "group": group, "score": 1, "eligible": True,
            "fit": [], "criteria": [], "availability": {"status": "continuous"}, **extra}


def route(client, matches, language="nl"):
    intake = IntakeFactory(matches=matches, routing={}, submitted_at=timezone.now())
    client.cookies["django_language"] = language
    return client.get(f"/intake/route/{intake.public_id}/").content.decode()


def test_every_card_links_to_its_scheme_page_and_an_official_url_is_one_button(client):
    ckp = SchemeFactory(slug="ckp", name="Circulaire Ketenprojecten", url="https://www.rvo.nl/subsidies/ckp")
    plain = SchemeFactory(slug="plain", name="Zonder link", url="")

    html = route(client, [stored(ckp), stored(plain)])

    assert '<a href="/regelingen/ckp/">Circulaire Ketenprojecten</a>' in html
    assert '<a href="/regelingen/plain/">Zonder link</a>' in html
    assert html.count('class="button" href="https://www.rvo.nl/subsidies/ckp"') == 1
    assert "Naar de regeling bij RVO" in html
    assert html.count("Naar de website van") == 0


def test_a_link_added_to_the_catalogue_later_shows_on_an_older_route(client):
    scheme = SchemeFactory(slug="later-link", url="https://www.pianoo.nl/inkopersgroepen")
    html = route(client, [stored(scheme, url="")])
    assert 'href="https://www.pianoo.nl/inkopersgroepen"' in html and "Naar de website van pianoo.nl" in html


def test_english_pages_show_english_texts_and_say_when_a_text_is_only_dutch(client):
    english = SchemeFactory(slug="en", name="Ketenhulp", name_en="Chain help", summary="Hulp voor ketens.",
                            summary_en="Help for chains.")
    dutch = SchemeFactory(slug="nl", name="Alleen Nederlands", name_en="", summary="Alleen in het Nederlands.",
                          summary_en="")

    html = route(client, [stored(english), stored(dutch)], language="en")

    assert "Chain help" in html and "Help for chains." in html and "Hulp voor ketens." not in html
    assert '<p lang="nl">Alleen in het Nederlands.</p>' in html
    assert html.count("This text is only available in Dutch.") == 1
    assert "Available now: apply or use" in html  # the group heading, in English


def test_old_routes_without_groups_are_grouped_again(client):
    scheme = SchemeFactory(slug="old", kind="knowledge_tool")
    item = stored(scheme)
    del item["group"]
    assert "Om verder te lezen" in route(client, [item])
