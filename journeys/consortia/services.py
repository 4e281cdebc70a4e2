"""Writes of the consortium builder: opt in and withdraw, put a consortium together, introduce, answer.

Privacy (docs/consortia.md): others only ever see a profile's company name, province and roles; its e-mail
address goes to the other members only after every one of them said yes to the introduction. Withdrawing
takes the profile out of every proposal and open consortium at once and blanks its name and address.
"""

import logging
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journeys.consortia import proposals, rules, selectors, workflow
from journeys.followups.services import followup_cancel, followup_schedule, normalise_email
from journeys.models import (
    Consortium,
    ConsortiumEvent,
    ConsortiumMember,
    ConsortiumStatus,
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Intake,
    PartnerProfile,
)
from schemes import vocabulary as v
from schemes.models import Scheme

logger = logging.getLogger(__name__)
CONSORTIUM_KINDS = (FollowUpKind.CONSORTIUM_INTRODUCTION, FollowUpKind.CONSORTIUM_CONTACTS)


def partner_profile_create(*, intake: Intake, data: dict) -> PartnerProfile:
    """The profile for this intake from the opt-in form's cleaned data; a second opt-in updates it.

    ``data`` keys: roles_offered, roles_sought, materials, material_volume, region_scope, company_name,
    company_size, email (may be empty when the intake has one), consent (must be true).
    """
    if not data.get("consent"):
        raise ValidationError(_("Geef toestemming, anders kan het loket geen partners voor u zoeken."),
                              code="consent")
    email = normalise_email(data.get("email") or intake.email)
    if not email:
        raise ValidationError(_("Vul uw e-mailadres in, zoals naam@bedrijf.nl."), code="email")
    size = data.get("company_size") or intake.company_size
    values = {
        "hub": intake.hub, "province": intake.province, "company_name": data["company_name"].strip(),
        "email": email, "language": intake.language, "is_large": None if not size else size == v.CompanySize.LARGE,
        "sectors": list(intake.answers.get("sectors") or []), "stage": intake.stage,
        "roles_offered": list(data["roles_offered"]), "roles_sought": list(data.get("roles_sought") or []),
        "materials": list(data.get("materials") or []), "material_volume": data.get("material_volume") or "",
        "region_scope": data["region_scope"], "consent_at": timezone.now(), "withdrawn_at": None,
    }
    with transaction.atomic():
        profile, _created = PartnerProfile.objects.update_or_create(intake=intake, defaults=values)
    logger.info("Partner profile %s stored.", profile.pk)
    return profile


def _member_removed(*, member: ConsortiumMember, now: datetime) -> None:
    ConsortiumMember.objects.filter(pk=member.pk).update(removed_at=now)
    ConsortiumEvent.objects.create(consortium_id=member.consortium_id, kind=ConsortiumEvent.Kind.MEMBER_WITHDRAWN,
                                   data={"member_id": member.pk})
    consortium_recheck(consortium=Consortium.objects.get(pk=member.consortium_id))


