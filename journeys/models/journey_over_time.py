"""Keeping the company moving after the first answer: alerts for a scheme's next round (issue 20)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schemes import vocabulary as v


def new_subscription_token() -> str:
    """An opaque secret for the confirm and unsubscribe links: it names no address and no row number."""
    return secrets.token_urlsafe(32)


class RoundSubscription(models.Model):
    """An address that asked to hear about a scheme's rounds ("Houd mij op de hoogte").

    Double opt-in: nothing but the confirmation e-mail goes out until ``confirmed_at`` is set from the link
    in it. ``unsubscribed_at`` ends it (one click, from any alert); the dispatcher checks it again at send
    time, so an alert already in the outbox is not sent after an opt-out.
    """

    scheme = models.ForeignKey("schemes.Scheme", on_delete=models.CASCADE, related_name="round_subscriptions")
    email = models.EmailField()
    language = models.CharField(max_length=5, default="nl")
    token = models.CharField(max_length=64, unique=True, default=new_subscription_token)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "email"], name="unique_round_subscription")]
        indexes = [
            # The alert scan reads the active subscribers of one scheme.
            models.Index(fields=["scheme", "confirmed_at"], name="round_subscription_active",
                         condition=models.Q(unsubscribed_at__isnull=True, confirmed_at__isnull=False)),
        ]
        verbose_name = _("aanmelding voor rondenieuws")
        verbose_name_plural = _("aanmeldingen voor rondenieuws")

    def __str__(self) -> str:
        return f"{self.scheme_id}:{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class JourneyResult(models.TextChoices):
    """What came of the help, as staff record it at close (and, later, the entrepreneur in the re-assessment)."""

    REFERRED = "referred", _("Doorverwezen naar een regeling of partner")
    APPLIED = "applied", _("Aangevraagd")
    AWARDED = "awarded", _("Toegekend")
    NO_FOLLOW_UP = "no_follow_up", _("Geen vervolg")


class RequestOutcome(models.Model):
    """One report of what came of a request: by staff at or after closing, or by the entrepreneur.

    It adds to ``SupportRequest.outcome`` (why the request was closed); it does not replace it. The values
    in tonnes and euros of new circular revenue are what the company said, never checked by the hub: they
    are stored with ``source`` and always shown as "zelf opgegeven" (self-reported).
    """

    class Source(models.TextChoices):
        STAFF = "staff", _("Medewerker loket")
        ENTREPRENEUR = "entrepreneur", _("Ondernemer")

    support_request = models.ForeignKey(
        "journeys.SupportRequest", on_delete=models.CASCADE, related_name="journey_outcomes"
    )
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.STAFF)
    result = models.CharField(_("wat kwam eruit"), max_length=12, choices=JourneyResult.choices)
    scheme = models.ForeignKey(
        "schemes.Scheme", verbose_name=_("regeling"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="journey_outcomes",
    )
    partner = models.CharField(_("partner"), max_length=200, blank=True)
    amount_eur = models.PositiveIntegerField(_("toegekend bedrag (euro)"), null=True, blank=True)
    tonnes_saved = models.DecimalField(
        _("materiaal bespaard (ton per jaar, zelf opgegeven)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    circular_revenue_eur = models.PositiveIntegerField(
        _("nieuwe circulaire omzet (euro per jaar, zelf opgegeven)"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("resultaat van een hulpvraag")
        verbose_name_plural = _("resultaten van hulpvragen")

    def __str__(self) -> str:
        return f"{self.support_request_id}:{self.result}"


class Reassessment(models.Model):
    """The entrepreneur's answer to "Waar staat u nu?", FOLLOWUP_REASSESS_MONTHS after closing and yearly after.

    ``number`` counts the asks (1 = the first, after FOLLOWUP_REASSESS_MONTHS; 2 = a year later, ...).
    ``keep_asking`` False stops the yearly asks for this request. What came of it is a ``RequestOutcome``
    with source "entrepreneur".
    """

    support_request = models.ForeignKey(
        "journeys.SupportRequest", on_delete=models.CASCADE, related_name="reassessments"
    )
    number = models.PositiveSmallIntegerField()
    self_assessment = models.CharField(max_length=15, choices=v.SelfAssessment.choices)
    stage = models.CharField(max_length=12, choices=v.Stage.choices)
    what_did = models.TextField(blank=True)
    what_helped = models.TextField(blank=True)
    # Barrier codes the intake named, and which of them the entrepreneur now calls solved.
    barriers_then = models.JSONField(default=list, blank=True)
    barriers_resolved = models.JSONField(default=list, blank=True)
    keep_asking = models.BooleanField(default=True)
    answered_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["support_request", "number"]
        constraints = [
            models.UniqueConstraint(fields=["support_request", "number"], name="unique_reassessment_number")
        ]
        verbose_name = _("herbeoordeling")
        verbose_name_plural = _("herbeoordelingen")

    def __str__(self) -> str:
        return f"{self.support_request_id}#{self.number}"
