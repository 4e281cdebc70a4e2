"""Writes for warm referrers: invite an advisor (account, profile and the invitation e-mail in one transaction),
send the invitation again, and switch an advisor's account off and on."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.followups.services import followup_schedule, normalise_email
from journeys.models import FollowUpKind, Intake, ReferredIntake, Referrer, ReferrerKind
from journeys.referrers.selectors import may_invite_referrers


def referrer_invite(
    *, email: str, name: str, organisation_name: str, kind: str, actor: AbstractBaseUser
) -> Referrer:
    """Create the advisor's account (no usable password yet) and schedule the invitation e-mail.

    The username is the e-mail address: that is what the advisor types at /medewerkers/login/.
    """
    if not may_invite_referrers(user=actor):
        raise PermissionDenied
    email = normalise_email(email)
    if kind not in ReferrerKind.values:
        raise ValidationError(_("Kies de soort doorverwijzer."), code="unknown_kind")
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=email).exists() or user_model.objects.filter(
            email__iexact=email).exists():
        raise ValidationError(_("Er is al een account met dit e-mailadres."), code="exists")
    with transaction.atomic():
        user = user_model(username=email, email=email, first_name=name.strip())
        user.set_unusable_password()
        user.save()
        referrer = Referrer.objects.create(
            user=user, organisation_name=organisation_name.strip(), kind=kind, invited_by=actor)
        _schedule_invitation(referrer=referrer)
    return referrer


def _schedule_invitation(*, referrer: Referrer) -> None:
    # The link itself is made when the mail is sent (journeys/referrers/emails.py): no secret in the row.
    followup_schedule(
        kind=FollowUpKind.REFERRER_INVITATION, recipient=referrer.user.email, language="nl", due_at=timezone.now(),
        idempotency_key=f"referrer-invitation:{referrer.pk}:{secrets.token_hex(4)}",
        payload={"referrer_id": referrer.pk},
    )


def referrer_invitation_resend(*, referrer: Referrer, actor: AbstractBaseUser) -> None:
    """A new invitation e-mail for an advisor who has not chosen a password yet (the old link keeps its expiry)."""
    if not may_invite_referrers(user=actor):
        raise PermissionDenied
    if referrer.user.has_usable_password() or not referrer.user.is_active:
        raise ValidationError(_("Deze doorverwijzer heeft al een wachtwoord of staat uit."), code="not_invited")
    with transaction.atomic():
        _schedule_invitation(referrer=referrer)


def referrer_set_active(*, referrer: Referrer, active: bool, actor: AbstractBaseUser) -> None:
    """Switch the advisor's account off (log-in and every open session stop working at once) or on again.

    Nothing is deleted: the requests the advisor brought in stay with their hubs, "Mijn klanten" returns when the
    account is switched on again.
    """
    if not may_invite_referrers(user=actor) or may_invite_referrers(user=referrer.user) or referrer.user.is_superuser:
        raise PermissionDenied  # only advisors' accounts: never staff, an admin, or oneself
    type(referrer.user).objects.filter(pk=referrer.user_id).update(is_active=active)


def referred_intake_start(*, referrer: Referrer, language: str = "nl") -> Intake:
    """An empty draft intake the advisor fills in with a client; the support request it leads to is theirs."""
    with transaction.atomic():
        intake = Intake.objects.create(language=language if language in {"nl", "en"} else "nl")
        ReferredIntake.objects.create(intake=intake, referrer=referrer)
    return intake
