"""Writes: refer a support request to a partner organisation, and record what came of it.

The request keeps its hub. What leaves the portal depends on the entrepreneur's separate referral consent
(asked at the contact request): with it, and a partner that takes referrals, the partner gets an e-mail with
only what the consent covers (journeys/referrals/emails.py); without it the entrepreneur gets an e-mail with
the partner's details and decides. Both e-mails are outbox rows written in the referral's own transaction.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.followups.services import followup_schedule, followup_schedule_survey
from journeys.models import FollowUpKind, PartnerReferral, RequestEvent, SupportRequest
from journeys.referrals.selectors import referral_consent_given
from journeys.triage.selectors import can_change_request
from schemes.models import PartnerOrganisation

NOTE_MAX_LENGTH = 2000


def _check_can_change(actor: AbstractBaseUser, support_request: SupportRequest) -> None:
    if not can_change_request(user=actor, support_request=support_request):
        raise PermissionDenied


def partner_referral_create(
    *, support_request: SupportRequest, partner: PartnerOrganisation, note: str, actor: AbstractBaseUser
) -> PartnerReferral:
    """Refer the request to ``partner``: a referral row, a public timeline line, one e-mail and the survey.

    ``referral.mailed`` tells the caller whether the e-mail was scheduled (an entrepreneur who unsubscribed
    from e-mails gets none; staff then pass the details on themselves).
    """
    _check_can_change(actor, support_request)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Schrijf wat de partner moet weten."), code="note_required")
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(_("Gebruik maximaal %(max)s tekens.") % {"max": NOTE_MAX_LENGTH}, code="note_length")
    if not partner.is_active:
        raise ValidationError(_("Deze partner is niet actief. Kies een andere partner."), code="inactive_partner")
    intake = support_request.intake
    if support_request.anonymised_at or intake.anonymised_at:
        raise ValidationError(_("Deze hulpvraag is geanonimiseerd. Doorverwijzen kan niet meer."), code="anonymised")
    to_partner = referral_consent_given(intake=intake) and partner.takes_referrals
    if not to_partner and not partner.has_public_contact:
        raise ValidationError(
            _("De ondernemer gaf geen toestemming om de vraag door te sturen, of deze partner neemt geen "
              "doorverwijzingen aan. Van deze partner zijn ook geen contactgegevens bekend. Kies een andere partner."),
            code="no_contact",
        )
    delivery = PartnerReferral.Delivery.TO_PARTNER if to_partner else PartnerReferral.Delivery.TO_ENTREPRENEUR
    # Stored once in the hubs' working language (Dutch), like the other timeline lines.
    if to_partner:
        public_text = (f"{support_request.hub.name} heeft uw vraag doorgestuurd naar {partner.name}. "
                       "Die partner neemt contact met u op. Uw loket blijft uw aanspreekpunt.")
    else:
        public_text = (f"{support_request.hub.name} raadt u aan contact op te nemen met {partner.name}. "
                       "De gegevens staan in de e-mail die wij u stuurden. Uw loket blijft uw aanspreekpunt.")
    try:
        with transaction.atomic():
            referral = PartnerReferral.objects.create(
                request=support_request, partner=partner, hub=support_request.hub, note=note, delivery=delivery,
                created_by=actor,
            )
            RequestEvent.objects.create(
                request=support_request, hub=support_request.hub, actor=actor,
                kind=RequestEvent.Kind.PARTNER_REFERRED, text=public_text, is_public=True,
                data={"referral_id": referral.pk, "partner_id": partner.pk, "partner": partner.name,
                      "partner_kind": partner.kind, "delivery": delivery},
            )
            if to_partner:
                mail = followup_schedule(
                    kind=FollowUpKind.REFERRAL_TO_PARTNER, recipient=partner.referral_email, language="nl",
                    due_at=timezone.now(), idempotency_key=f"referral-partner:{referral.pk}",
                    support_request=support_request, intake=intake, payload={"referral_id": referral.pk},
                )
            else:
                mail = followup_schedule(
                    kind=FollowUpKind.REFERRAL_PARTNER_DETAILS, recipient=intake.email, language=intake.language,
                    due_at=timezone.now(), idempotency_key=f"referral-details:{referral.pk}",
                    support_request=support_request, intake=intake, payload={"referral_id": referral.pk},
                )
            followup_schedule_survey(support_request=support_request)
    except IntegrityError:
        raise ValidationError(
            _("Deze hulpvraag is al naar deze partner doorverwezen."), code="already_referred") from None
    referral.mailed = mail is not None
    return referral


def partner_referral_record_outcome(
    *, referral: PartnerReferral, outcome: str, actor: AbstractBaseUser
) -> PartnerReferral:
    """Record what came of a referral (helped / not helped / no answer); a later answer replaces it."""
    support_request = referral.request
    _check_can_change(actor, support_request)
    if outcome not in PartnerReferral.Outcome.values:
        raise ValidationError(_("Kies wat de doorverwijzing opleverde."), code="unknown_outcome")
    with transaction.atomic():
        referral.outcome = outcome
        referral.outcome_recorded_at = timezone.now()
        referral.outcome_recorded_by = actor
        referral.save(update_fields=["outcome", "outcome_recorded_at", "outcome_recorded_by"])
        RequestEvent.objects.create(
            request=support_request, hub=support_request.hub, actor=actor, kind=RequestEvent.Kind.PARTNER_OUTCOME,
            text=f"{referral.partner.name}: {PartnerReferral.Outcome(outcome).label}", is_public=False,
            data={"referral_id": referral.pk, "partner_id": referral.partner_id, "outcome": outcome},
        )
    return referral
