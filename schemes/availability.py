"""Whether a scheme can be used now, and if not, when: one place for "open now" and its plain words.

Pure: give it a scheme (with its rounds, ideally prefetched) and ``today``; it touches no clock and
writes nothing. The catalogue pages, the API and the intake matching all use it, so they agree.

    >>> availability = scheme_availability(scheme=scheme, today=date(2024, 5, 1))
    >>> availability.is_open, availability.state, availability.label
    (True, "open", "Open tot 4 september 2024")

Rules, in order:
1. ``valid_from`` in the future -> UPCOMING; ``valid_until`` in the past -> EXPIRED (support is only
   confirmed up to that date; we do not know whether it still runs).
2. With rounds: the round whose window contains today decides (OPEN, or EXHAUSTED when its budget
   is "exhausted"); else the next future round makes it UPCOMING; else CLOSED.
3. Without rounds: ``is_ongoing`` True -> ONGOING (open), otherwise UNKNOWN.
A scheme whose ``offer`` is "plan" is PLANNED before anything else (nothing to apply for yet); one whose
``offer`` is "no_application" (a standard, a roadmap, a network) is NOT_APPLIED unless it is ongoing, so
it never says "Onbekend wanneer u kunt aanvragen".
``is_open`` is True only for OPEN and ONGOING. An "almost full" budget is still open.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from schemes import vocabulary as v


class State:
    OPEN = "open"
    ONGOING = "ongoing"
    EXHAUSTED = "exhausted"
    UPCOMING = "upcoming"
    CLOSED = "closed"
    EXPIRED = "expired"
    UNKNOWN = "unknown"
    PLANNED = "planned"
    NOT_APPLIED = "not_applied"

    OPEN_STATES = frozenset({OPEN, ONGOING})


@dataclass(frozen=True)
class Availability:
    state: str
    current_round: object | None = None  # ApplicationRound
    next_round: object | None = None
    last_round: object | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    @property
    def is_open(self) -> bool:
        return self.state in State.OPEN_STATES

    @property
    def almost_full(self) -> bool:
        return self.current_round is not None and self.current_round.budget_status == v.BudgetStatus.ALMOST_FULL

    @property
    def label(self) -> str:
        """A short B1 phrase, e.g. "Open tot 4 september 2024" or "Budget op"."""
        if self.state == State.OPEN:
            closes = self.current_round.closes_on
            text = _("Open tot %(date)s") % {"date": _day(closes)} if closes else _("Open")
            return text + (" · " + _("budget bijna op") if self.almost_full else "")
        if self.state == State.ONGOING:
            return _("Doorlopend open")
        if self.state == State.EXHAUSTED:
            return _("Budget op")
        if self.state == State.UPCOMING:
            return _("Opent op %(date)s") % {"date": _day(self.opens_on)}
        if self.state == State.CLOSED:
            return _("Gesloten")
        if self.state == State.EXPIRED:
            return _("Alleen bevestigd tot en met %(date)s") % {"date": _day(self.valid_until)}
        if self.state == State.PLANNED:
            return _("Plan: nog niet aan te vragen")
        if self.state == State.NOT_APPLIED:
            return _("U hoeft hiervoor niets aan te vragen")
        return _("Onbekend wanneer u kunt aanvragen")

    @property
    def explanation(self) -> str:
        """One or two plain sentences with the dates that matter."""
        parts = []
        if self.state == State.OPEN and self.current_round.closes_on:
            parts.append(_("U kunt aanvragen tot en met %(date)s.") % {"date": _day(self.current_round.closes_on)})
        elif self.state == State.OPEN:
            parts.append(_("U kunt nu aanvragen. Een sluitdatum is niet bekend."))
        if self.almost_full:
            parts.append(_("Het budget is bijna op. Wie het eerst komt, het eerst maalt."))
        if self.state == State.ONGOING:
            parts.append(_("U kunt er altijd terecht. Er zijn geen aanvraagrondes."))
        if self.state == State.EXHAUSTED:
            parts.append(_("De ronde is nog open, maar het geld is op. U kunt nu geen geld meer krijgen."))
        if self.state == State.CLOSED and self.last_round is not None:
            closed = self.last_round.closes_on or self.last_round.opens_on
            parts.append(_("De laatste ronde sloot op %(date)s. Een nieuwe ronde is nog niet bekend.") % {
                "date": _day(closed)})
        if self.state == State.EXPIRED:
            parts.append(_("Wij weten niet of deze hulp na %(date)s nog bestaat. Vraag het na bij uw loket.") % {
                "date": _day(self.valid_until)})
        if self.state == State.PLANNED:
            parts.append(_("Dit is een plan. Het bestaat nog niet en u kunt het nog niet aanvragen."))
        if self.state == State.UNKNOWN:
            parts.append(_("Er zijn geen aanvraagrondes bekend. Vraag uw loket wanneer u kunt aanvragen."))
        if self.next_round is not None:
            parts.append(_("Volgende ronde opent op %(date)s.") % {"date": _day(self.next_round.opens_on)})
        elif self.state == State.UPCOMING and self.valid_from:
            parts.append(_("Deze hulp start op %(date)s.") % {"date": _day(self.valid_from)})
        return " ".join(parts)

    @property
    def opens_on(self) -> date | None:
        if self.next_round is not None:
            return self.next_round.opens_on
        return self.valid_from


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _rounds_of(scheme) -> list:
    return sorted(scheme.rounds.all(), key=lambda r: r.opens_on)


def scheme_availability(*, scheme, today: date, rounds: Iterable | None = None) -> Availability:
    """The availability of ``scheme`` on ``today``; ``rounds`` overrides ``scheme.rounds.all()``."""
    ordered = sorted(rounds, key=lambda r: r.opens_on) if rounds is not None else _rounds_of(scheme)
    current = next((r for r in ordered if r.opens_on <= today and (r.closes_on is None or r.closes_on >= today)),
                   None)
    upcoming = next((r for r in ordered if r.opens_on > today), None)
    past = [r for r in ordered if r.opens_on <= today and r is not current]
    common = {"current_round": current, "next_round": upcoming, "last_round": past[-1] if past else None,
              "valid_from": scheme.valid_from, "valid_until": scheme.valid_until}

    offer = getattr(scheme, "offer", v.Offer.APPLY)
    if offer == v.Offer.PLAN:
        return Availability(State.PLANNED, **{**common, "current_round": None, "next_round": None})
    if scheme.valid_from and scheme.valid_from > today:
        return Availability(State.UPCOMING, **common)
    if scheme.valid_until and scheme.valid_until < today:
        return Availability(State.EXPIRED, **{**common, "current_round": None, "next_round": None})
    if current is not None:
        exhausted = current.budget_status == v.BudgetStatus.EXHAUSTED
        return Availability(State.EXHAUSTED if exhausted else State.OPEN, **common)
    if upcoming is not None:
        return Availability(State.UPCOMING, **common)
    if ordered:
        return Availability(State.CLOSED, **common)
    if scheme.is_ongoing:
        return Availability(State.ONGOING, **common)
    if offer == v.Offer.NO_APPLICATION:
        return Availability(State.NOT_APPLIED, **common)
    return Availability(State.UNKNOWN, **common)


def is_open(*, scheme, today: date) -> bool:
    """Shortcut for matching: can the entrepreneur use this scheme on ``today``?"""
    return scheme_availability(scheme=scheme, today=today).is_open
