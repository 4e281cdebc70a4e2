import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from journeys.followups import dispatch, services
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


def _links_from_sent_survey(support_request) -> dict[str, str]:
    services.followup_schedule_survey(support_request=support_request)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        dispatch.dispatch_due()
    links = {}
    for line in mail.outbox[0].body.splitlines():
        label, _, url = line.partition(": ")
        if url.startswith("http"):
            links[label] = url.removeprefix("http://127.0.0.1:8000")
    return links


def test_a_link_from_the_mail_shows_a_confirm_page_and_does_not_answer_by_itself(client):
    support_request = SupportRequestFactory()
    links = _links_from_sent_survey(support_request)

    response = client.get(links["Ja"])

    assert response.status_code == 200
    assert re.search(r'<input[^>]*value="ja"[^>]*checked', response.content.decode())
    support_request.refresh_from_db()
    assert support_request.survey_answered_at is None


def test_an_answer_is_stored_once_and_a_second_click_says_already_answered(client):
    support_request = SupportRequestFactory()
    links = _links_from_sent_survey(support_request)

    response = client.post(links["4"], {"rating": "4", "helped": "ja"})
    assert "Dank u wel" in response.content.decode()

    again = client.get(links["Nee"])
    assert "al beantwoord" in again.content.decode()
    late_post = client.post(links["1"], {"rating": "1"})
    assert "al beantwoord" in late_post.content.decode()

    support_request.refresh_from_db()
    assert (support_request.survey_helped, support_request.survey_rating) == (True, 4)


def test_an_empty_answer_shows_an_error_linked_to_the_form(client):
    support_request = SupportRequestFactory()
    links = _links_from_sent_survey(support_request)

    response = client.post(links["Ja"], {})

    assert response.status_code == 200
    assert "Kies ja of nee, of geef een cijfer." in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()


def test_a_forged_or_expired_link_is_refused(client, settings):
    support_request = SupportRequestFactory()
    links = _links_from_sent_survey(support_request)

    assert client.get("/enquete/eyJyIjoxfQ:forged:sig/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=15 + settings.FOLLOWUP_SURVEY_LINK_DAYS + 1)):
        assert client.get(links["Ja"]).status_code == 404
