"""The entrepreneur's intake: raw answers as data, plus the fields the portal queries on."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from schemes import vocabulary as v


class Intake(models.Model):
    """One intake, from the first answer until it is submitted (and later anonymised).

    ``answers`` holds every answer by question key, exactly as the questionnaire stores it; the
    columns below are filled from it on submission so hubs and the dashboard can filter and count.
    """

    class Source(models.TextChoices):
        WEB = "web", _("Website")
        PARTNER_API = "partner_api", _("Partner-API")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.WEB)
    partner = models.ForeignKey(
        "journeys.PartnerApiKey", null=True, blank=True, on_delete=models.SET_NULL, related_name="intakes"
    )
    language = models.CharField(max_length=5, default="nl")
    answers = models.JSONField(default=dict, blank=True)
    current_step = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # No index of its own: "insight_submitted" starts with it and serves every lookup by it (issue 17, (7d)).
    submitted_at = models.DateTimeField(null=True, blank=True)

    # Filled on submission from ``answers``.
    company_name = models.CharField(max_length=200, blank=True)
    kvk_number = models.CharField(max_length=8, blank=True)
    company_size = models.CharField(max_length=10, choices=v.CompanySize.choices, blank=True)
    postcode = models.CharField(max_length=7, blank=True)
    municipality = models.ForeignKey(
        "schemes.Municipality", null=True, blank=True, on_delete=models.SET_NULL, related_name="intakes"
    )
    province = models.ForeignKey(
        "schemes.Province", null=True, blank=True, on_delete=models.SET_NULL, related_name="intakes"
    )
    self_assessment = models.CharField(max_length=15, choices=v.SelfAssessment.choices, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    consent_share = models.BooleanField(default=False)
    followup_opt_in = models.BooleanField(default=False)

    # The portal's reasoning at submission, kept as it was shown to the entrepreneur.
    stage = models.CharField(max_length=12, choices=v.Stage.choices, blank=True, db_index=True)
    stage_reasons = models.JSONField(default=list, blank=True)
    matches = models.JSONField(default=list, blank=True)
    routing = models.JSONField(default=dict, blank=True)
    hub = models.ForeignKey("schemes.Hub", null=True, blank=True, on_delete=models.SET_NULL, related_name="intakes")

    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Insight (journeys/insights): intakes sent in during a period, narrowed by hub, province and stage
            # without visiting the table.
            models.Index(fields=["submitted_at", "hub", "province", "stage"], name="insight_submitted"),
            # Hub queue search by KvK number; name and e-mail have trigram indexes (migration 0010, PostgreSQL).
            models.Index(fields=["kvk_number"], name="intake_kvk_number", condition=~models.Q(kvk_number="")),
        ]
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return self.company_name or str(self.public_id)


class IntakeTag(models.Model):
    """One selected option of a multi-choice answer, so aggregates are plain GROUP BYs in any database."""

    class Dimension(models.TextChoices):
        SECTOR = "sector", _("Sector")
        THEME = "theme", _("Thema")
        BUSINESS_AREA = "business_area", _("Bedrijfsonderdeel")
        DRIVER = "driver", _("Reden")
        BARRIER = "barrier", _("Belemmering")

    # No index of its own: "unique_intake_tag" starts with it (issue 17, (7d)).
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="tags", db_index=False)
    dimension = models.CharField(max_length=15, choices=Dimension.choices)
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["intake", "dimension", "code"], name="unique_intake_tag")
        ]
        indexes = [
            models.Index(fields=["dimension", "code"]),
            # Insight: all tags of one dimension with their intake, read from the index alone.
            models.Index(fields=["dimension", "intake", "code"], name="insight_tag_dimension"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.code}"


class PartnerApiKey(models.Model):
    """A key for partner organisations (advisors, accountants) that submit intakes on someone's behalf.

    Only a hash of the key is stored; the key itself is shown once when it is created.
    """

    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=128)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("partner-API-sleutel")
        verbose_name_plural = _("partner-API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class PartnerIdempotencyKey(models.Model):
    """An ``Idempotency-Key`` a partner sent with a submission, and the intake that submission created.

    The same key with the same body gets that intake's answer again instead of a second intake (a client
    that retries after a time-out); the same key with another body is refused (422). Stored in the
    submission's own transaction, so a key never points to an intake that was not stored.
    """

    partner = models.ForeignKey(PartnerApiKey, on_delete=models.CASCADE, related_name="idempotency_keys")
    key = models.CharField(max_length=255)
    body_hash = models.CharField(max_length=64)  # SHA-256 of the body as canonical JSON
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "key"], name="unique_partner_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.partner_id}:{self.key}"
