"""Every change hub staff make to a support request. Each one is recorded on the request's timeline.

State changes name the ``version`` of the request the user saw, and are written with a single
``UPDATE ... WHERE version = <seen>``: if someone else changed the request in between, nothing is
written and the user gets a clear message. Notes, public updates and scheme recommendations only
append to the timeline; they cannot overwrite anyone's work, so they don't need the version.
"""

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journeys.followups.services import followup_schedule_public_message, followup_schedule_survey
from journeys.intake import selectors as intake_selectors
from journeys.intake.services import RESULT_LIMIT
from journeys.models.requests import (
    ContactChannel,
    Outcome,
    RequestEvent,
    RequestHubTrace,
    RequestStatus,
    SupportRequest,
)
from journeys.triage import selectors, workflow
from journeys.working_days import due_at_for
from schemes import matching, published_catalogue
from schemes import vocabulary as v
from schemes.models import Hub, Scheme

STALE_MESSAGE = _(
    "Iemand anders heeft deze hulpvraag net gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw."
)
Kind = RequestEvent.Kind
# Moving to these schedules the "did this help?" mail (once per request; see journeys.followups).
SURVEY_STATUSES = (RequestStatus.REFERRED, RequestStatus.CLOSED)


def _check_can_change(actor: AbstractBaseUser, support_request: SupportRequest) -> None:
    # The views check this too; repeating it here keeps every caller (admin, shell, API) honest.
    if not selectors.can_change_request(user=actor, support_request=support_request):
        raise PermissionDenied


def _write(
    *,
    support_request: SupportRequest,
    actor: AbstractBaseUser,
    version: int,
    changes: dict[str, Any],
    kind: str,
    text: str = "",
    data: dict[str, Any] | None = None,
    is_public: bool = False,
    counts_as_response: bool = False,
    event_hub: Hub | None = None,
) -> SupportRequest:
    """Apply ``changes`` only if the request still has ``version``, and record one event."""
    now = timezone.now()
    fields = dict(changes)
    if counts_as_response and support_request.first_response_at is None:
        fields["first_response_at"] = now
    with transaction.atomic():
        updated = SupportRequest.objects.filter(pk=support_request.pk, version=version).update(
            **fields, version=F("version") + 1, updated_at=now
        )
        if not updated:
            raise ValidationError(STALE_MESSAGE, code="stale")
        RequestEvent.objects.create(
            request=support_request,
            hub=event_hub or support_request.hub,
            actor=actor,
            kind=kind,
            text=text,
            data=data or {},
            is_public=is_public,
        )
    support_request.refresh_from_db()
    return support_request


def _append_event(
    *, support_request: SupportRequest, actor: AbstractBaseUser, kind: str, text: str = "",
    data: dict[str, Any] | None = None, is_public: bool = False, counts_as_response: bool = False,
) -> RequestEvent:
    with transaction.atomic():
        event = RequestEvent.objects.create(
            request=support_request, hub=support_request.hub, actor=actor, kind=kind, text=text,
            data=data or {}, is_public=is_public,
        )
        if counts_as_response:
            # Conditional, so two first replies at once keep the earliest moment.
            SupportRequest.objects.filter(pk=support_request.pk, first_response_at__isnull=True).update(
                first_response_at=event.created_at
            )
    support_request.refresh_from_db()
    return event


def _clean_text(text: str, *, message: str, max_length: int = 5000) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(message, code="required")
    if len(text) > max_length:
        raise ValidationError(
            _("Gebruik maximaal %(max)s tekens.") % {"max": max_length}, code="max_length"
        )
    return text


def request_change_status(
    *, support_request: SupportRequest, actor: AbstractBaseUser, version: int, status: str,
    outcome: str = "", note: str = "",
) -> SupportRequest:
    """Move the request through the workflow (see ``journeys.triage.workflow.TRANSITIONS``)."""
    _check_can_change(actor, support_request)
    workflow.check_transition(source=support_request.status, target=status, outcome=outcome)
    now = timezone.now()
    changes: dict[str, Any] = {"status": status, "outcome": outcome}
    if status == RequestStatus.CLOSED:
        changes["closed_at"] = now
    elif support_request.status == RequestStatus.CLOSED:
        changes.update(closed_at=None, duplicate_of=None)
    with transaction.atomic():  # the survey row commits (or rolls back) with the status change
        support_request = _write(
            support_request=support_request, actor=actor, version=version, changes=changes,
            kind=Kind.STATUS_CHANGED, text=(note or "").strip(),
            data={"from": support_request.status, "to": status, "outcome": outcome},
            # Not a first response: a status change alone reaches nobody (FIRST_RESPONSE_KINDS).
        )
        if status in SURVEY_STATUSES:
            followup_schedule_survey(support_request=support_request)
    return support_request


