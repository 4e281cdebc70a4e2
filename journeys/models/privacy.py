"""The record of every privacy request handled by a catalogue admin: who and when, never whose data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyAction(models.Model):
    """One export or erasure. Deliberately without the e-mail address or any count that could name it."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Gegevens geëxporteerd")
        ERASE = "erase", _("Gegevens gewist")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the record still says who after the account is deleted.
    performed_by_username = models.CharField(max_length=150)
    performed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-performed_at", "-id"]
        verbose_name = _("privacyverzoek")
        verbose_name_plural = _("privacyverzoeken")

    def __str__(self) -> str:
        return f"{self.kind} by {self.performed_by_username} at {self.performed_at:%Y-%m-%d %H:%M}"
