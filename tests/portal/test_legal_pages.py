"""The privacy and accessibility statements: complete, with periods from the settings, placeholders marked."""

import re

import pytest
from django.urls import reverse

from portal.accessibility import KNOWN_ISSUES

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r'<mark class="placeholder">\[In te vullen door de beheerder: ([^\]]+)\]</mark>')


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_covers_every_part_of_a_privacy_statement(client):
    html = client.get(reverse("privacy")).content.decode()

    for anchor in ("wie", "waarvoor", "wie-ziet", "bewaren", "rechten", "klacht", "cookies"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html, anchor
    text = _text(html)
    assert "verwerkingsverantwoordelijke" in text
    assert "Grondslag (AVG artikel 6)" in text
    assert "Uw toestemming (lid 1 sub a)" in text
    assert "uw gegevens laten verwijderen" in text
    assert 'href="https://autoriteitpersoonsgegevens.nl/"' in html
    assert "<code>sessionid</code>" in html


def test_it_takes_retention_periods_from_the_settings(client, settings):
    settings.RETENTION_MONTHS = 18
    settings.INTAKE_RESUME_DAYS = 12
    settings.FOLLOWUP_SURVEY_LINK_DAYS = 45

    text = _text(client.get(reverse("privacy")).content.decode())

    assert "Anoniem 18 maanden na uw laatste antwoord" in text
    assert "Anoniem 18 maanden nadat de hulpvraag is afgesloten" in text
    assert "Werkt 12 dagen" in text
    assert "De link werkt 45 dagen" in text


def test_it_marks_what_only_the_operator_can_fill_in(client, settings):
    settings.OPERATOR_NAME = ""
    settings.OPERATOR_EMAIL = ""
    html = client.get(reverse("privacy")).content.decode()
    missing = PLACEHOLDER.findall(html)
    assert "naam en adres van de organisatie die verantwoordelijk is" in missing
    assert "e-mailadres voor vragen over privacy" in missing
    assert "nog niet ingevuld" in html

    settings.OPERATOR_NAME = "Rijksdienst voor Voorbeelden, Postbus 1, 1000 AA Stad"
    settings.OPERATOR_EMAIL = "privacy@voorbeeld.example"
    html = client.get(reverse("privacy")).content.decode()
    missing = PLACEHOLDER.findall(html)
    assert "naam en adres van de organisatie die verantwoordelijk is" not in missing
    assert "e-mailadres voor vragen over privacy" not in missing
    assert "Rijksdienst voor Voorbeelden, Postbus 1, 1000 AA Stad" in html
    assert 'href="mailto:privacy@voorbeeld.example"' in html


def test_the_accessibility_statement_follows_the_dutch_model(client):
    html = client.get(reverse("accessibility")).content.decode()

    for anchor in ("verklaring", "status", "onderbouwing", "problemen", "contact", "handhaving"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html, anchor
    text = _text(html)
    assert "Besluit digitale toegankelijkheid overheid" in text
    assert "WCAG 2.1" in text
    assert "de status (A, B, C of D)" in text  # only the operator can set it: marked
    assert "ombudsman" in text


def test_it_lists_every_known_issue_with_its_dates(client):
    html = client.get(reverse("accessibility")).content.decode()
    rows = re.findall(r'<tr><th scope="row">(.*?)</tr>', html, flags=re.S)

    assert len(rows) == len(KNOWN_ISSUES)
    for issue, row in zip(KNOWN_ISSUES, rows, strict=True):
        assert str(issue.what) in _text(row).replace("&#x27;", "'")
        assert f"{issue.since.day} december {issue.since.year}" in row or str(issue.since.year) in row
        if issue.fixed is None:
            assert "geplande datum" in row
        else:
            assert "geplande datum" not in row


def test_both_statements_are_in_english_too(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    privacy = _text(client.get(reverse("privacy")).content.decode())
    accessibility = _text(client.get(reverse("accessibility")).content.decode())

    assert "Privacy statement" in privacy and "Legal basis (GDPR article 6)" in privacy
    assert "[To be filled in by the operator: name and address" in privacy
    assert "Accessibility statement" in accessibility and "Enforcement procedure" in accessibility
