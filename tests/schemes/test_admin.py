import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.roles import ensure_catalogue_admin_group
from schemes.models import Scheme
from tests.factories.catalogue import HubFactory, ProvinceFactory, SchemeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_admin():
    user = UserFactory(username="rosa", is_staff=True)
    user.groups.add(ensure_catalogue_admin_group())
    return user


def _scheme_post(**overrides):
    data = {
        "name": "Testregeling", "slug": "testregeling", "kind": "subsidy", "offer": "apply", "status": "draft",
        "summary": "Geld voor een keten.", "scope": "national", "allocation": "unknown",
        "rounds-TOTAL_FORMS": "1", "rounds-INITIAL_FORMS": "0", "rounds-MIN_NUM_FORMS": "0",
        "rounds-MAX_NUM_FORMS": "1000",
        "rounds-0-name": "2025", "rounds-0-opens_on": "2025-04-01", "rounds-0-closes_on": "2025-09-01",
        "rounds-0-budget_status": "open",
    }
    data.update(overrides)
    return data


def test_it_keeps_hub_staff_out_of_the_admin(client):
    hub_staff = UserFactory(username="loket-medewerker")
    HubFactory(staff=[hub_staff], provinces=[ProvinceFactory()])
    client.force_login(hub_staff)

    response = client.get(reverse("admin:schemes_scheme_changelist"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_it_lets_a_catalogue_admin_build_a_scheme_with_rounds(client, catalogue_admin):
    client.force_login(catalogue_admin)

    response = client.post(reverse("admin:schemes_scheme_add"), _scheme_post(stages=["peloton"], themes=["chain"]))

    assert response.status_code == 302, response.context["adminform"].form.errors
    scheme = Scheme.objects.get(slug="testregeling")
    assert scheme.stages == ["peloton"] and scheme.rounds.count() == 1
    assert scheme.history.first().history_user == catalogue_admin


def test_it_reads_a_link_typed_without_a_scheme_as_https(client, catalogue_admin):
    client.force_login(catalogue_admin)

    response = client.post(reverse("admin:schemes_scheme_add"), _scheme_post(url="www.rvo.nl/ckp"))

    assert response.status_code == 302
    assert Scheme.objects.get(slug="testregeling").url == "https://www.rvo.nl/ckp"


def test_it_explains_each_validation_error_in_dutch(client, catalogue_admin):
    client.force_login(catalogue_admin)

    response = client.post(reverse("admin:schemes_scheme_add"), _scheme_post(
        requires_consortium="on", consortium_min_smes="8", consortium_max_smes="7", funding_percentage="120",
        scope="regional", **{"rounds-0-closes_on": "2025-03-01"},
    ))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Het maximum aantal mkb&#x27;ers (7) is kleiner dan het minimum (8)" in text
    assert "Een vergoeding kan niet meer dan 100% van de kosten zijn" in text
    assert "Kies minstens één provincie of gemeente" in text
    assert "De sluitdatum (01-03-2025) ligt voor de openingsdatum (01-04-2025)" in text
    assert not Scheme.objects.filter(slug="testregeling").exists()


def test_it_publishes_in_bulk_and_keeps_who_did_it_in_the_history(client, catalogue_admin):
    drafts = SchemeFactory.create_batch(2, draft=True, url="https://www.rvo.nl/onderwerpen/test")
    client.force_login(catalogue_admin)

    client.post(reverse("admin:schemes_scheme_changelist"),
                {"action": "publish", "_selected_action": [s.pk for s in drafts]})

    for scheme in drafts:
        scheme.refresh_from_db()
        assert scheme.status == "published"
        latest = scheme.history.first()
        assert latest.history_user == catalogue_admin and latest.history_change_reason == "Gepubliceerd"
    history = client.get(reverse("admin:schemes_scheme_history", args=[drafts[0].pk]))
    assert "rosa" in history.content.decode()


def test_it_downloads_the_export_and_reports_import_errors_without_writing(client, catalogue_admin):
    SchemeFactory(slug="bestaand", name="Bestaand")
    client.force_login(catalogue_admin)

    export = client.get(reverse("admin:schemes_catalogue_export"))
    data = json.loads(export.content)
    data["schemes"][0]["name"] = "Gewijzigd"
    data["schemes"][0]["funding_percentage"] = 150
    upload = SimpleUploadedFile("c.json", json.dumps(data).encode(), content_type="application/json")
    response = client.post(reverse("admin:schemes_catalogue_import"), {"file": upload})

    assert export["Content-Disposition"].startswith("attachment")
    assert "Een vergoeding kan niet meer dan 100%" in response.content.decode()
    assert Scheme.objects.get(slug="bestaand").name == "Bestaand"


def test_it_previews_a_draft_for_admins_only(client, catalogue_admin):
    draft = SchemeFactory(draft=True, name="Nog geheim")

    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(catalogue_admin)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Voorbeeld voor beheerders" in response.content.decode()
