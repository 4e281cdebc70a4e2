"""Dutch working days for response targets: weekends and Dutch public holidays don't count.

The holiday calendar is the ``holidays`` package's public ("PUBLIC") category for the Netherlands.
What that package counts, checked in its source (version 0.109), and what that means for us:

- New Year's Day, Easter Monday, King's Day (27 April, Saturday 26 April when the 27th is a Sunday),
  Ascension Day, Whit Monday and both Christmas days: the days the Algemene termijnenwet names.
- Good Friday: the package lists it as a public holiday, so we don't count it as a working day either.
- Liberation Day (5 May): the package notes that the Atw names it every year, but lists it as a public
  holiday only every five years (2025, 2030, ...), because many collective labour agreements only give
  the day off then. We follow the package; in other years 5 May is a working day here.

Sundays are never working days anyway, so Easter Sunday and Whit Sunday make no difference.
All arithmetic is on the local (Europe/Amsterdam) calendar date; the time of day is kept.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

# "Almost overdue" means the deadline falls within this many working days from now.
ALMOST_OVERDUE_WORKING_DAYS = 1


@lru_cache(maxsize=64)
def _holidays_in(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year, categories=(holidays.PUBLIC,)).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays_in(day.year)


def add_working_days(start: datetime, days: int) -> datetime:
    """The moment ``days`` working days after ``start``, at the same local time of day.

    A start outside working hours or on a day off counts from that day: a request sent on Saturday
    with a target of 1 working day is due on Monday at the same clock time (or Tuesday if Monday is
    a holiday). ``days`` must not be negative.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    local = timezone.localtime(start) if timezone.is_aware(start) else start
    day = local.date()
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    # A zero-day target on a day off still means "the next working day".
    while days == 0 and not is_working_day(day):
        day += timedelta(days=1)
    naive = datetime.combine(day, local.time().replace(tzinfo=None))
    if timezone.is_aware(start):
        return timezone.make_aware(naive, timezone.get_current_timezone())
    return naive


def due_at_for(*, created_at: datetime, response_target_days: int) -> datetime:
    """The first-response deadline of a request created at ``created_at`` for a hub's target."""
    return add_working_days(created_at, response_target_days)


def is_overdue(due_at: datetime, *, now: datetime | None = None) -> bool:
    return due_at < (now or timezone.now())


def almost_overdue_threshold(*, now: datetime | None = None) -> datetime:
    """Deadlines before this moment (but not yet passed) are "almost overdue"."""
    return add_working_days(now or timezone.now(), ALMOST_OVERDUE_WORKING_DAYS)


def is_almost_overdue(due_at: datetime, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return not is_overdue(due_at, now=now) and due_at < almost_overdue_threshold(now=now)
