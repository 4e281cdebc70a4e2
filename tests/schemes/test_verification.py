"""The "Gecontroleerd" step (issue 14.1), the official link or a reason for none (14.3) and hub staff (15.3)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from portal.roles import ensure_catalogue_admin_group
from schemes.models import Hub, Scheme
from tests.factories.catalogue import HubFactory, OrganisationFactory, ProvinceFactory, SchemeFactory, UserFactory

pytestmark = pytest.mark.django_db
NOV_3 = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def catalogue_admin():
    user = UserFactory(username="rosa", is_staff=True)
    user.groups.add(ensure_catalogue_admin_group())
    return user


@time_machine.travel(NOV_3, tick=False)
def test_it_marks_schemes_verified_in_bulk_with_who_and_when_in_the_history(client, catalogue_admin):
    schemes = SchemeFactory.create_batch(2)
    client.force_login(catalogue_admin)

    response = client.post(reverse("admin:schemes_scheme_changelist"),
                           {"action": "mark_verified", "_selected_action": [s.pk for s in schemes]})

    assert response.status_code == 302
    for scheme in schemes:
        scheme.refresh_from_db()
        assert (scheme.last_verified_on, scheme.last_verified_by) == (dt.date(2026, 11, 3), catalogue_admin)
        latest = scheme.history.first()
        assert latest.history_user == catalogue_admin and latest.history_change_reason == "Gecontroleerd"
    listing = client.get(reverse("admin:schemes_scheme_changelist")).content.decode()
    assert "laatst gecontroleerd" in listing.lower() and "3 november 2026" in listing


@time_machine.travel(NOV_3, tick=False)
def test_the_change_page_has_a_gecontroleerd_button_that_only_answers_a_post(client, catalogue_admin):
    scheme = SchemeFactory()
    hub = HubFactory(provinces=[ProvinceFactory()])
    client.force_login(catalogue_admin)
    url = reverse("admin:schemes_scheme_verify", args=[scheme.pk])

    page = client.get(reverse("admin:schemes_scheme_change", args=[scheme.pk])).content.decode()
    assert url in page and "Nog nooit gecontroleerd" in page
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert client.post(reverse("admin:schemes_hub_verify", args=[hub.pk])).status_code == 302

    scheme.refresh_from_db()
    hub.refresh_from_db()
    assert scheme.last_verified_on == hub.last_verified_on == dt.date(2026, 11, 3)
    assert hub.history.first().history_change_reason == "Gecontroleerd"
    assert hub.history.first().history_user == catalogue_admin


def test_hub_staff_cannot_mark_anything_verified(client):
    member = UserFactory(username="loketmedewerker")
    scheme = SchemeFactory()
    client.force_login(member)

    client.post(reverse("admin:schemes_scheme_verify", args=[scheme.pk]))

    scheme.refresh_from_db()
    assert scheme.last_verified_on is None


def test_the_public_page_shows_the_real_check_date_or_says_it_was_never_checked(client):
    checked = SchemeFactory(last_verified_on=dt.date(2026, 11, 3))
    unchecked = SchemeFactory()

    assert "Laatst gecontroleerd op 3 november 2026" in client.get(checked.get_absolute_url()).content.decode()
    text = client.get(unchecked.get_absolute_url()).content.decode()
    assert "nog niet gecontroleerd" in text and "Laatst gecontroleerd op" not in text


def test_the_public_page_never_shows_internal_source_tags(client):
    scheme = SchemeFactory(source_note="[000][001]; domain §2.2")

    text = client.get(scheme.get_absolute_url()).content.decode()

    assert "[000]" not in text and "domain §" not in text


def test_one_primary_button_goes_to_the_official_page_named_for_its_owner(client):
    rvo = SchemeFactory(url="https://www.rvo.nl/subsidies-financiering/circulaire-ketenprojecten")
    vci = OrganisationFactory(name="Versnellingsnetwerk Circulair Inkopen", short_name="VCI",
                              website="https://ikwilcirculairinkopen.nl")
    other = SchemeFactory(url="https://ikwilcirculairinkopen.nl", executor=vci)
    unknown_owner = SchemeFactory(url="https://www.pianoo.nl/")

    assert 'class="button" href="https://www.rvo.nl/subsidies-financiering/circulaire-ketenprojecten"' in (
        client.get(rvo.get_absolute_url()).content.decode())
    assert "Naar de regeling bij RVO" in client.get(rvo.get_absolute_url()).content.decode()
    assert "Naar de website van VCI" in client.get(other.get_absolute_url()).content.decode()
    assert "Naar de website van pianoo.nl" in client.get(unknown_owner.get_absolute_url()).content.decode()


def test_a_scheme_without_a_link_shows_its_reason_instead_of_onbekend(client):
    scheme = SchemeFactory(url="", no_link_reason="Alleen via het loket in uw regio.")

    text = client.get(scheme.get_absolute_url()).content.decode()

    assert "Alleen via het loket in uw regio." in text
    assert "Naar de website" not in text and "Naar de regeling" not in text
    assert "onbekend" not in text.split("Officiële pagina")[1].split("</tr>")[0]


def test_publishing_without_a_link_asks_for_a_reason(client, catalogue_admin):
    client.force_login(catalogue_admin)
    post = {"name": "Zonder link", "slug": "zonder-link", "kind": "advice", "offer": "apply", "status": "published",
            "summary": "Hulp.", "scope": "national", "allocation": "unknown", "rounds-TOTAL_FORMS": "0",
            "rounds-INITIAL_FORMS": "0", "rounds-MIN_NUM_FORMS": "0", "rounds-MAX_NUM_FORMS": "1000"}

    refused = client.post(reverse("admin:schemes_scheme_add"), post)
    accepted = client.post(reverse("admin:schemes_scheme_add"), {**post, "no_link_reason": "Alleen via het loket."})

    assert refused.status_code == 200 and "schrijf hier waarom er geen is" in refused.content.decode()
    assert accepted.status_code == 302
    assert Scheme.objects.get(slug="zonder-link").no_link_reason == "Alleen via het loket."


def test_the_bulk_publish_action_skips_a_scheme_without_link_or_reason(client, catalogue_admin):
    bare = SchemeFactory(draft=True, url="")
    client.force_login(catalogue_admin)

    response = client.post(reverse("admin:schemes_scheme_changelist"),
                           {"action": "publish", "_selected_action": [bare.pk]}, follow=True)

    bare.refresh_from_db()
    assert bare.status == "draft"
    assert "heeft geen officiële link" in response.content.decode()


def test_a_catalogue_admin_cannot_make_itself_hub_staff(client, catalogue_admin):
    """Issue 15.3: adding oneself to a hub would open its requests with the entrepreneurs' e-mail addresses."""
    hub = HubFactory(provinces=[ProvinceFactory()])
    client.force_login(catalogue_admin)
    change = reverse("admin:schemes_hub_change", args=[hub.pk])
    form = client.get(change).context["adminform"].form
    assert "staff" not in form.fields

    post = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    post.update({"staff": [catalogue_admin.pk], "provinces": [p.pk for p in hub.provinces.all()],
                 "municipalities": [], "is_active": "on", "_save": "1"})
    post = {k: v for k, v in post.items() if v is not False}
    response = client.post(change, post)

    assert response.status_code == 302
    assert not Hub.objects.get(pk=hub.pk).staff.filter(pk=catalogue_admin.pk).exists()


def test_a_superuser_manages_hub_staff_and_every_change_is_in_the_history(client):
    admin = UserFactory(username="super", is_staff=True, is_superuser=True)
    member = UserFactory(username="sanne")
    hub = HubFactory(provinces=[ProvinceFactory()])
    client.force_login(admin)
    change = reverse("admin:schemes_hub_change", args=[hub.pk])
    form = client.get(change).context["adminform"].form
    assert "staff" in form.fields

    hub.staff.add(member)
    hub.staff.remove(member)

    snapshots = [set(record.staff.values_list("user_id", flat=True)) for record in hub.history.all()]
    assert {member.pk} in snapshots and snapshots[0] == set()
