"""Issue 15.9: a staff note with a bidi override is stored and shown without it (no spoofed text)."""

import pytest
from django.urls import reverse

from journeys.models import RequestEvent

pytestmark = pytest.mark.django_db


def test_it_drops_bidi_overrides_from_an_internal_note(client, cast):
    client.force_login(cast.staff_a)
    url = reverse("journeys:request-action", args=[cast.request_a.reference, "notitie"])

    client.post(url, {"note-version": cast.request_a.version, "note-text": "Gebeld \u202eterug\u202c morgen"})

    texts = list(RequestEvent.objects.filter(request=cast.request_a).values_list("text", flat=True))
    assert "Gebeld terug morgen" in texts
    assert not any("\u202e" in text for text in texts)
