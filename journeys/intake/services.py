"""Writes for the intake: save a step, submit, resume links, and the contact request."""

import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from journeys.followups import services as followups
from journeys.intake import questions as q
from journeys.intake import selectors, submission_sql
from journeys.intake.classification import Classification, classify
from journeys.intake.routing import Routing, route_intake
from journeys.models import (
    FollowUp,
    FollowUpKind,
    Intake,
    IntakeTag,
    PartnerApiKey,
    PartnerIdempotencyKey,
    RequestEvent,
    SupportRequest,
)
from journeys.working_days import due_at_for
from portal.bulk import bulk_insert_values
from schemes import areas, matching, published_catalogue

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out on the phone
TAG_DIMENSIONS = {
    "sectors": IntakeTag.Dimension.SECTOR,
    "themes": IntakeTag.Dimension.THEME,
    "business_areas": IntakeTag.Dimension.BUSINESS_AREA,
    "drivers": IntakeTag.Dimension.DRIVER,
    "barriers": IntakeTag.Dimension.BARRIER,
}
RESULT_LIMIT = 10
# The columns a submission writes; the rest (source, partner, language, current step...) it leaves alone.
SUBMISSION_FIELDS = [
    "answers", "company_name", "kvk_number", "company_size", "postcode", "municipality", "province",
    "self_assessment", "contact_name", "email", "phone", "consent_share", "followup_opt_in",
    "stage", "stage_reasons", "matches", "routing", "hub", "submitted_at", "updated_at",
]


def intake_save_step(*, intake: Intake | None, step: q.Step, answers: dict, language: str = "nl") -> Intake:
    """Merge one step's answers into the draft (creating it on the first answer)."""
    if intake is None:
        intake = Intake(language=language)
    merged = {**intake.answers, **answers}
    intake.answers = merged
    intake.current_step = step.slug
    # Changing an answer after submission means the route must be computed again.
    intake.submitted_at = None
    intake.save()
    return intake


@dataclass(frozen=True)
class Evaluation:
    classification: Classification
    matches: matching.MatchResult
    routing: Routing


def intake_evaluate(*, answers: dict, today: date | None = None) -> Evaluation:
    """Stage, matching schemes and hub for a complete set of answers. Reads only.

    Three queries: the PC4's municipality, and the catalogue version with the hub fingerprint in one
    statement (both caches are per process and used only while those still match).
    """
    answers = q.relevant_answers(answers)
    classification = classify(answers=answers)
    versions = published_catalogue.reference_versions()
    routing = route_intake(answers=answers, hub_fingerprint=versions.hubs)
    facts = selectors.intake_facts(answers=answers, stage=classification.stage, municipality=routing.municipality)
    result = matching.match_schemes(
        facts=facts, catalogue=published_catalogue.published_catalogue(version=versions.catalogue),
        today=today or timezone.localdate(), limit=RESULT_LIMIT,
    )
    return Evaluation(classification=classification, matches=result, routing=routing)


def _apply_evaluation(*, intake: Intake, answers: dict, evaluation: Evaluation) -> None:
    """Copy the answers' filter columns and the evaluation (stage, matches, hub) onto the intake (no write)."""
    municipality = evaluation.routing.municipality
    intake.answers = answers
    intake.company_name = answers.get("company_name", "")
    intake.kvk_number = answers.get("kvk_number", "")
    intake.company_size = answers.get("company_size", "")
    intake.postcode = answers.get("postcode", "")
    intake.municipality = municipality
    intake.province = municipality.province if municipality else None
    intake.self_assessment = answers.get("self_assessment", "")
    intake.contact_name = answers.get("contact_name", "")
    # Intakes now arrive without contact answers; keep the "continue later" address, if one was given.
    intake.email = answers.get("email") or intake.email
    intake.phone = answers.get("phone", "")
    intake.consent_share = bool(answers.get("consent_share"))
    intake.followup_opt_in = bool(answers.get("followup_opt_in"))
    intake.stage = evaluation.classification.stage
    intake.stage_reasons = evaluation.classification.reasons_as_dicts()
    intake.matches = evaluation.matches.as_list()
    intake.routing = {
        **evaluation.routing.snapshot(),
        "considered": evaluation.matches.considered,
        "excluded_elsewhere": evaluation.matches.excluded_elsewhere,
        "not_shown": evaluation.matches.not_shown,
    }
    intake.hub = evaluation.routing.hub
    intake.submitted_at = timezone.now()


