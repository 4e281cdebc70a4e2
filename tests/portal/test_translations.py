"""The English catalogue is complete, keeps every placeholder, is compiled, and is what English visitors see."""

import re
from pathlib import Path

import polib
import pytest

from tests.factories.catalogue import SchemeFactory

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE / "django.po"
MO_PATH = LOCALE / "django.mo"

# %(name)s, %s, %d, %%; {name} for str.format; HTML tags. "< 5" is text, not a tag.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr%]|\{[A-Za-z_0-9]*\}|</?[A-Za-z][^<>]*>")


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO_PATH))


def _live(po):
    return [e for e in po if not e.obsolete]


def _pairs(entry):
    """(source, translation) pairs: the singular and plural forms of a plural entry are checked separately."""
    if entry.msgid_plural:
        return [(entry.msgid, entry.msgstr_plural.get(0, "")), (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
    return [(entry.msgid, entry.msgstr)]


def _catalogue(entries):
    result = {}
    for e in entries:
        key = (e.msgctxt, e.msgid, e.msgid_plural or None)
        result[key] = tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr
    return result


def test_it_translates_every_entry(po):
    untranslated = [e.msgid for e in _live(po) if not e.translated()]

    assert untranslated == []
    assert len(_live(po)) > 100  # the real catalogue, not an empty file that passes trivially


def test_it_has_no_fuzzy_entries_or_fuzzy_header(po):
    assert [e.msgid for e in po.fuzzy_entries()] == []
    # msgfmt drops a fuzzy header, and with it Plural-Forms: English plurals would then break.
    assert "fuzzy" not in po.metadata_is_fuzzy
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_it_keeps_placeholders_and_tags_identical(po):
    wrong = []
    for entry in _live(po):
        for source, translation in _pairs(entry):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                wrong.append((source, translation))

    assert wrong == []


def test_it_keeps_leading_and_trailing_whitespace(po):
    def edges(text):
        return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]

    wrong = [(s, t) for e in _live(po) for s, t in _pairs(e) if edges(s) != edges(t)]

    assert wrong == []


def test_it_formats_every_python_format_entry_with_its_own_placeholders(po):
    """Formatting with the msgid's names must work on the msgstr too (catches '%(name)' without 's', stray '%')."""
    for entry in _live(po):
        if "python-format" not in entry.flags:
            continue
        for source, translation in _pairs(entry):
            names = dict.fromkeys(re.findall(r"%\(([^)]+)\)", source), 1)
            if names:
                assert translation % names, (source, translation)
            elif re.search(r"%[sdif]", source):
                assert translation % tuple(1 for _ in re.findall(r"%[sdif]", source)), (source, translation)


def test_it_ships_a_compiled_catalogue_equal_to_the_po(po):
    mo = polib.mofile(str(MO_PATH))

    # msgfmt leaves out untranslated and fuzzy entries; with none of those, both maps must be the same.
    assert _catalogue(mo) == _catalogue(e for e in _live(po) if e.translated())


@pytest.mark.django_db
class TestEnglishPages:
    @pytest.fixture
    def english(self, client):
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        assert response.status_code == 302
        return client

    def test_it_shows_the_home_page_in_english(self, english):
        html = english.get("/").content.decode()

        assert '<html lang="en">' in html
        assert "<h1>Help with your next circular step</h1>" in html
        assert "Start the questions" in html
        assert "Hulp bij uw volgende circulaire stap" not in html

    def test_it_keeps_dutch_for_visitors_who_did_not_choose(self, client):
        html = client.get("/").content.decode()

        assert '<html lang="nl">' in html
        assert "<h1>Hulp bij uw volgende circulaire stap</h1>" in html

    def test_it_shows_the_catalogue_in_english(self, english):
        SchemeFactory(name="Circulaire Ketenregie")

        html = english.get("/regelingen/").content.decode()

        assert "<h1>Schemes and help for circular business</h1>" in html
        assert "1 scheme found" in html
        assert "Regelingen en hulp voor circulair ondernemen" not in html

    def test_it_shows_a_scheme_page_in_english(self, english):
        scheme = SchemeFactory(chain_subsidy=True)

        html = english.get(f"/regelingen/{scheme.slug}/").content.decode()

        assert "<h2>Can you apply now?</h2>" in html
        assert "<h2>What it costs and what you get</h2>" in html
        assert "50% of the costs" in html
        assert "Kunt u nu aanvragen?" not in html

    def test_it_starts_the_intake_in_english(self, english):
        start = english.get("/intake/")
        assert start.status_code == 302

        html = english.get(start["Location"]).content.decode()

        assert "Which business is this about?" in html
        assert "Name of your business" in html
        assert "Save and continue later" in html
        assert "Over welk bedrijf gaat het?" not in html
