"""A scheme's readiness checklist: what to have ready before a round opens, ticked from the intake.

The items are the scheme's own requirements (``Scheme.requirements``, codes from
``schemes.vocabulary.Requirement``, maintained by the catalogue admins), so the checklist never names a
document the catalogue does not: for CKP the de-minimis declaration, the process supervisor and the
letter of commitment as the admin recorded them (domain brief §2.2). Ticks come from the matching's
criteria kept with the intake: an item is ticked only when the intake said so ("met"), never guessed.
"""

from dataclasses import dataclass

from schemes import vocabulary as v
from schemes.matching import MET

# A scheme whose next round can be waited for: "Houd mij op de hoogte" is offered (schemes.availability
# states, and the matching's snapshot statuses of the same name).
WAITABLE_STATES = frozenset({"upcoming", "closed", "exhausted"})


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    done: bool | None  # True: the intake says it is ready; None: not known from the intake


def checklist_for_scheme(*, requirements: list) -> list[ChecklistItem]:
    """The checklist without an intake (the public scheme page): nothing is ticked."""
    return [ChecklistItem(code, v.label(v.Requirement, code), None) for code in requirements or []]


def checklist_for_match(*, match: dict) -> list[ChecklistItem]:
    """The checklist of one route card, ticked from the requirement criteria of the intake's match."""
    items = []
    for criterion in match.get("criteria") or []:
        if not isinstance(criterion, dict) or criterion.get("code") != "requirement":
            continue
        code = (criterion.get("params") or {}).get("requirement", "")
        if code:
            done = True if criterion.get("status") == MET else None
            items.append(ChecklistItem(code, v.label(v.Requirement, code), done))
    return items


def can_wait_for_round(*, state: str) -> bool:
    return state in WAITABLE_STATES
