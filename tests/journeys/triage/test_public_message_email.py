"""A public message reaches the entrepreneur: an outbox row in their language, never to an unsubscribed address."""

import pytest
from django.core import mail
from django.urls import reverse

from journeys.followups.dispatch import send_followup
from journeys.followups.emails import render_email
from journeys.followups.services import email_unsubscribe
from journeys.models import FollowUp, FollowUpKind, RequestEvent
from journeys.triage import services
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_request(cast):
    return SupportRequestFactory(hub=cast.hub_a, intake__language="en", intake__contact_name="Kees",
                                 intake__email="kees@example.nl")


def test_it_puts_the_message_in_the_outbox_with_the_request(cast, english_request, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        event = services.request_post_public_update(support_request=english_request, actor=cast.staff_a,
                                                    text="We called you; shall we meet on Monday?")

    followup = FollowUp.objects.get(kind=FollowUpKind.PUBLIC_MESSAGE)
    assert followup.support_request == english_request
    assert followup.recipient == "kees@example.nl"
    assert followup.language == "en"
    assert followup.payload == {"event_id": event.pk}  # the text stays on the timeline, not in the outbox
    assert len(callbacks) >= 1  # sent right after commit, not at the next beat tick
    assert RequestEvent.objects.filter(request=english_request, kind=RequestEvent.Kind.EMAIL_SCHEDULED).exists()


def test_the_mail_carries_the_message_the_status_link_and_an_unsubscribe_link(cast, english_request):
    services.request_post_public_update(support_request=english_request, actor=cast.staff_a,
                                        text="We called you; shall we meet on Monday?")
    message = render_email(FollowUp.objects.get(kind=FollowUpKind.PUBLIC_MESSAGE))

    assert message.to == ["kees@example.nl"]
    assert message.subject == f"A message about your request {english_request.reference}"
    assert "Dear Kees" in message.body
    assert "We called you; shall we meet on Monday?" in message.body
    assert f"/status/{english_request.status_token}/" in message.body
    assert "/afmelden/" in message.body and "/afmelden/" in message.alternatives[0][0]


def test_a_dutch_entrepreneur_gets_it_in_dutch(cast):
    services.request_post_public_update(support_request=cast.request_a, actor=cast.staff_a, text="Wij bellen u.")
    message = render_email(FollowUp.objects.get(kind=FollowUpKind.PUBLIC_MESSAGE))

    assert message.subject.startswith("Een bericht over uw hulpvraag")
    assert "Wij bellen u." in message.body


def test_an_unsubscribed_address_gets_no_mail_but_the_message_is_posted(cast, english_request):
    email_unsubscribe(email="Kees@Example.nl")

    event = services.request_post_public_update(support_request=english_request, actor=cast.staff_a, text="Hi")

    assert event.is_public
    assert not FollowUp.objects.filter(kind=FollowUpKind.PUBLIC_MESSAGE).exists()


def test_it_is_sent_by_the_dispatcher_and_not_after_an_unsubscribe(cast, english_request):
    services.request_post_public_update(support_request=cast.request_a, actor=cast.staff_a, text="Tot maandag")
    services.request_post_public_update(support_request=english_request, actor=cast.staff_a, text="See you")
    dutch, english = FollowUp.objects.filter(kind=FollowUpKind.PUBLIC_MESSAGE).order_by("pk")
    email_unsubscribe(email="kees@example.nl")  # between scheduling and sending

    send_followup(followup_id=dutch.pk)
    send_followup(followup_id=english.pk)

    dutch.refresh_from_db()
    english.refresh_from_db()
    assert dutch.state == "sent"
    assert english.state == "cancelled" and english.cancel_reason == "unsubscribed"
    assert [m.to for m in mail.outbox] == [[cast.request_a.intake.email]]
    assert "Tot maandag" in mail.outbox[0].body


def test_the_status_page_links_to_the_route(client, cast):
    page = client.get(reverse("journeys:request-status", args=[cast.request_a.status_token])).content.decode()

    route = reverse("journeys:intake-result", args=[cast.request_a.intake.public_id])
    assert f'href="{route}"' in page
