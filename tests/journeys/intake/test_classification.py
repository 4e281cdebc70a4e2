"""Stage classification: a table of cases over the §8.2 signals, with the reasons shown."""

import pytest

from journeys.intake.classification import classify, reason_text

BASE = {"self_assessment": "investigating", "practice": "unknown", "help_wanted": ["unknown"], "themes": ["financing"],
        "business_areas": ["unknown"]}


@pytest.mark.parametrize(("answers", "stage"), [
    ({"self_assessment": "orienting", "practice": "nothing_yet", "themes": ["knowledge"],
      "help_wanted": ["information"]}, "starter"),
    ({"self_assessment": "investigating", "practice": "measures", "help_wanted": ["voucher", "feasibility"]},
     "peloton"),
    ({"self_assessment": "circular", "practice": "sells_circular"}, "frontrunner"),
    # The own answer says "orienting" but every other signal says front-runner.
    ({"self_assessment": "orienting", "practice": "sells_circular", "themes": ["chain"], "chain_partners": 4,
      "chain_director": "yes"}, "frontrunner"),
    # A tie between starter and peloton goes to the entrepreneur's own answer.
    ({"self_assessment": "investigating", "practice": "nothing_yet", "themes": ["knowledge"]}, "peloton"),
    ({"self_assessment": "circular", "practice": "nothing_yet", "themes": ["knowledge"],
      "help_wanted": ["information"]}, "frontrunner"),
    # Asking about financing counts as specialist help, except for someone who is only orienting.
    ({"self_assessment": "orienting", "practice": "nothing_yet", "themes": ["financing"]}, "starter"),
    ({"self_assessment": "investigating", "business_areas": ["production"], "materials": ["wood"]}, "peloton"),
])
def test_it_classifies_the_table_of_cases(answers, stage):
    assert classify(answers={**BASE, **answers}).stage == stage


def test_it_explains_a_front_runner_in_plain_sentences():
    result = classify(answers={**BASE, "self_assessment": "circular", "practice": "sells_circular",
                               "themes": ["chain"], "chain_partners": 4, "chain_director": "yes"})
    texts = [reason_text(r) for r in result.reasons_as_dicts()]
    assert texts[0] in ("U zegt dat u al circulair werkt.", "U verkoopt al circulaire producten of diensten.")
    assert "U verkoopt al circulaire producten of diensten." in texts
    assert "U heeft 4 ketenpartners en een ketenregisseur." in texts
    assert "U wilt samen met andere bedrijven uw keten veranderen." in texts


def test_it_only_gives_reasons_for_the_chosen_stage():
    result = classify(answers={**BASE, "self_assessment": "investigating", "practice": "measures",
                               "help_wanted": ["implementation"]})
    assert [r.code for r in result.reasons] == ["self_investigating", "first_measures", "asks_measures_help"]
    assert reason_text(result.reasons[2].as_dict()) == "U vraagt om: hulp bij het invoeren van maatregelen."


def test_it_falls_back_to_starter_without_any_signal():
    result = classify(answers={})
    assert result.stage == "starter"
    assert result.reasons == []


def test_it_is_deterministic():
    answers = {**BASE, "self_assessment": "circular", "themes": ["regulation", "chain"]}
    assert classify(answers=answers) == classify(answers=answers)


def test_it_names_one_partner_in_the_singular():
    text = reason_text({"code": "chain_assets", "params": {"partners": 1, "director": False, "commitment": True}})
    assert text == "U heeft 1 ketenpartner en een getekende intentieverklaring."
