"""Referrals of a support request to a partner organisation (issue 19). The request keeps its hub."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerReferral(models.Model):
    """A hub sent (the details of) a request to a partner organisation, and later what came of it.

    ``delivery`` records which way it went: with the entrepreneur's referral consent (and a partner that takes
    referrals) the partner got the question by e-mail; otherwise the entrepreneur got the partner's details.
    """

    class Delivery(models.TextChoices):
        TO_PARTNER = "to_partner", _("Vraag doorgestuurd naar de partner")
        TO_ENTREPRENEUR = "to_entrepreneur", _("Gegevens van de partner naar de ondernemer")

    class Outcome(models.TextChoices):
        HELPED = "helped", _("Geholpen")
        NOT_HELPED = "not_helped", _("Niet geholpen")
        NO_ANSWER = "no_answer", _("Geen antwoord")

    request = models.ForeignKey("journeys.SupportRequest", on_delete=models.CASCADE, related_name="partner_referrals")
    partner = models.ForeignKey("schemes.PartnerOrganisation", on_delete=models.PROTECT, related_name="referrals")
    hub = models.ForeignKey("schemes.Hub", null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("wat de partner moet weten"))
    delivery = models.CharField(max_length=16, choices=Delivery.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One referral per request and partner: sending the same partner again is a mistake, not a new fact.
            models.UniqueConstraint(fields=["request", "partner"], name="unique_partner_referral"),
        ]
        verbose_name = _("doorverwijzing naar een partner")
        verbose_name_plural = _("doorverwijzingen naar partners")

    def __str__(self) -> str:
        return f"{self.request_id} → {self.partner_id}"
