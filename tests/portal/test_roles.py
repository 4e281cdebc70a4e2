import pytest

from portal import roles
from tests.factories.catalogue import HubFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_admin():
    user = UserFactory(username="rvo", is_staff=True)
    user.groups.add(roles.ensure_catalogue_admin_group())
    return user


def test_it_knows_catalogue_admins(catalogue_admin):
    assert roles.is_catalogue_admin(catalogue_admin)
    assert not roles.is_catalogue_admin(UserFactory())
    assert roles.is_catalogue_admin(UserFactory(is_superuser=True))


def test_it_gives_catalogue_admins_every_catalogue_permission_and_nothing_else(catalogue_admin):
    assert catalogue_admin.has_perm("schemes.change_scheme")
    assert catalogue_admin.has_perm("schemes.add_hub")
    assert not catalogue_admin.has_perm("journeys.view_supportrequest")
    assert not catalogue_admin.has_perm("auth.change_user")


def test_it_lists_only_active_hubs_of_hub_staff():
    member = UserFactory()
    active = HubFactory(staff=[member])
    HubFactory(staff=[member], is_active=False)
    HubFactory()

    assert roles.staff_hub_ids(member) == [active.pk]
    assert roles.is_hub_staff(member)
    assert not roles.is_hub_staff(UserFactory())


def test_it_sends_anonymous_visitors_of_staff_pages_to_the_login(client):
    response = client.get("/medewerkers/")

    assert response.status_code == 302
    assert response["Location"].startswith("/medewerkers/login/")


def test_it_shows_hub_staff_their_hubs(client):
    member = UserFactory(first_name="Anouk")
    HubFactory(name="Loket Utrecht", staff=[member])
    client.force_login(member)

    page = client.get("/medewerkers/").content.decode()

    assert "Welkom, Anouk" in page
    assert "Loket Utrecht" in page
    assert "Catalogus beheren" not in page


def test_it_keeps_hub_staff_out_of_the_admin(client):
    member = UserFactory()
    HubFactory(staff=[member])
    client.force_login(member)

    response = client.get("/beheer/")

    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def test_it_lets_catalogue_admins_into_the_admin(client, catalogue_admin):
    client.force_login(catalogue_admin)

    assert client.get("/beheer/").status_code == 200
    assert "Catalogus beheren" in client.get("/medewerkers/").content.decode()


def test_it_answers_an_unknown_page_with_a_dutch_404(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
