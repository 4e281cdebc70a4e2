"""Schemes: every kind of support an entrepreneur can be routed to, with structured eligibility.

The list fields hold codes from schemes.vocabulary; an empty list means "no restriction" (for stages,
themes, areas and sectors) or "none required" (for requirements). Unknown facts stay empty/null and
are shown as unknown, never guessed.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from schemes import vocabulary as v


class Scheme(models.Model):
    slug = models.SlugField(_("korte naam in de link (slug)"), unique=True, max_length=120)
    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=v.SchemeKind.choices)
    summary = models.TextField(_("samenvatting (B1)"))
    summary_en = models.TextField(_("samenvatting (Engels)"), blank=True)
    url = models.URLField(_("officiële link"), blank=True)
    no_link_reason = models.CharField(
        _("waarom er geen link is"), max_length=200, blank=True,
        help_text=_("Verplicht als u publiceert zonder link, bijvoorbeeld 'Alleen via het loket'. "
                    "Ondernemers zien deze tekst in plaats van een link."),
    )
    no_link_reason_en = models.CharField(_("waarom er geen link is (Engels)"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    provider = models.ForeignKey(
        "schemes.Organisation", verbose_name=_("eigenaar of financier"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="schemes_provided",
    )
    executor = models.ForeignKey(
        "schemes.Organisation", verbose_name=_("uitvoerder"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="schemes_executed",
    )
    umbrella = models.ForeignKey(
        "schemes.Organisation", verbose_name=_("koepel"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="schemes_umbrella",
    )

    # Matching tags (codes from schemes.vocabulary). Empty = open to all.
    stages = models.JSONField(_("fasen"), default=list, blank=True)
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    business_areas = models.JSONField(_("bedrijfsonderdelen"), default=list, blank=True)
    sectors = models.JSONField(_("sectoren"), default=list, blank=True)
    barriers = models.JSONField(_("belemmeringen waar het bij helpt"), default=list, blank=True)
    journey_steps = models.JSONField(_("stappen in de klantreis (1-6)"), default=list, blank=True)

    # Geography: national, or only the listed provinces and/or municipalities.
    scope = models.CharField(
        _("gebied"), max_length=10, choices=v.GeographicScope.choices, default=v.GeographicScope.NATIONAL
    )
    provinces = models.ManyToManyField(
        "schemes.Province", verbose_name=_("provincies"), blank=True, related_name="schemes")
    municipalities = models.ManyToManyField(
        "schemes.Municipality", verbose_name=_("gemeenten"), blank=True, related_name="schemes")

    # Who may apply.
    sme_only = models.BooleanField(_("alleen voor mkb"), default=False)
    large_companies_max = models.PositiveSmallIntegerField(
        _("maximaal aantal grote bedrijven in het consortium"), null=True, blank=True
    )
    requires_consortium = models.BooleanField(_("alleen voor een samenwerking (consortium)"), default=False)
    consortium_min_smes = models.PositiveSmallIntegerField(_("minimaal aantal mkb'ers"), null=True, blank=True)
    consortium_max_smes = models.PositiveSmallIntegerField(_("maximaal aantal mkb'ers"), null=True, blank=True)
    min_chain_roles = models.PositiveSmallIntegerField(
        _("minimaal aantal verschillende rollen in de keten"), null=True, blank=True
    )
    # domain §2.2 (public RVO material): the CKP lead applicant (penvoerder) is an SME. Null: unknown.
    lead_applicant_must_be_sme = models.BooleanField(
        _("penvoerder moet een mkb'er zijn"), null=True, blank=True,
        help_text=_("Ja: het eerste lid van het consortium (de penvoerder) moet een mkb-bedrijf zijn. Leeg: onbekend."),
    )
    requirements = models.JSONField(_("voorwaarden en documenten"), default=list, blank=True)
    # What the offer itself gives (e.g. a chain director): not offered to a company that already has it.
    provides = models.JSONField(
        _("wat dit aanbod geeft"), default=list, blank=True,
        help_text=_("Wie dit volgens de intake al heeft, krijgt dit aanbod niet te zien (bijvoorbeeld een "
                    "ketenregisseur inhuren, voor een keten die er al een heeft)."),
    )

    # What it costs and gives.
    is_free = models.BooleanField(_("gratis"), null=True, blank=True)
    cost_note = models.CharField(_("kosten voor de ondernemer"), max_length=300, blank=True)
    cost_note_en = models.CharField(_("kosten voor de ondernemer (Engels)"), max_length=300, blank=True)
    funding_percentage = models.PositiveSmallIntegerField(_("vergoeding (% van de kosten)"), null=True, blank=True)
    funding_max_eur = models.PositiveIntegerField(_("maximaal bedrag per bedrijf (euro)"), null=True, blank=True)
    support_note = models.CharField(_("omvang van de hulp"), max_length=300, blank=True)
    support_note_en = models.CharField(_("omvang van de hulp (Engels)"), max_length=300, blank=True)
    allocation = models.CharField(
        _("toekenning"), max_length=20, choices=v.Allocation.choices, default=v.Allocation.UNKNOWN
    )
    annual_capacity_note = models.CharField(_("capaciteit per jaar"), max_length=200, blank=True)
    # Without rounds we cannot tell "always open" from "we do not know when": the admin says which.
    is_ongoing = models.BooleanField(
        _("doorlopend beschikbaar"), null=True, blank=True,
        help_text=_("Ja: u kunt er altijd terecht, zonder aanvraagrondes. Leeg: onbekend."),
    )

    offer = models.CharField(
        _("soort aanbod"), max_length=20, choices=v.Offer.choices, default=v.Offer.APPLY,
        help_text=_("Een plan of iets waar u niets voor aanvraagt, krijgt geen 'onbekend wanneer u kunt aanvragen'."),
    )

    # Lifecycle and maintenance.
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    status = models.CharField(
        _("publicatie"), max_length=10, choices=v.PublicationStatus.choices, default=v.PublicationStatus.DRAFT,
        db_index=True,
    )
    last_verified_on = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("laatst gecontroleerd door"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    source_note = models.CharField(
        _("bronnen (intern)"), max_length=300, blank=True,
        help_text=_("Bronlabels zoals [000] en notities voor beheerders. Niet zichtbaar voor ondernemers."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[provinces, municipalities])

    class Meta:
        ordering = ["name"]
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("schemes:scheme-detail", kwargs={"slug": self.slug})


class ApplicationRound(models.Model):
    """One application window of a scheme, with its budget status (e.g. CKP 2024: 4 Apr-4 Sep)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("regeling"), on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("naam"), max_length=100, blank=True)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("sluit op"), null=True, blank=True)
    budget_eur = models.PositiveBigIntegerField(_("budget (euro)"), null=True, blank=True)
    budget_status = models.CharField(
        _("budget"), max_length=12, choices=v.BudgetStatus.choices, default=v.BudgetStatus.UNKNOWN
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "opens_on"]
        verbose_name = _("aanvraagronde")
        verbose_name_plural = _("aanvraagrondes")

    def __str__(self) -> str:
        return f"{self.scheme}: {self.opens_on:%d-%m-%Y}"


