"""The consortium builder (issue 18): partner profiles from an opt-in, and consortia that hubs introduce.

A profile lives as long as the consent: withdrawing it (status page, e-mail link, unsubscribe) sets
``withdrawn_at``, which takes it out of every proposal and every open consortium at once; retention then
blanks its company name and e-mail address with its intake (journeys/privacy/retention.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionScope(models.TextChoices):
    OWN = "own", _("Alleen in mijn eigen provincie")
    NEIGHBOURING = "neighbouring", _("In mijn provincie en de provincies ernaast")
    NATIONAL = "national", _("In heel Nederland")


class PartnerProfile(models.Model):
    """One company that asked the portal to look for chain partners, with what hub staff may show others.

    Staff may show others only ``company_name``, the province and the roles (the consent's wording);
    ``email`` is for the portal's own introduction e-mails and is shared with a partner only after both
    said yes to the introduction.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intake = models.OneToOneField("journeys.Intake", on_delete=models.CASCADE, related_name="partner_profile")
    hub = models.ForeignKey("schemes.Hub", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    province = models.ForeignKey(
        "schemes.Province", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company_name = models.CharField(max_length=200)
    email = models.EmailField()
    language = models.CharField(max_length=5, default="nl")
    is_large = models.BooleanField(null=True)  # None: size unknown
    sectors = models.JSONField(default=list, blank=True)
    stage = models.CharField(max_length=12, blank=True)
    roles_offered = models.JSONField(default=list)
    roles_sought = models.JSONField(default=list, blank=True)
    materials = models.JSONField(default=list, blank=True)
    material_volume = models.CharField(max_length=10, blank=True)
    region_scope = models.CharField(max_length=12, choices=RegionScope.choices, default=RegionScope.NEIGHBOURING)
    consent_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Proposals read the active profiles of a few provinces.
            models.Index(fields=["province"], condition=Q(withdrawn_at__isnull=True), name="partner_active_province"),
        ]
        verbose_name = _("ketenpartnerprofiel")
        verbose_name_plural = _("ketenpartnerprofielen")

    def __str__(self) -> str:
        return self.company_name or str(self.public_id)

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.anonymised_at is None


class ConsortiumStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    INTRODUCED = "introduced", _("Voorgesteld aan elkaar")
    FORMED = "formed", _("Gevormd")
    APPLIED = "applied", _("Aangevraagd")
    DECLINED = "declined", _("Afgewezen of gestopt")


class Consortium(models.Model):
    """A group of profiles a hub put together, with its status, timeline and eligibility as last checked."""

    reference = models.CharField(max_length=20, unique=True)
    hub = models.ForeignKey("schemes.Hub", on_delete=models.PROTECT, related_name="+")  # the deciding hub
    scheme = models.ForeignKey("schemes.Scheme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=ConsortiumStatus.choices, default=ConsortiumStatus.PROPOSED)
    # Per consortium scheme: {"scheme": slug, "name": ..., "eligible": bool, "criteria": [...]} as last checked.
    eligibility = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")

    def __str__(self) -> str:
        return self.reference


class ConsortiumMember(models.Model):
    class Answer(models.TextChoices):
        PENDING = "pending", _("Nog geen antwoord")
        YES = "yes", _("Ja")
        NO = "no", _("Nee")

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="members")
    profile = models.ForeignKey(PartnerProfile, on_delete=models.CASCADE, related_name="memberships")
    position = models.PositiveSmallIntegerField()  # 0 is the lead applicant (penvoerder)
    role = models.CharField(max_length=20, blank=True)
    answer = models.CharField(max_length=8, choices=Answer.choices, default=Answer.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)  # the profile was withdrawn

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "profile"], name="unique_consortium_member"),
        ]

    def __str__(self) -> str:
        return f"{self.consortium_id}:{self.profile_id}"


class ConsortiumEvent(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Samengesteld")
        INTRODUCED = "introduced", _("Aan elkaar voorgesteld")
        ANSWERED = "answered", _("Antwoord op de kennismaking")
        STATUS = "status", _("Status gewijzigd")
        MEMBER_WITHDRAWN = "member_withdrawn", _("Deelnemer heeft zich teruggetrokken")

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    data = models.JSONField(default=dict, blank=True)  # codes and ids only, never personal data
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.consortium_id}:{self.kind}"