def request_assign(
    *, support_request: SupportRequest, actor: AbstractBaseUser, version: int,
    assignee: AbstractBaseUser | None,
) -> SupportRequest:
    """Assign to a staff member of the request's hub, or to nobody."""
    _check_can_change(actor, support_request)
    if assignee is not None and not support_request.hub.staff.filter(pk=assignee.pk, is_active=True).exists():
        raise ValidationError(_("Kies een medewerker van dit loket."), code="not_hub_staff")
    if assignee is not None and assignee.pk == support_request.assigned_to_id:
        raise ValidationError(_("De hulpvraag is al aan deze medewerker toegewezen."), code="unchanged")
    return _write(
        support_request=support_request, actor=actor, version=version,
        changes={"assigned_to": assignee}, kind=Kind.ASSIGNED,
        data={
            "from_user_id": support_request.assigned_to_id,
            "to_user_id": assignee.pk if assignee else None,
            "to_name": (assignee.get_full_name() or assignee.get_username()) if assignee else "",
        },
    )


def request_add_note(*, support_request: SupportRequest, actor: AbstractBaseUser, text: str) -> RequestEvent:
    """An internal note: only staff see it, never the entrepreneur."""
    _check_can_change(actor, support_request)
    text = _clean_text(text, message=_("Schrijf een notitie."))
    return _append_event(support_request=support_request, actor=actor, kind=Kind.NOTE, text=text)


def request_post_public_update(
    *, support_request: SupportRequest, actor: AbstractBaseUser, text: str
) -> RequestEvent:
    """A message the entrepreneur reads on the status page and gets by e-mail. It counts as a first response."""
    _check_can_change(actor, support_request)
    text = _clean_text(text, message=_("Schrijf een bericht voor de ondernemer."), max_length=2000)
    with transaction.atomic():  # the e-mail's outbox row commits (or rolls back) with the message
        event = _append_event(
            support_request=support_request, actor=actor, kind=Kind.PUBLIC_UPDATE, text=text,
            is_public=True, counts_as_response=True,
        )
        followup_schedule_public_message(event=event)
    return event


def request_log_contact(
    *, support_request: SupportRequest, actor: AbstractBaseUser, channel: str, note: str = ""
) -> RequestEvent:
    """Record that the hub spoke to or e-mailed the entrepreneur; the first contact is the first response."""
    _check_can_change(actor, support_request)
    if channel not in ContactChannel.values:
        raise ValidationError(_("Kies hoe u contact had."), code="unknown_channel")
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError(_("Gebruik maximaal %(max)s tekens.") % {"max": 2000}, code="max_length")
    return _append_event(
        support_request=support_request, actor=actor, kind=Kind.CONTACT_LOGGED, text=note,
        data={"channel": channel}, counts_as_response=True,
    )


def request_override_stage(
    *, support_request: SupportRequest, actor: AbstractBaseUser, version: int, stage: str, reason: str
) -> SupportRequest:
    _check_can_change(actor, support_request)
    if stage not in v.Stage.values:
        raise ValidationError(_("Kies een fase."), code="unknown_stage")
    if stage == support_request.stage:
        raise ValidationError(_("De hulpvraag heeft deze fase al."), code="unchanged")
    reason = _clean_text(reason, message=_("Schrijf waarom u de fase aanpast."))
    return _write(
        support_request=support_request, actor=actor, version=version,
        changes={"stage": stage, "stage_override_reason": "" if stage == support_request.computed_stage else reason},
        kind=Kind.STAGE_OVERRIDDEN, text=reason,
        data={"from": support_request.stage, "to": stage, "computed": support_request.computed_stage},
    )


def request_recommend_scheme(
    *, support_request: SupportRequest, actor: AbstractBaseUser, scheme: Scheme, reason: str = ""
) -> RequestEvent:
    _check_can_change(actor, support_request)
    return _append_event(
        support_request=support_request, actor=actor, kind=Kind.SCHEME_RECOMMENDED,
        text=(reason or "").strip(),
        data={"scheme_id": scheme.pk, "scheme_slug": scheme.slug, "scheme_name": scheme.name},
    )