def partner_profile_withdraw(*, profile: PartnerProfile) -> bool:
    """Withdraw the consent: out of every proposal and open consortium now; name and address blanked.

    False when it was withdrawn already. Scheduled consortium e-mails to the profile are cancelled.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = PartnerProfile.objects.select_for_update().filter(pk=profile.pk, withdrawn_at__isnull=True).first()
        if locked is None:
            return False
        for followup in FollowUp.objects.filter(
                kind__in=CONSORTIUM_KINDS, recipient=locked.email, state=FollowUpState.SCHEDULED):
            followup_cancel(followup=followup, reason="withdrawn")
        PartnerProfile.objects.filter(pk=locked.pk).update(withdrawn_at=now, company_name="", email="", updated_at=now)
        for member in selectors.open_memberships(profile=locked):
            _member_removed(member=member, now=now)
    profile.withdrawn_at, profile.company_name, profile.email = now, "", ""
    logger.info("Partner profile %s withdrawn.", profile.pk)
    return True


def partner_profile_withdraw_for_email(*, email: str) -> int:
    """The one-click unsubscribe withdraws every profile with this address too. Returns how many."""
    email = normalise_email(email)
    if not email:
        return 0
    return sum(partner_profile_withdraw(profile=p) for p in PartnerProfile.objects.filter(
        email=email, withdrawn_at__isnull=True))


def partner_profile_anonymise(*, intake_id: int, now: datetime) -> None:
    """Retention: the intake is anonymised, so is its profile (withdrawn, name and address blanked)."""
    for profile in PartnerProfile.objects.filter(intake_id=intake_id, withdrawn_at__isnull=True):
        partner_profile_withdraw(profile=profile)
    PartnerProfile.objects.filter(intake_id=intake_id).update(
        company_name="", email="", anonymised_at=now, updated_at=now)


def _new_reference() -> str:
    return f"KP-{secrets.token_hex(4).upper()}"


def consortium_recheck(*, consortium: Consortium) -> list[dict]:
    """Check the active members against every consortium scheme again and store what is missing."""
    members = [m for m in selectors.consortium_members(consortium=consortium)
               if m.removed_at is None and m.answer != ConsortiumMember.Answer.NO]
    group = [proposals.Candidate(
        id=m.profile_id, is_large=m.profile.is_large, roles_offered=frozenset([m.role] if m.role else []),
        roles_sought=frozenset(), materials=frozenset(), sectors=frozenset(),
        province=m.profile.province.code if m.profile.province else None, scope=m.profile.region_scope,
    ).member() for m in members]
    checks = []
    for scheme in selectors.consortium_schemes():
        criteria = rules.consortium_check(members=group, rules=scheme)
        checks.append({"scheme": scheme.slug, "name": scheme.name, "name_en": scheme.name_en,
                       "eligible": rules.is_eligible(criteria), "criteria": criteria})
    checks.sort(key=lambda c: (c["scheme"] != (consortium.scheme.slug if consortium.scheme else None),
                               not c["eligible"], c["name"]))
    Consortium.objects.filter(pk=consortium.pk).update(eligibility=checks, updated_at=timezone.now())
    consortium.eligibility = checks
    return checks


def _role_for(profile: PartnerProfile, taken: set[str]) -> str:
    for role in profile.roles_offered:
        if role not in taken:
            return role
    return profile.roles_offered[0] if profile.roles_offered else ""


def consortium_create(*, profile: PartnerProfile, member_ids: list[int], scheme_slug: str, actor) -> Consortium:
    """Record a proposed group for ``profile`` (deciding hub: the profile's own hub), lead applicant first.

    Every member must be an active profile that is a possible partner of ``profile``.
    """
    ids = list(dict.fromkeys(member_ids))
    if profile.pk not in ids:
        ids.insert(0, profile.pk)
    if len(ids) < 2:
        raise ValidationError(_("Kies minstens één partner."), code="members")
    found = selectors.profiles_by_id(ids=ids)
    if len(found) != len(ids) or not all(p.is_active for p in found.values()):
        raise ValidationError(_("Een van deze bedrijven doet niet meer mee. Kijk opnieuw naar de voorstellen."),
                              code="withdrawn")
    me = selectors.candidate_for(profile)
    others = [selectors.candidate_for(found[pk]) for pk in ids if pk != profile.pk]
    if any(proposals.pair_fit(me, other) is None for other in others):
        raise ValidationError(_("Een van deze bedrijven past niet bij dit profiel."), code="fit")
    scheme = next((s for s in selectors.consortium_schemes() if s.slug == scheme_slug), None)
    if scheme is None:
        raise ValidationError(_("Kies een regeling voor een samenwerking."), code="scheme")
    ordered = [c.id for c in proposals.lead_first([me, *others], scheme)]
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    consortium = Consortium.objects.create(
                        reference=_new_reference(), hub=profile.hub, created_by=actor,
                        scheme=Scheme.objects.filter(slug=scheme.slug).first())
                break
            except IntegrityError:
                continue
        else:
            raise RuntimeError("no free consortium reference")
        taken: set[str] = set()
        for position, pk in enumerate(ordered):
            role = _role_for(found[pk], taken)
            taken.add(role)
            ConsortiumMember.objects.create(consortium=consortium, profile_id=pk, position=position, role=role)
        ConsortiumEvent.objects.create(consortium=consortium, kind=ConsortiumEvent.Kind.CREATED, actor=actor,
                                       data={"scheme": scheme.slug, "members": len(ordered)})
        consortium_recheck(consortium=consortium)
    return consortium


def _schedule(*, kind: str, member: ConsortiumMember, key: str) -> FollowUp | None:
    profile = member.profile
    if not profile.email:
        return None
    return followup_schedule(
        kind=kind, recipient=profile.email, language=profile.language, due_at=timezone.now(),
        idempotency_key=key, intake=profile.intake,
        payload={"consortium_id": member.consortium_id, "member_id": member.pk},
    )


def consortium_introduce(*, consortium: Consortium, actor) -> int:
    """Introduce the members to each other: each gets an e-mail with the others' company names and the hub's
    contact, and a link to say yes or no. Returns the number of e-mails scheduled."""
    with transaction.atomic():
        locked = Consortium.objects.select_for_update().get(pk=consortium.pk)
        if not workflow.allowed(current=locked.status, new=ConsortiumStatus.INTRODUCED):
            raise ValidationError(_("Deze groep is al aan elkaar voorgesteld."), code="status")
        members = [m for m in selectors.consortium_members(consortium=locked) if m.removed_at is None]
        if len(members) < 2:
            raise ValidationError(_("Er zijn minstens twee bedrijven nodig voor een kennismaking."), code="members")
        Consortium.objects.filter(pk=locked.pk).update(status=ConsortiumStatus.INTRODUCED, updated_at=timezone.now())
        sent = sum(_schedule(kind=FollowUpKind.CONSORTIUM_INTRODUCTION, member=m,
                             key=f"consortium-intro:{m.pk}") is not None for m in members)
        ConsortiumEvent.objects.create(consortium=locked, kind=ConsortiumEvent.Kind.INTRODUCED, actor=actor,
                                       data={"emails": sent})
        consortium.status = ConsortiumStatus.INTRODUCED
        consortium_recheck(consortium=consortium)
    return sent


def consortium_answer(*, member: ConsortiumMember, yes: bool) -> bool:
    """One member's yes or no to the introduction, once; False if it had answered or is no longer a member.

    When nobody is left to answer and at least two said yes, each of those gets the others' contact details.
    """
    now = timezone.now()
    with transaction.atomic():
        consortium = Consortium.objects.select_for_update().get(pk=member.consortium_id)
        answer = ConsortiumMember.Answer.YES if yes else ConsortiumMember.Answer.NO
        stored = ConsortiumMember.objects.filter(
            pk=member.pk, answer=ConsortiumMember.Answer.PENDING, removed_at__isnull=True,
            profile__withdrawn_at__isnull=True,
        ).exclude(consortium__status=ConsortiumStatus.DECLINED).update(answer=answer, answered_at=now)
        if not stored:
            return False
        ConsortiumEvent.objects.create(consortium=consortium, kind=ConsortiumEvent.Kind.ANSWERED,
                                       data={"member_id": member.pk, "answer": answer})
        members = [m for m in selectors.consortium_members(consortium=consortium) if m.removed_at is None]
        yes_members = [m for m in members if m.answer == ConsortiumMember.Answer.YES]
        if not any(m.answer == ConsortiumMember.Answer.PENDING for m in members) and len(yes_members) >= 2:
            for m in yes_members:
                _schedule(kind=FollowUpKind.CONSORTIUM_CONTACTS, member=m, key=f"consortium-contacts:{m.pk}")
        consortium_recheck(consortium=consortium)
    return True


def consortium_set_status(*, consortium: Consortium, status: str, actor) -> None:
    with transaction.atomic():
        locked = Consortium.objects.select_for_update().get(pk=consortium.pk)
        if status not in workflow.MANUAL or not workflow.allowed(current=locked.status, new=status):
            raise ValidationError(_("Deze stap kan nu niet."), code="status")
        Consortium.objects.filter(pk=locked.pk).update(status=status, updated_at=timezone.now())
        ConsortiumEvent.objects.create(consortium=locked, kind=ConsortiumEvent.Kind.STATUS, actor=actor,
                                       data={"from": locked.status, "to": status})
        consortium.status = status
        consortium_recheck(consortium=consortium)
