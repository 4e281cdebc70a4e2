from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from journeys.working_days import add_working_days, is_almost_overdue, is_overdue, is_working_day

AMS = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=AMS)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (at(2026, 3, 2), 5, at(2026, 3, 9)),  # Monday + 5 = next Monday
        (at(2026, 3, 6), 1, at(2026, 3, 9)),  # Friday + 1 skips the weekend
        (at(2026, 3, 7), 1, at(2026, 3, 9)),  # sent on Saturday: due Monday
        (at(2026, 3, 8), 0, at(2026, 3, 9)),  # zero days on a Sunday means Monday
        (at(2026, 4, 2), 1, at(2026, 4, 7)),  # Thursday before Easter: Good Friday and Easter Monday skipped
        (at(2026, 4, 24), 2, at(2026, 4, 29)),  # Friday + 2: weekend and Koningsdag (Mon 27 April) skipped
        (at(2025, 4, 25), 1, at(2025, 4, 28)),  # Koningsdag 2025 falls on Saturday the 26th: nothing extra
        (at(2025, 12, 24), 1, at(2025, 12, 29)),  # Christmas Thursday+Friday, then the weekend
        (at(2025, 12, 31), 1, at(2026, 1, 2)),  # New Year's Day across the year boundary
        (at(2026, 5, 13), 1, at(2026, 5, 15)),  # Ascension Day (14 May 2026)
        (at(2026, 5, 22), 1, at(2026, 5, 26)),  # Whit Monday (25 May 2026)
    ],
)
def test_it_adds_dutch_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_it_follows_the_holidays_package_on_liberation_day():
    # Counted as a public holiday only in lustrum years (see journeys/working_days.py).
    assert not is_working_day(date(2025, 5, 5))
    assert is_working_day(date(2026, 5, 5))


def test_it_keeps_the_local_time_across_the_daylight_saving_switch():
    # 27 March 2026 is a Friday; clocks go forward on Sunday 29 March.
    assert add_working_days(at(2026, 3, 27, 16), 1) == at(2026, 3, 30, 16)


def test_it_refuses_negative_days():
    with pytest.raises(ValueError):
        add_working_days(at(2026, 3, 2), -1)


def test_it_tells_overdue_from_almost_overdue():
    now = at(2026, 3, 6, 12)  # a Friday
    assert is_overdue(at(2026, 3, 6, 11), now=now)
    assert not is_overdue(at(2026, 3, 9, 11), now=now)
    # Due Monday 11:00 is within one working day of Friday 12:00.
    assert is_almost_overdue(at(2026, 3, 9, 11), now=now)
    assert not is_almost_overdue(at(2026, 3, 10, 11), now=now)
    assert not is_almost_overdue(at(2026, 3, 6, 11), now=now)