def request_mark_duplicate(
    *, support_request: SupportRequest, actor: AbstractBaseUser, version: int, original_reference: str
) -> SupportRequest:
    """Close the request as a duplicate of another request the actor can see."""
    _check_can_change(actor, support_request)
    reference = (original_reference or "").strip().upper()
    original = selectors.request_visible_to(user=actor, reference=reference)
    if original is None:
        raise ValidationError(
            _("Er is geen hulpvraag met kenmerk %(reference)s die u mag zien.") % {"reference": reference or "-"},
            code="unknown_original",
        )
    if original.pk == support_request.pk:
        raise ValidationError(_("Een hulpvraag kan geen dubbele van zichzelf zijn."), code="self_duplicate")
    if original.duplicate_of_id == support_request.pk:
        raise ValidationError(
            _("%(reference)s is al als dubbele van deze hulpvraag gemarkeerd.") % {"reference": original.reference},
            code="duplicate_cycle",
        )
    workflow.check_transition(source=support_request.status, target=RequestStatus.CLOSED, outcome=Outcome.DUPLICATE)
    # No survey here: followup_schedule_survey skips duplicates (the original request gets one).
    return _write(
        support_request=support_request, actor=actor, version=version,
        changes={
            "status": RequestStatus.CLOSED, "outcome": Outcome.DUPLICATE, "duplicate_of": original,
            "closed_at": timezone.now(),
        },
        kind=Kind.DUPLICATE_MARKED,
        data={"from": support_request.status, "duplicate_of": original.reference},
    )


def request_refer_to_hub(
    *, support_request: SupportRequest, actor: AbstractBaseUser, version: int, hub: Hub, reason: str
) -> SupportRequest:
    """Move the request, with its whole timeline, to another hub's queue.

    The new hub starts fresh (status "new", nobody assigned). If nobody answered the entrepreneur
    yet, the new hub gets its own response target counted from now. The old hub keeps a read-only
    trace so its staff can still look the request up.
    """
    _check_can_change(actor, support_request)
    reason = _clean_text(reason, message=_("Schrijf waarom u de hulpvraag doorstuurt."))
    if hub.pk == support_request.hub_id:
        raise ValidationError(_("De hulpvraag ligt al bij dit loket."), code="same_hub")
    if not hub.is_active:
        raise ValidationError(_("Dit loket is niet actief. Kies een ander loket."), code="inactive_hub")
    if support_request.status == RequestStatus.CLOSED:
        raise ValidationError(
            _("Deze hulpvraag is afgesloten. Heropen hem eerst als een ander loket verder moet helpen."),
            code="closed",
        )
    old_hub = support_request.hub
    now = timezone.now()
    changes: dict[str, Any] = {"hub": hub, "status": RequestStatus.NEW, "outcome": "", "assigned_to": None}
    if support_request.first_response_at is None:
        changes["due_at"] = due_at_for(created_at=now, response_target_days=hub.response_target_days)
    with transaction.atomic():
        support_request = _write(
            support_request=support_request, actor=actor, version=version, changes=changes,
            kind=Kind.REFERRED, text=reason, event_hub=old_hub,
            data={
                "from_hub_id": old_hub.pk, "from_hub": old_hub.name, "to_hub_id": hub.pk, "to_hub": hub.name,
                "from_status": support_request.status,
            },
        )
        followup_schedule_survey(support_request=support_request)
        # Written last: left_at marks the end of what the old hub did (its referral event and the survey it
        # scheduled); the trace shows that much and nothing the new hub does afterwards.
        RequestHubTrace.objects.update_or_create(
            request=support_request, hub=old_hub,
            defaults={"referred_to": hub, "referred_by": actor, "reason": reason, "left_at": timezone.now()},
        )
    return support_request


def request_recompute_matches(
    *, support_request: SupportRequest, actor: AbstractBaseUser, today: date | None = None
) -> RequestEvent:
    """Match the intake's answers against today's published catalogue, at the stage the hub works with.

    The matches computed at intake stay as they were (that is what the entrepreneur was shown); the
    new result is kept on the timeline event, and the request page shows the latest one beside it.
    """
    _check_can_change(actor, support_request)
    intake = support_request.intake
    facts = intake_selectors.intake_facts(
        answers=intake.answers or {}, stage=support_request.stage, municipality=intake.municipality
    )
    result = matching.match_schemes(
        facts=facts, catalogue=published_catalogue.published_catalogue(), today=today or timezone.localdate(),
        limit=RESULT_LIMIT,
    )
    return _append_event(
        support_request=support_request, actor=actor, kind=Kind.RECOMPUTED,
        data={"stage": support_request.stage, "matches": result.as_list(), "considered": result.considered},
    )