def _complete_answers(answers: dict) -> dict:
    missing = q.first_incomplete_step(answers)
    if missing is not None:
        raise ValidationError(_("U heeft nog niet alle vragen beantwoord."), code=missing.slug)
    return q.relevant_answers(answers)


def intake_submit(*, intake: Intake, today: date | None = None) -> Intake:
    """Freeze the route as shown: stage, matches, hub, plus the columns and tags hubs filter on.

    The evaluation only reads, so it runs before the transaction; the intake row and its tags are then
    written in one transaction (all or nothing), which holds the row lock only for those two statements.
    """
    answers = _complete_answers(intake.answers)
    with areas.remembered_lookups():
        evaluation = intake_evaluate(answers=answers, today=today)
    _apply_evaluation(intake=intake, answers=answers, evaluation=evaluation)
    with transaction.atomic():
        intake.save(update_fields=SUBMISSION_FIELDS)
        _store_tags(intake=intake, tags=_tags_for(answers))
    return intake


def _tags_for(answers: dict) -> list[tuple[str, str]]:
    return [
        (dimension, code)
        for key, dimension in TAG_DIMENSIONS.items()
        for code in dict.fromkeys(answers.get(key) or [])
        if code != q.UNKNOWN
    ]


def _store_tags(*, intake: Intake, tags: list[tuple[str, str]]) -> None:
    """Make the intake's tag rows exactly ``tags``; rows that stay are left as they are.

    Runs after the intake row is updated in the same transaction, so that row's lock serialises two
    submissions of one intake (a double click) and each sees the other's tags. On PostgreSQL it is one
    statement (delete what is no longer wanted, insert what is missing); elsewhere two.
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(IntakeTag._meta.db_table)  # from model metadata, never from input
        dimensions, codes = [d for d, _c in tags], [c for _d, c in tags]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH wanted (dimension, code) AS (SELECT * FROM unnest(%s::varchar[], %s::varchar[])), "  # noqa: S608
                f"stale AS (DELETE FROM {table} t WHERE t.intake_id = %s "
                f"AND (t.dimension, t.code) NOT IN (SELECT dimension, code FROM wanted)) "
                f"INSERT INTO {table} (intake_id, dimension, code) SELECT %s, dimension, code FROM wanted "
                f"ON CONFLICT (intake_id, dimension, code) DO NOTHING",
                [dimensions, codes, intake.pk, intake.pk],
            )
        return
    keep = Q()
    for dimension, code in tags:
        keep |= Q(dimension=dimension, code=code)
    IntakeTag.objects.filter(intake=intake).exclude(keep).delete()
    IntakeTag.objects.bulk_create(
        [IntakeTag(intake=intake, dimension=dimension, code=code) for dimension, code in tags], ignore_conflicts=True
    )


def intake_resume_token(*, intake: Intake) -> str:
    return signing.TimestampSigner(salt=selectors.RESUME_SALT).sign(str(intake.public_id))


@transaction.atomic
def intake_send_resume_link(*, intake: Intake, email: str) -> None:
    """Store the address on the draft and put the link (valid INTAKE_RESUME_DAYS) in the outbox, due now.

    The one reminder to finish the intake is scheduled at the same time (once per intake).
    """
    path = reverse("journeys:intake-resume", args=[intake_resume_token(intake=intake)])
    intake.email = email
    intake.save(update_fields=["email", "updated_at"])
    followups.followup_schedule_resume_link(intake=intake, resume_url=path)
    followups.followup_schedule_intake_reminder(intake=intake, resume_url=path)


def _new_reference() -> str:
    return "CL-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


REFERENCE_ATTEMPTS = 5


def _is_constraint(error: IntegrityError, name: str) -> bool:
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) or ""
    return name in (constraint or str(error))


def _is_reference_collision(error: IntegrityError) -> bool:
    """True when the error is the unique reference of a support request (another one drew the same)."""
    return _is_constraint(error, "reference")


def _check_can_request(intake: Intake) -> None:
    if intake.submitted_at is None:
        raise ValidationError(_("Bekijk eerst uw route voordat u om contact vraagt."))
    if not intake.consent_share:
        raise ValidationError(_("Geef eerst toestemming om uw antwoorden met het loket te delen."))
    if intake.hub is None:
        raise ValidationError(_("Er is geen loket gevonden. Neem contact op met het landelijk loket."))


def _new_support_request(*, intake: Intake, partner: PartnerApiKey | None) -> tuple[SupportRequest, RequestEvent]:
    """The request and its "created" event, not yet stored (both storage paths build them here)."""
    now = timezone.now()
    support_request = SupportRequest(
        reference=_new_reference(), intake=intake, hub=intake.hub,
        computed_stage=intake.stage, stage=intake.stage,
        status_token=secrets.token_urlsafe(32),
        due_at=due_at_for(created_at=now, response_target_days=intake.hub.response_target_days),
    )
    created = RequestEvent(
        request=support_request, hub=intake.hub, kind=RequestEvent.Kind.CREATED, is_public=True,
        # Stored once, in the hubs' working language (Dutch), whatever language the visitor used.
        text=f"Hulpvraag ontvangen door {intake.hub.name}.",
        data={
            "source": intake.source, "partner_id": partner.pk if partner else None,
            "stage": intake.stage, "stage_reasons": intake.stage_reasons,
            "matches": intake.matches, "routing": intake.routing, "answers": intake.answers,
        },
    )
    return support_request, created


def _open_support_request(*, intake: Intake, partner: PartnerApiKey | None) -> SupportRequest:
    """Insert the request, its "created" event and its confirmation (outbox row) in the caller's transaction.

    The caller holds the intake (locked, or inserted in this very transaction) and has checked it. A
    reference collision raises ``IntegrityError`` and the caller retries its whole transaction: no savepoint
    per request for a collision that 32**8 references make practically impossible.
    """
    support_request, created = _new_support_request(intake=intake, partner=partner)
    support_request.save(force_insert=True)
    events = [created]  # "created" and "e-mail scheduled" in one INSERT, in this order
    support_request_notify_created(support_request=support_request, new_request=True, pending_events=events)
    bulk_insert_values(RequestEvent, events)
    intake.support_request = support_request  # the reverse side, so the caller's answer needs no query
    return support_request


def _request_for_locked_intake(*, intake: Intake, partner: PartnerApiKey | None = None, prepare=None) -> SupportRequest:
    """Put the intake in its hub's queue in one transaction; idempotent (a second call returns the same request).

    One locking read gives the intake, its hub and any request it already has (a double click waits for the
    first click's commit and then finds its request); ``prepare(locked)`` may then change the intake before the
    inserts. Retried as a whole in the practically impossible case of a reference collision.
    """
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                locked = (Intake.objects.select_for_update(of=("self",)).select_related("hub", "support_request")
                          .get(pk=intake.pk))
                existing = getattr(locked, "support_request", None)
                if existing is not None:
                    return existing
                if prepare is not None:
                    prepare(locked)
                _check_can_request(locked)
                return _open_support_request(intake=locked, partner=partner)
        except IntegrityError as error:
            if not _is_reference_collision(error):
                raise
    # pragma: no cover - 32**8 references make five collisions in a row practically impossible
    raise ValidationError(_("Het lukte niet om uw hulpvraag op te slaan. Probeer het opnieuw."))


def support_request_create(*, intake: Intake, partner: PartnerApiKey | None = None) -> SupportRequest:
    """Put the intake in its hub's queue. Idempotent: a second call returns the same request."""
    return _request_for_locked_intake(intake=intake, partner=partner)


# The columns the contact form fills in, from the answers of the same name.
CONTACT_COLUMNS = ["contact_name", "email", "phone", "consent_share", "followup_opt_in"]


def support_request_create_with_contact(*, intake: Intake, contact: dict) -> SupportRequest:
    """Store the contact form's answers on the submitted intake and put it in its hub's queue, all or nothing.

    Idempotent like ``support_request_create``: when a request exists already (a double click), it is
    returned and the answers stay as they were.
    """
    unknown = set(contact) - q.CONTACT_KEYS
    if unknown:
        raise ValueError(f"Not contact answers: {sorted(unknown)}")

    def store_contact(locked: Intake) -> None:
        locked.answers = {**locked.answers, **contact}
        for column in CONTACT_COLUMNS:
            value = contact.get(column)
            setattr(locked, column, bool(value) if column in ("consent_share", "followup_opt_in") else value or "")
        locked.save(update_fields=["answers", *CONTACT_COLUMNS, "updated_at"])

    return _request_for_locked_intake(intake=intake, prepare=store_contact)

def support_request_notify_created(
    *, support_request: SupportRequest, new_request: bool = False, pending_events: list | None = None
) -> None:
    """Confirm the request to the entrepreneur: an outbox row in the caller's transaction, sent right after.

    ``new_request``: the request was inserted in the caller's still open transaction. ``pending_events``: the
    caller inserts the timeline events itself, together (see ``followup_record_event``).
    """
    followups.followup_schedule_request_confirmation(
        support_request=support_request, new_request=new_request, pending_events=pending_events)


class IdempotencyKeyTaken(Exception):
    """Another submission with the same partner and ``Idempotency-Key`` committed first (a concurrent retry)."""


def partner_intake_submit(
    *, partner: PartnerApiKey, answers: dict, request_contact: bool = False,
    idempotency: tuple[str, str] | None = None,
) -> Intake:
    """An intake a partner filled in on an entrepreneur's behalf, submitted (and optionally sent to the hub).

    The evaluation (stage, routing, matching against the newest catalogue) only reads and runs first; then
    one transaction inserts the intake with its route, its tags and, with ``request_contact``, the support
    request, its event and its confirmation in the outbox: all or nothing, the outbox row before any message
    (the message is queued after commit). The new intake is known only to this transaction, so it needs no
    lock, no second write and no look-up of an earlier request.

    ``idempotency``: the partner's ``Idempotency-Key`` and the body's hash, stored in the same transaction;
    when a concurrent submission stored that key first, nothing is stored and ``IdempotencyKeyTaken`` says so.
    """
    answers = _complete_answers(answers)
    evaluation = intake_evaluate(answers=answers)
    language = translation.get_language() or settings.LANGUAGE_CODE
    for _attempt in range(REFERENCE_ATTEMPTS):
        intake = Intake(source=Intake.Source.PARTNER_API, partner=partner, language=language,
                        current_step=q.STEPS[-1].slug)
        _apply_evaluation(intake=intake, answers=answers, evaluation=evaluation)
        if request_contact:
            _check_can_request(intake)
        store = _store_in_one_statement if ONE_STATEMENT and connection.vendor == "postgresql" else _store_with_orm
        try:
            store(intake=intake, partner=partner, tags=_tags_for(answers), request_contact=request_contact,
                  idempotency=idempotency)
            return intake
        except IntegrityError as error:
            if idempotency is not None and _is_constraint(error, "idempotency"):
                raise IdempotencyKeyTaken from error
            if not _is_reference_collision(error):
                raise
    # pragma: no cover - 32**8 references make five collisions in a row practically impossible
    raise ValidationError(_("Het lukte niet om uw hulpvraag op te slaan. Probeer het opnieuw."))


# The partner submission's rows in one statement on PostgreSQL (journeys/intake/submission_sql.py); the tests
# switch it off to store the same submission through the ORM, the reference the statement is compared with.
ONE_STATEMENT = True


def _store_with_orm(*, intake: Intake, partner: PartnerApiKey, tags: list, request_contact: bool,
                    idempotency: tuple[str, str] | None) -> None:
    """The submission's rows through the ORM, in one transaction (other databases; the tests' reference)."""
    with transaction.atomic():
        intake.save(force_insert=True)
        IntakeTag.objects.bulk_create([IntakeTag(intake=intake, dimension=d, code=c) for d, c in tags])
        if request_contact:
            _open_support_request(intake=intake, partner=partner)
        else:  # known to have none: the answer needs no query to find that out
            Intake.support_request.related.set_cached_value(intake, None)
        if idempotency is not None:
            PartnerIdempotencyKey.objects.create(
                partner=partner, key=idempotency[0], body_hash=idempotency[1], intake=intake)


def _confirmation_row(*, support_request: SupportRequest) -> FollowUp | None:
    """The confirmation outbox row ``followup_schedule_request_confirmation`` stores, unsaved (None: no address).

    Its ``idempotency_key`` (``confirmation:<request id>``) is set in SQL.
    """
    intake = support_request.intake
    return followups.followup_row(
        kind=FollowUpKind.REQUEST_CONFIRMATION, recipient=intake.email, language=intake.language,
        due_at=timezone.now(), idempotency_key="", support_request=support_request, intake=intake,
    )


def _store_in_one_statement(*, intake: Intake, partner: PartnerApiKey, tags: list, request_contact: bool,
                            idempotency: tuple[str, str] | None) -> None:
    """The same rows as ``_store_with_orm``, as one INSERT statement (one transaction: all or nothing)."""
    of_intake = {"intake_id": submission_sql.ref("i")}
    parts = [submission_sql.Part("i", Intake, [submission_sql.Row(intake)])]
    tag_rows = [IntakeTag(intake=intake, dimension=d, code=c) for d, c in tags]
    if tag_rows:
        parts.append(submission_sql.Part("t", IntakeTag, [submission_sql.Row(t, of_intake) for t in tag_rows]))
    support_request = followup = None
    if request_contact:
        support_request, created = _new_support_request(intake=intake, partner=partner)
        of_request = {"request_id": submission_sql.ref("r")}
        parts.append(submission_sql.Part("r", SupportRequest, [submission_sql.Row(support_request, of_intake)]))
        events = [submission_sql.Row(created, of_request)]
        followup = _confirmation_row(support_request=support_request)
        if followup is not None:
            parts.append(submission_sql.Part("f", FollowUp, [submission_sql.Row(followup, {
                **of_intake, "support_request_id": submission_sql.ref("r"),
                "idempotency_key": "('confirmation:' || (SELECT id FROM r))",
            })]))
            # followup_record_event's line, its followup_id taken from the row just inserted
            scheduled = RequestEvent(
                request=support_request, hub_id=support_request.hub_id, actor=None,
                kind=RequestEvent.Kind.EMAIL_SCHEDULED, text=str(FollowUpKind(followup.kind).label),
                data={"followup_id": None, "followup_kind": followup.kind, "recipient": followup.audience},
                is_public=False,
            )
            events.append(submission_sql.Row(scheduled, of_request))
        if followup is not None:  # the line's followup_id is the outbox row's id, which only the statement knows
            for row in events:
                row.refs = {**row.refs, "data": (
                    "CASE WHEN x.data ? 'followup_id' "
                    "THEN x.data || jsonb_build_object('followup_id', (SELECT id FROM f)) ELSE x.data END")}
        parts.append(submission_sql.Part("e", RequestEvent, events))
    key_row = None
    if idempotency is not None:
        key_row = PartnerIdempotencyKey(partner=partner, key=idempotency[0], body_hash=idempotency[1], intake=intake)
        parts.append(submission_sql.Part("k", PartnerIdempotencyKey, [submission_sql.Row(key_row, of_intake)]))
    submission_sql.insert_rows(parts)
    # The ids the statement made, on the instances as the ORM would have left them.
    for row in [*tag_rows, *([key_row] if key_row else [])]:
        row.intake_id = intake.pk
    if support_request is None:
        Intake.support_request.related.set_cached_value(intake, None)
        return
    support_request.intake_id = intake.pk
    for row in events:
        row.obj.request_id = support_request.pk
    intake.support_request = support_request
    if followup is not None:
        followup.intake_id, followup.support_request_id = intake.pk, support_request.pk
        followup.idempotency_key = f"confirmation:{support_request.pk}"
        scheduled.data["followup_id"] = followup.pk
        followups.followup_send_soon()  # committed already (one statement): a sweep is queued right away
