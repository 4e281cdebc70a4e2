import re

import pytest
from django.core import mail

from tests.factories.catalogue import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_it_logs_staff_in_and_out(client):
    UserFactory(username="jan")

    response = client.post("/medewerkers/login/", {"username": "jan", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/medewerkers/"

    response = client.post("/medewerkers/logout/")
    assert response.status_code == 302
    assert client.get("/medewerkers/").status_code == 302


def test_it_explains_a_wrong_password_in_dutch(client):
    UserFactory(username="jan")

    page = client.post("/medewerkers/login/", {"username": "jan", "password": "wrong"}).content.decode()

    assert "Er is een probleem" in page
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in page


def test_it_locks_out_after_repeated_failures(client, settings):
    UserFactory(username="jan")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/medewerkers/login/", {"username": "jan", "password": "wrong"})

    response = client.post("/medewerkers/login/", {"username": "jan", "password": PASSWORD})

    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()


def test_it_resets_a_password_by_email(client):
    UserFactory(username="jan", email="jan@example.nl")

    client.post("/medewerkers/password_reset/", {"email": "jan@example.nl"})

    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/medewerkers/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "a-New-pass-2026!", "new_password2": "a-New-pass-2026!"})
    assert response.status_code == 302
    login = client.post("/medewerkers/login/", {"username": "jan", "password": "a-New-pass-2026!"})
    assert login.status_code == 302
    assert login["Location"] == "/medewerkers/"
