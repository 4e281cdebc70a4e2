"""Support requests in a hub's queue, and the timeline of everything that happened to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schemes import vocabulary as v


class RequestStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    TRIAGE = "triage", _("In behandeling genomen")
    IN_PROGRESS = "in_progress", _("Bezig")
    REFERRED = "referred", _("Doorverwezen")
    CLOSED = "closed", _("Afgesloten")


# Statuses in which the hub still owes the entrepreneur something (they count for deadlines).
OPEN_STATUSES = (RequestStatus.NEW, RequestStatus.TRIAGE, RequestStatus.IN_PROGRESS, RequestStatus.REFERRED)


def waiting_group() -> models.Case:
    """0 for a request that still waits for its first response, else 1: the queue's default sort leads with it.

    One definition for the sort and its index (``queue_by_hub_waiting_due``): PostgreSQL only reads the order
    from an expression index whose expression is exactly the one sorted on.
    """
    return models.Case(
        models.When(models.Q(first_response_at__isnull=True, status__in=OPEN_STATUSES), then=models.Value(0)),
        default=models.Value(1), output_field=models.IntegerField(),
    )


class Outcome(models.TextChoices):
    HELPED = "helped", _("Geholpen")
    SCHEME_REFERRAL = "scheme_referral", _("Verwezen naar een regeling")
    NOT_ELIGIBLE = "not_eligible", _("Komt niet in aanmerking")
    NO_RESPONSE = "no_response", _("Geen reactie")
    DUPLICATE = "duplicate", _("Dubbele aanvraag")


class SupportRequest(models.Model):
    """The entrepreneur's one-click request for contact, in the queue of the hub it was routed to."""

    reference = models.CharField(max_length=16, unique=True)
    intake = models.OneToOneField("journeys.Intake", on_delete=models.PROTECT, related_name="support_request")
    # No index of its own: "queue_by_hub" (and three more) start with it (issue 17, (7d)).
    hub = models.ForeignKey("schemes.Hub", on_delete=models.PROTECT, related_name="support_requests",
                            db_index=False)
    status = models.CharField(max_length=12, choices=RequestStatus.choices, default=RequestStatus.NEW)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_requests",
    )
    # ``stage`` is the stage hubs work with: the computed one unless staff overrode it with a reason.
    computed_stage = models.CharField(max_length=12, choices=v.Stage.choices)
    stage = models.CharField(max_length=12, choices=v.Stage.choices)
    stage_override_reason = models.TextField(blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    # Secret for the entrepreneur's status page (from the confirmation e-mail).
    status_token = models.CharField(max_length=64, unique=True)
    # Optimistic lock: every change must name the version it saw.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    due_at = models.DateTimeField(_("eerste reactie uiterlijk"))
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    survey_helped = models.BooleanField(null=True, blank=True)
    survey_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    survey_answered_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["hub", "status", "-created_at", "-id"], name="queue_by_hub_status"),
            models.Index(fields=["hub", "-created_at", "-id"], name="queue_by_hub"),
            models.Index(fields=["due_at"], name="request_due_at"),
            # The queue sorted by "reply due first" within a hub (journeys.triage.queue).
            models.Index(fields=["hub", "due_at", "id"], name="queue_by_hub_due"),
            # The default "reply due first" sort: waiting ones first, then by deadline (journeys.triage.queue).
            models.Index(models.F("hub"), waiting_group(), models.F("due_at"), models.F("id"),
                         name="queue_by_hub_waiting_due"),
        ]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")

    def __str__(self) -> str:
        return self.reference


class RequestEvent(models.Model):
    """One line on a request's timeline. ``hub`` is the hub the request was in at that moment."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Aangemaakt")
        ASSIGNED = "assigned", _("Toegewezen")
        STATUS_CHANGED = "status_changed", _("Status gewijzigd")
        NOTE = "note", _("Notitie")
        REFERRED = "referred", _("Doorverwezen")
        STAGE_OVERRIDDEN = "stage_overridden", _("Fase aangepast")
        SCHEME_RECOMMENDED = "scheme_recommended", _("Regeling aanbevolen")
        DUPLICATE_MARKED = "duplicate_marked", _("Als dubbel gemarkeerd")
        RECOMPUTED = "recomputed", _("Opnieuw berekend")
        EMAIL_SCHEDULED = "email_scheduled", _("E-mail gepland")
        EMAIL_SENT = "email_sent", _("E-mail verstuurd")
        EMAIL_CANCELLED = "email_cancelled", _("E-mail geannuleerd")
        EMAIL_FAILED = "email_failed", _("E-mail mislukt")
        SURVEY_ANSWERED = "survey_answered", _("Enquête ingevuld")
        PUBLIC_UPDATE = "public_update", _("Bericht aan ondernemer")
        CONTACT_LOGGED = "contact_logged", _("Contact gelegd")
        PARTNER_REFERRED = "partner_referred", _("Doorverwezen naar een partner")
        PARTNER_OUTCOME = "partner_outcome", _("Uitkomst doorverwijzing")

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="events")
    hub = models.ForeignKey("schemes.Hub", null=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    # Public events show on the entrepreneur's status page; internal notes never do.
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind}"


# The first of these events is the first response: real contact with the entrepreneur, never a status
# change (journeys/triage/services.py, docs/triage.md). Migration 0011 re-derived older requests by this rule.
FIRST_RESPONSE_KINDS = (RequestEvent.Kind.PUBLIC_UPDATE, RequestEvent.Kind.CONTACT_LOGGED)


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")


class RequestHubTrace(models.Model):
    """A hub a request was referred away from: its staff keep read-only sight of the request.

    One row per (request, hub); if the request comes back and leaves again the row is refreshed.
    """

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="hub_traces")
    hub = models.ForeignKey("schemes.Hub", on_delete=models.CASCADE, related_name="request_traces")
    referred_to = models.ForeignKey("schemes.Hub", on_delete=models.PROTECT, related_name="+")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reden"))
    left_at = models.DateTimeField()

    class Meta:
        ordering = ["-left_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["request", "hub"], name="unique_request_hub_trace")]
        indexes = [models.Index(fields=["hub", "-left_at"], name="trace_by_hub")]
        verbose_name = _("eerder loket")
        verbose_name_plural = _("eerdere loketten")

    def __str__(self) -> str:
        return f"{self.request_id} via {self.hub_id}"
