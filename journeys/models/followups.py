"""The follow-up outbox: every e-mail the portal sends later is a row first, and an address's opt-out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpKind(models.TextChoices):
    REQUEST_CONFIRMATION = "request_confirmation", _("Bevestiging hulpvraag")
    INTAKE_REMINDER = "intake_reminder", _("Herinnering: intake afmaken")
    RESUME_LINK = "resume_link", _("Link om verder te gaan met de intake")
    RESPONSE_DUE_SOON = "response_due_soon", _("Reactietermijn loopt bijna af")
    RESPONSE_OVERDUE = "response_overdue", _("Reactietermijn verlopen")
    SURVEY = "survey", _("Vraag: heeft dit u geholpen?")
    SCHEME_ALERT = "scheme_alert", _("Nieuws over een regeling")
    CATALOGUE_HEALTH = "catalogue_health", _("Gezondheid van de catalogus (maandelijks)")
    PUBLIC_MESSAGE = "public_message", _("Bericht van het loket")
    REFERRAL_TO_PARTNER = "referral_to_partner", _("Doorverwijzing aan een partner")
    REFERRAL_PARTNER_DETAILS = "referral_partner_details", _("Gegevens van een partner voor de ondernemer")
    CONSORTIUM_INTRODUCTION = "consortium_introduction", _("Kennismaking met mogelijke ketenpartners")
    CONSORTIUM_CONTACTS = "consortium_contacts", _("Contactgegevens van ketenpartners")
    ROUND_CONFIRM = "round_confirm", _("Bevestig: houd mij op de hoogte van een regeling")
    ROUND_ALERT = "round_alert", _("Nieuws over een ronde van een regeling")
    REASSESSMENT = "reassessment", _("Vraag: waar staat u nu?")
    REFERRER_INVITATION = "referrer_invitation", _("Uitnodiging voor een doorverwijzer")


# Mails a person's own action just caused, and who is waiting for them: a sweep claims these first
# (journeys.followups.dispatch), through the partial index ``followup_waiting_due``.
WAITING_KINDS = (
    FollowUpKind.REQUEST_CONFIRMATION, FollowUpKind.RESUME_LINK, FollowUpKind.ROUND_CONFIRM,
    FollowUpKind.PUBLIC_MESSAGE, FollowUpKind.REFERRAL_TO_PARTNER, FollowUpKind.REFERRAL_PARTNER_DETAILS,
    FollowUpKind.CONSORTIUM_INTRODUCTION, FollowUpKind.CONSORTIUM_CONTACTS, FollowUpKind.REFERRER_INVITATION,
)


class FollowUpState(models.TextChoices):
    SCHEDULED = "scheduled", _("Gepland")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")
    CANCELLED = "cancelled", _("Geannuleerd")


class FollowUp(models.Model):
    """One e-mail to send at ``due_at``; created in the same transaction as the event that causes it.

    ``idempotency_key`` makes scheduling safe to repeat (a beat scan that runs twice schedules once).
    ``claimed_by`` names the single worker that won the claim; ``send_started_at`` is written just before
    the mail server is called, so a worker killed earlier is known not to have sent anything.
    """

    class Audience(models.TextChoices):
        ENTREPRENEUR = "entrepreneur", _("Ondernemer")
        STAFF = "staff", _("Medewerker loket")
        PARTNER = "partner", _("Partnerorganisatie")

    kind = models.CharField(max_length=24, choices=FollowUpKind.choices)
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.ENTREPRENEUR)
    recipient = models.EmailField()
    language = models.CharField(max_length=5, default="nl")
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=FollowUpState.choices, default=FollowUpState.SCHEDULED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=120, blank=True)
    send_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(max_length=40, blank=True)
    support_request = models.ForeignKey(
        "journeys.SupportRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    intake = models.ForeignKey(
        "journeys.Intake", null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    scheme = models.ForeignKey(
        "schemes.Scheme", null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["state", "due_at"], name="followup_state_due"),
            models.Index(fields=["recipient", "state"], name="followup_recipient_state"),
            models.Index(fields=["due_at"], name="followup_waiting_due",
                         condition=models.Q(state="scheduled", kind__in=WAITING_KINDS)),
        ]
        verbose_name = _("opvolgmail")
        verbose_name_plural = _("opvolgmails")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a rare resend is recognisably the same message."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
        return f"<followup-{self.pk}-{self.idempotency_key.replace(':', '-')}@{domain}>"


class EmailOptOut(models.Model):
    """An address that asked for no more follow-up e-mails; stored lower-case, honoured at send time too."""

    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afmelding")
        verbose_name_plural = _("afmeldingen")

    def __str__(self) -> str:
        return self.email
