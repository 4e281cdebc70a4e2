import csv
import shutil

import pytest
from django.core.management import call_command

from schemes.geography import DATA_DIR
from schemes.models import Municipality, PostcodeArea, Province

pytestmark = pytest.mark.django_db


def test_it_loads_provinces_municipalities_and_postcodes():
    call_command("load_geography", verbosity=0)

    assert Province.objects.count() == 12
    assert Municipality.objects.count() == 342
    assert Province.objects.get(code="PV21").display_name == "Fryslân"
    assert PostcodeArea.objects.get(pc4="1011").municipality.name == "Amsterdam"


def test_it_keeps_a_pc4_in_two_municipalities_as_two_rows():
    call_command("load_geography", verbosity=0)
    with (DATA_DIR / "pc4_municipality.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["pc4"]] = counts.get(row["pc4"], 0) + 1
    shared = sorted(pc4 for pc4, count in counts.items() if count > 1)

    assert len(shared) == 34
    assert PostcodeArea.objects.filter(pc4=shared[0]).count() == 2


def test_it_marks_the_postbus_supplement_as_lower_confidence():
    call_command("load_geography", verbosity=0)

    area = PostcodeArea.objects.get(pc4="1000")
    assert area.source == PostcodeArea.Source.POSTBUS
    assert PostcodeArea.objects.filter(source=PostcodeArea.Source.POSTBUS).count() == 668


def test_it_is_idempotent_and_removes_pc4s_that_left_the_data(tmp_path):
    for name in ("municipalities.csv", "pc4_municipality.csv", "pc4_postbus_supplement.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    call_command("load_geography", verbosity=0, data_dir=tmp_path)
    before = PostcodeArea.objects.count()
    call_command("load_geography", verbosity=0, data_dir=tmp_path)
    assert PostcodeArea.objects.count() == before

    lines = (tmp_path / "pc4_municipality.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("1011,")]
    (tmp_path / "pc4_municipality.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    call_command("load_geography", verbosity=0, data_dir=tmp_path)

    assert not PostcodeArea.objects.filter(pc4="1011").exists()
    assert PostcodeArea.objects.count() == before - 1
