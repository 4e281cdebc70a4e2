"""Every e-mail renders in Dutch and in English, as text and HTML, with no template left unfilled."""

import pytest
from django.utils import timezone

from journeys.followups.emails import render_email
from journeys.models import FollowUp, FollowUpKind
from tests.factories.catalogue import SchemeFactory
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    FollowUpKind.REQUEST_CONFIRMATION: ("Wij hebben uw hulpvraag", "We received your request"),
    FollowUpKind.INTAKE_REMINDER: ("Maak uw intake", "Finish your intake"),
    FollowUpKind.RESUME_LINK: ("Ga verder met uw vragen", "Continue your questions"),
    FollowUpKind.SURVEY: ("Heeft dit u geholpen?", "Did this help you?"),
    FollowUpKind.SCHEME_ALERT: ("Sluit binnenkort", "Closes soon"),
    FollowUpKind.PUBLIC_MESSAGE: ("Een bericht over uw hulpvraag", "A message about your request"),
    FollowUpKind.RESPONSE_DUE_SOON: ("Reactietermijn loopt bijna af", "Reactietermijn loopt bijna af"),
    FollowUpKind.RESPONSE_OVERDUE: ("Reactietermijn verlopen", "Reactietermijn verlopen"),
}


@pytest.mark.parametrize("kind", list(EXPECTED))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_renders_every_mail_in_both_languages(kind, language):
    support_request = SupportRequestFactory(intake__matches=[{"name": "Regeling <Test>"}], intake__contact_name="Anna")
    audience = FollowUp.Audience.STAFF if kind.startswith("response") else FollowUp.Audience.ENTREPRENEUR
    followup = FollowUp.objects.create(
        kind=kind, audience=audience, recipient="a@example.nl", language=language, due_at=timezone.now(),
        idempotency_key=f"t:{kind}:{language}", support_request=support_request, intake=support_request.intake,
        scheme=SchemeFactory(name="Ketenregeling & co"),
        payload={"resume_url": "http://127.0.0.1:8000/intake/verder/x/", "days": 30, "event": "closing",
                 "opens_on": "2026-01-01", "closes_on": "2026-03-20"},
    )

    message = render_email(followup)
    html = message.alternatives[0][0]

    expected = EXPECTED[kind][language == "en"]
    assert expected in message.subject
    for body in (message.body, html):
        assert "{{" not in body and "{%" not in body
    assert f'<html lang="{language}">' in html
    assert "&lt;Test&gt;" not in message.body  # text mail is not HTML-escaped
    if kind == FollowUpKind.REQUEST_CONFIRMATION:
        assert "Regeling &lt;Test&gt;" in html
    if audience == FollowUp.Audience.ENTREPRENEUR:
        assert "/afmelden/" in message.body and "/afmelden/" in html


def test_an_english_mail_names_schemes_in_english_where_the_catalogue_has_a_translation():
    support_request = SupportRequestFactory(intake__language="en", intake__matches=[
        {"name": "Subsidie Circulaire Ketenprojecten", "name_en": "Circular Chain Projects Subsidy"},
        {"name": "Regeling zonder vertaling", "name_en": ""},
    ])
    followup = FollowUp.objects.create(
        kind=FollowUpKind.REQUEST_CONFIRMATION, audience=FollowUp.Audience.ENTREPRENEUR, recipient="a@example.nl",
        language="en", due_at=timezone.now(), idempotency_key="t:en-names", support_request=support_request,
        intake=support_request.intake,
    )

    message = render_email(followup)

    assert "- Circular Chain Projects Subsidy" in message.body
    assert "Subsidie Circulaire Ketenprojecten" not in message.body
    assert "- Regeling zonder vertaling" in message.body  # no translation yet: the Dutch name, not a gap
