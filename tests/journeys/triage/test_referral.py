import pytest
from django.urls import reverse

from journeys.models.requests import RequestStatus

pytestmark = pytest.mark.django_db


def _refer(client, cast):
    client.force_login(cast.staff_a)
    return client.post(
        reverse("journeys:request-action", args=[cast.request_a.reference, "doorverwijzen"]),
        {"refer-version": 1, "refer-hub": cast.hub_b.pk, "refer-reason": "Het bedrijf zit in Groningen."},
    )


def test_it_moves_the_request_to_the_other_hubs_queue(client, cast):
    _refer(client, cast)
    client.force_login(cast.staff_b)
    queue = client.get(reverse("journeys:queue")).content.decode()
    assert cast.request_a.reference in queue
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()
    # The new hub sees the full history, including what happened before the referral.
    assert "Het bedrijf zit in Groningen." in page
    assert "Loket Utrecht" in page
    cast.request_a.refresh_from_db()
    assert (cast.request_a.hub, cast.request_a.status) == (cast.hub_b, RequestStatus.NEW)


def test_it_leaves_the_old_hub_a_read_only_trace(client, cast):
    _refer(client, cast)
    client.force_login(cast.staff_a)
    queue = client.get(reverse("journeys:queue")).content.decode()
    assert cast.request_a.reference not in queue
    passed_on = client.get(reverse("journeys:queue"), {"status": "passed_on"}).content.decode()
    assert cast.request_a.reference in passed_on
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference]))
    assert page.status_code == 200
    assert "U kunt meekijken, maar niets wijzigen." in page.content.decode()
    assert "Status wijzigen" not in page.content.decode()
    cast.request_a.refresh_from_db()
    response = client.post(
        reverse("journeys:request-action", args=[cast.request_a.reference, "notitie"]), {"note-text": "Nog één ding"}
    )
    assert response.status_code == 403
    assert not cast.request_a.events.filter(kind="note").exists()


def test_it_hides_the_request_again_from_a_hub_that_never_had_it(client, cast):
    _refer(client, cast)
    client.force_login(cast.admin)
    assert client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).status_code == 404


def test_the_old_hub_sees_what_it_saw_not_what_the_new_hub_did_after(client, cast):
    # Issue 15.10: the trace is of what the referring hub saw; the new hub's later work stays its own.
    _refer(client, cast)
    client.force_login(cast.staff_b)
    cast.request_a.refresh_from_db()
    client.post(reverse("journeys:request-action", args=[cast.request_a.reference, "notitie"]),
                {"note-version": cast.request_a.version, "note-text": "Groningen: eigen aantekening"})
    assert cast.request_a.events.filter(kind="note").exists()

    client.force_login(cast.staff_a)
    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()

    assert "Het bedrijf zit in Groningen." in page  # the referral itself, made by this hub
    assert "Groningen: eigen aantekening" not in page
    assert "wat daarna gebeurde, ziet u niet" in page
