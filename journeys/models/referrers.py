"""Warm referrers (issue 19.4): advisors ("doorverwijzers") who bring their clients in.

An advisor is a normal user account with a ``Referrer`` profile: not hub staff, not a catalogue admin. The
intakes an advisor starts for a client are linked in ``ReferredIntake`` (a table of its own, so the intake
and request tables stay as they are); the advisor sees only the requests of those intakes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferrerKind(models.TextChoices):
    ACCOUNTANT = "accountant", _("Accountant")
    TRADE_ASSOCIATION = "trade_association", _("Branchevereniging")
    MUNICIPALITY = "municipality", _("Gemeente")
    ACCELERATION_PARTNER = "acceleration_partner", _("Versnellingspartner")


class Referrer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrer_profile")
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    kind = models.CharField(_("soort doorverwijzer"), max_length=30, choices=ReferrerKind.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("doorverwijzer")
        verbose_name_plural = _("doorverwijzers")

    def __str__(self) -> str:
        return self.organisation_name


class ReferredIntake(models.Model):
    """An intake an advisor started for a client, with the moment the advisor confirmed the client agreed."""

    intake = models.OneToOneField("journeys.Intake", on_delete=models.CASCADE, related_name="referred_by")
    referrer = models.ForeignKey(Referrer, on_delete=models.PROTECT, related_name="intakes")
    client_consent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intake via een doorverwijzer")
        verbose_name_plural = _("intakes via een doorverwijzer")

    def __str__(self) -> str:
        return f"{self.referrer} → {self.intake_id}"
