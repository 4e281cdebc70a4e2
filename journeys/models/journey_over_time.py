"""Keeping the company moving after the first answer: alerts for a scheme's next round (issue 20)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


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
