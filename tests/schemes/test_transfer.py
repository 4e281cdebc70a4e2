import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from schemes.models import ApplicationRound, Hub, Organisation, Scheme
from schemes.transfer import STARTER_CATALOGUE, catalogue_export, catalogue_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    call_command("load_geography", verbosity=0)
    call_command("load_starter_catalogue", verbosity=0)


def _without_timestamp(data: dict) -> dict:
    return {k: value for k, value in data.items() if k != "exported_at"}


def test_it_loads_a_starter_catalogue_of_real_offers_covering_every_province(catalogue):
    assert Scheme.objects.filter(status="published").count() >= 25
    ckp = Scheme.objects.get(slug="subsidie-circulaire-ketenprojecten")
    assert (ckp.consortium_min_smes, ckp.consortium_max_smes, ckp.funding_percentage) == (3, 6, 50)
    assert ckp.rounds.count() == 4
    assert ckp.rounds.get(name="2024").budget_status == "exhausted"
    covered = {p.code for hub in Hub.objects.filter(is_national_desk=False) for p in hub.provinces.all()}
    assert len(covered) == 12
    assert Hub.objects.get(is_national_desk=True).name.startswith("Landelijk loket")
    assert Hub.objects.get(provinces__code="PV21").name == "Vereniging Circulair Fryslân"


def test_it_round_trips_the_whole_catalogue_losslessly(catalogue):
    scheme = Scheme.objects.get(slug="noord-holland-circulaire-ketens")
    scheme.municipalities.add(*scheme.provinces.get().municipalities.all()[:1])
    scheme.provinces.clear()
    first = catalogue_export()

    ApplicationRound.objects.all().delete()
    Scheme.objects.all().delete()
    Hub.objects.all().delete()
    Organisation.objects.all().delete()
    result = catalogue_import(data=json.loads(json.dumps(first)))

    assert result.created["schemes"] == len(first["schemes"])
    assert _without_timestamp(catalogue_export()) == _without_timestamp(first)


def test_it_changes_nothing_when_the_same_file_is_imported_again(catalogue):
    history_before = Scheme.history.count()

    result = catalogue_import(data=catalogue_export())

    assert result.updated == {"organisations": 0, "hubs": 0, "schemes": 0}
    assert Scheme.history.count() == history_before


def test_it_rejects_a_file_with_errors_and_writes_nothing(catalogue):
    data = catalogue_export()
    ckp = next(s for s in data["schemes"] if s["slug"] == "subsidie-circulaire-ketenprojecten")
    ckp["name"] = "Nieuwe naam"
    ckp["consortium_max_smes"] = 2
    ckp["rounds"][0]["closes_on"] = "2020-01-01"
    data["schemes"][1]["provinces"] = ["PV99"]

    with pytest.raises(ValidationError) as caught:
        catalogue_import(data=data)

    messages = "\n".join(caught.value.messages)
    assert "consortium_max_smes: Het maximum aantal mkb'ers (2) is kleiner dan het minimum (3)" in messages
    assert "rounds[0], closes_on: De sluitdatum (01-01-2020) ligt voor de openingsdatum" in messages
    assert "Onbekende code PV99" in messages
    assert Scheme.objects.get(slug="subsidie-circulaire-ketenprojecten").name != "Nieuwe naam"


def test_it_rejects_a_file_that_is_not_a_catalogue():
    with pytest.raises(ValidationError, match="geen catalogusbestand"):
        catalogue_import(data={"schemes": []})


def test_the_export_and_import_commands_round_trip(catalogue, tmp_path):
    path = tmp_path / "catalogus.json"
    call_command("export_catalogue", str(path))
    Scheme.objects.filter(slug="circo-workshop").update(summary="Veranderd")

    call_command("import_catalogue", str(path), verbosity=0)

    assert Scheme.objects.get(slug="circo-workshop").summary.startswith("Een gratis online workshop")
    assert json.loads(STARTER_CATALOGUE.read_text(encoding="utf-8"))["format"] == "circulair-loket-catalogue"


def test_it_round_trips_who_verified_what(catalogue):
    from tests.factories.catalogue import UserFactory

    checker = UserFactory(username="rosa")
    Scheme.objects.filter(slug="subsidie-circulaire-ketenprojecten").update(
        last_verified_by=checker, last_verified_on="2026-11-03")
    Hub.objects.filter(is_national_desk=True).update(last_verified_by=checker, last_verified_on="2026-11-04")
    first = catalogue_export()
    Scheme.objects.update(last_verified_by=None, last_verified_on=None)
    Hub.objects.update(last_verified_by=None, last_verified_on=None)

    catalogue_import(data=json.loads(json.dumps(first)))

    assert Scheme.objects.get(slug="subsidie-circulaire-ketenprojecten").last_verified_by == checker
    assert Hub.objects.get(is_national_desk=True).last_verified_on.isoformat() == "2026-11-04"
    assert _without_timestamp(catalogue_export()) == _without_timestamp(first)


def test_every_published_starter_offer_has_an_official_link_or_a_reason(catalogue):
    published = Scheme.objects.filter(status="published")

    assert not [s.slug for s in published if not s.url and not s.no_link_reason]
    assert published.get(slug="subsidie-circulaire-ketenprojecten").url == (
        "https://www.rvo.nl/subsidies-financiering/circulaire-ketenprojecten")
    assert published.get(slug="circulaire-ketendoorbraakprojecten").url == "https://versnellingshuisce.nl/circulaire-ketens"
    assert published.exclude(url="").count() >= 10


def test_the_starter_catalogue_holds_the_offers_the_sources_name(catalogue):
    for slug in ("week-van-de-circulaire-economie", "stappenplan-conscious-collaboration",
                 "wegwijzer-circulair-inkopen", "omgevingsdiensten", "nen-normcommissie-chain-of-custody",
                 "regionale-circo-hubs",
                 "ketenregisseur-inhuren"):
        scheme = Scheme.objects.get(slug=slug)
        assert scheme.source_note.startswith("[00"), slug
        assert scheme.summary_en and scheme.name_en, slug
    assert Organisation.objects.filter(name__in=["Plennid", "Fungi Factory", "Rebottled", "Enviu"]).count() == 4
    assert not Organisation.objects.filter(name__startswith="Koepel").exists()
    assert Scheme.objects.get(slug="invest-nl").umbrella is None


def test_plans_and_things_you_do_not_apply_for_never_say_onbekend_wanneer(catalogue, client):
    plan = Scheme.objects.get(slug="landelijke-voucherregeling")
    standard = Scheme.objects.get(slug="iso-22095-chain-of-custody")

    plan_page = client.get(plan.get_absolute_url()).content.decode()
    standard_page = client.get(standard.get_absolute_url()).content.decode()

    assert "Plan: nog niet aan te vragen" in plan_page and "nog niet vastgesteld" in plan_page
    for page in (plan_page, standard_page):
        assert "Onbekend wanneer u kunt aanvragen" not in page
        assert "[00" not in page
    assert "In 2023 werden 8 tot 10 projecten verwacht" in client.get(
        Scheme.objects.get(slug="circulaire-ketendoorbraakprojecten").get_absolute_url()).content.decode()
