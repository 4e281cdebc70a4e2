"""The first response is the first contact (a public message, a logged call or e-mail), never a status change."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from journeys.followups.scans import scan_response_targets
from journeys.insights.filters import InsightFilters
from journeys.insights.selectors import response_times
from journeys.models import FollowUp, RequestEvent, RequestStatus
from journeys.triage import services

pytestmark = pytest.mark.django_db


def test_a_status_change_alone_is_not_a_first_response(cast):
    request = services.request_change_status(support_request=cast.request_a, actor=cast.staff_a,
                                             version=cast.request_a.version, status=RequestStatus.TRIAGE)

    assert request.status == RequestStatus.TRIAGE
    assert request.first_response_at is None


def test_the_first_logged_contact_is_the_first_response_and_stays_it(cast):
    event = services.request_log_contact(support_request=cast.request_a, actor=cast.staff_a, channel="phone",
                                         note="Gebeld, afspraak gemaakt")
    cast.request_a.refresh_from_db()
    first = cast.request_a.first_response_at
    assert first == event.created_at
    assert event.kind == RequestEvent.Kind.CONTACT_LOGGED and event.data == {"channel": "phone"}
    assert not event.is_public  # what was said is internal

    services.request_log_contact(support_request=cast.request_a, actor=cast.staff_a, channel="email")
    services.request_post_public_update(support_request=cast.request_a, actor=cast.staff_a, text="Tot snel")
    cast.request_a.refresh_from_db()
    assert cast.request_a.first_response_at == first


def test_a_public_message_is_a_first_response(cast):
    event = services.request_post_public_update(support_request=cast.request_a, actor=cast.staff_a, text="Hallo")
    cast.request_a.refresh_from_db()

    assert cast.request_a.first_response_at == event.created_at


def test_it_refuses_an_unknown_channel_and_other_hubs(cast):
    with pytest.raises(ValidationError):
        services.request_log_contact(support_request=cast.request_a, actor=cast.staff_a, channel="fax")
    with pytest.raises(PermissionDenied):
        services.request_log_contact(support_request=cast.request_a, actor=cast.staff_b, channel="phone")


def test_staff_log_contact_on_the_request_page(client, cast):
    client.force_login(cast.staff_a)
    url = reverse("journeys:request-action", args=[cast.request_a.reference, "contact"])

    refused = client.post(url, {"contact-text": "Gebeld"})
    assert refused.status_code == 400
    assert "Kies hoe u contact had." in refused.content.decode()

    done = client.post(url, {"contact-channel": "email", "contact-text": "Gemaild"})
    assert done.status_code == 302
    cast.request_a.refresh_from_db()
    assert cast.request_a.first_response_at is not None
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()
    assert "Contact gelegd" in page


def test_the_overdue_scan_still_warns_after_a_status_change_without_contact(cast, settings):
    settings.FOLLOWUP_RESPONSE_WARNING_HOURS = 24
    request = cast.request_a
    request.due_at = timezone.now() - timedelta(hours=1)
    request.save(update_fields=["due_at"])
    services.request_change_status(support_request=request, actor=cast.staff_a, version=request.version,
                                   status=RequestStatus.TRIAGE)

    scan_response_targets()

    assert FollowUp.objects.filter(support_request=request, kind="response_overdue").exists()


def test_the_dashboard_counts_only_contact_as_answered(cast):
    services.request_change_status(support_request=cast.request_a, actor=cast.staff_a,
                                   version=cast.request_a.version, status=RequestStatus.TRIAGE)
    today = timezone.localdate()
    filters = InsightFilters(date_from=today - timedelta(days=30), date_to=today, hub_ids=None)

    before = response_times(filters)
    services.request_log_contact(support_request=cast.request_a, actor=cast.staff_a, channel="phone")
    after = response_times(filters)

    assert before.rows != after.rows  # the answered share moved only when contact was logged
