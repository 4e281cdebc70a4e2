from datetime import date

import pytest

from schemes.availability import State, scheme_availability
from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def _scheme_with_rounds(*rounds, **fields):
    scheme = SchemeFactory(**fields)
    for opens, closes, status in rounds:
        ApplicationRoundFactory(scheme=scheme, opens_on=opens, closes_on=closes, budget_status=status)
    return scheme


def test_it_is_open_inside_a_round_and_says_until_when():
    scheme = _scheme_with_rounds((date(2024, 4, 4), date(2024, 9, 4), "open"))

    result = scheme_availability(scheme=scheme, today=date(2024, 5, 1))

    assert result.is_open and result.state == State.OPEN
    assert result.label == "Open tot 4 september 2024"


def test_it_says_budget_op_when_the_round_is_open_but_the_money_is_gone():
    scheme = _scheme_with_rounds((date(2024, 4, 4), date(2024, 9, 4), "exhausted"),
                                 (date(2025, 4, 1), date(2025, 9, 1), "upcoming"))

    result = scheme_availability(scheme=scheme, today=date(2024, 4, 12))

    assert not result.is_open and result.label == "Budget op"
    assert "Volgende ronde opent op 1 april 2025." in result.explanation


def test_it_names_the_opening_date_before_a_round():
    scheme = _scheme_with_rounds((date(2027, 3, 1), date(2027, 6, 1), "upcoming"))

    result = scheme_availability(scheme=scheme, today=date(2026, 11, 22))

    assert result.state == State.UPCOMING and result.label == "Opent op 1 maart 2027"


def test_it_is_closed_after_the_last_round():
    scheme = _scheme_with_rounds((date(2024, 4, 4), date(2024, 9, 4), "exhausted"))

    result = scheme_availability(scheme=scheme, today=date(2026, 11, 22))

    assert result.state == State.CLOSED
    assert "De laatste ronde sloot op 4 september 2024." in result.explanation


def test_it_does_not_claim_support_after_its_confirmed_end_date():
    scheme = _scheme_with_rounds(is_ongoing=True, valid_until=date(2025, 12, 31))

    assert scheme_availability(scheme=scheme, today=date(2025, 6, 1)).state == State.ONGOING
    result = scheme_availability(scheme=scheme, today=date(2026, 11, 22))
    assert result.state == State.EXPIRED and not result.is_open
    assert result.label == "Alleen bevestigd tot en met 31 december 2025"


def test_it_is_unknown_without_rounds_unless_marked_ongoing():
    assert scheme_availability(scheme=SchemeFactory(), today=date(2026, 1, 1)).state == State.UNKNOWN
