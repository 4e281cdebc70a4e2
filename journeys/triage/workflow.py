"""The life cycle of a support request, declared as data.

The table ``TRANSITIONS`` below is the whole workflow: new → triage → in_progress / referred → closed
(with an outcome), plus closing straight from "new" (duplicates, spam) and reopening a closed request.

"referred" means the hub passed the entrepreneur on to a scheme or partner and waits for the result.
Moving a request to *another hub* is not a status change: see ``journeys.triage.services.refer_to_hub``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from journeys.models.requests import OPEN_STATUSES as MODEL_OPEN_STATUSES
from journeys.models.requests import Outcome, RequestStatus

S = RequestStatus

# Which status may follow which. Anything not listed here is refused.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.NEW: (S.TRIAGE, S.CLOSED),
    S.TRIAGE: (S.IN_PROGRESS, S.REFERRED, S.CLOSED),
    S.IN_PROGRESS: (S.REFERRED, S.CLOSED),
    S.REFERRED: (S.IN_PROGRESS, S.CLOSED),
    # Reopening: the entrepreneur answers after all, or a request was closed by mistake.
    S.CLOSED: (S.IN_PROGRESS,),
}

# Closing needs an outcome; no other status has one.
STATUSES_WITH_OUTCOME = frozenset({S.CLOSED})

OPEN_STATUSES = MODEL_OPEN_STATUSES  # the hub still owes the entrepreneur something (they count for deadlines)

# Words for the entrepreneur's status page (plain B1 Dutch, no office jargon).
PUBLIC_STATUS_TEXT = {
    S.NEW: _("Uw hulpvraag is binnen. Het loket heeft er nog niet naar gekeken."),
    S.TRIAGE: _("Het loket bekijkt uw hulpvraag."),
    S.IN_PROGRESS: _("Het loket helpt u met uw hulpvraag."),
    S.REFERRED: _("Het loket heeft u doorverwezen naar een regeling of een partner."),
    S.CLOSED: _("Uw hulpvraag is afgerond."),
}


def allowed_targets(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def check_transition(*, source: str, target: str, outcome: str = "") -> None:
    """Raise ``ValidationError`` unless ``source`` → ``target`` (with ``outcome``) is allowed."""
    if target not in S.values:
        raise ValidationError(_("Kies een status."), code="unknown_status")
    if source == target:
        raise ValidationError(
            _("De hulpvraag heeft de status “%(status)s” al.") % {"status": S(target).label},
            code="same_status",
        )
    if target not in allowed_targets(source):
        raise ValidationError(
            _("Van “%(source)s” kan de hulpvraag niet naar “%(target)s”. Kies een van: %(allowed)s.")
            % {
                "source": S(source).label,
                "target": S(target).label,
                "allowed": ", ".join(str(S(t).label) for t in allowed_targets(source)) or "-",
            },
            code="illegal_transition",
        )
    if target in STATUSES_WITH_OUTCOME and outcome not in Outcome.values:
        raise ValidationError(_("Kies hoe de hulpvraag is afgelopen."), code="outcome_required")
    if target not in STATUSES_WITH_OUTCOME and outcome:
        raise ValidationError(_("Alleen bij afsluiten hoort een uitkomst."), code="outcome_not_allowed")
