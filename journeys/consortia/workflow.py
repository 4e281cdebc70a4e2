"""A consortium's status as a declared transition table: proposed -> introduced -> formed -> applied.

Declined can be reached from every open status and is final; so is applied. "Introduced" is only reached
through the introduction itself (journeys.consortia.services.consortium_introduce), which sends the e-mails.
"""

from journeys.models import ConsortiumStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.INTRODUCED, S.DECLINED}),
    S.INTRODUCED: frozenset({S.FORMED, S.DECLINED}),
    S.FORMED: frozenset({S.APPLIED, S.DECLINED}),
    S.APPLIED: frozenset(),
    S.DECLINED: frozenset(),
}
# Changes a member of staff makes with the status form (the introduction has its own button).
MANUAL = frozenset({S.FORMED, S.APPLIED, S.DECLINED})


def allowed(*, current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


def manual_choices(*, current: str) -> list[tuple[str, str]]:
    return [(value, label) for value, label in S.choices if value in MANUAL and allowed(current=current, new=value)]
